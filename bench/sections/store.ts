// Embedded MongoDB-compatible store, driven through the official driver:
// insert throughput, then indexed vs unindexed equality finds at 100k documents.
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { MongoClient } from 'mongodb'
import { startEmbeddedMongo } from '../../src/embedded/mongo/index.js'

const DOCS = 100_000
const BATCH = 1000
const QUERIES = 200

function percentile (sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]
}

async function timeQueries (run: (i: number) => Promise<unknown>): Promise<{ median: number, p99: number }> {
  const ms: number[] = []
  for (let i = 0; i < QUERIES; i++) {
    const start = process.hrtime.bigint()
    await run(i)
    ms.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  ms.sort((a, b) => a - b)
  return { median: percentile(ms, 0.5), p99: percentile(ms, 0.99) }
}

export default async function run (): Promise<void> {
  const server = await startEmbeddedMongo()
  const client = new MongoClient(server.url)
  try {
    const coll = client.db('bench').collection('store')
    const started = process.hrtime.bigint()
    for (let b = 0; b < DOCS / BATCH; b++) {
      await coll.insertMany(Array.from({ length: BATCH }, (_, i) => {
        const n = b * BATCH + i
        return { n, userId: `user-${n % 5000}`, bucket: n % 5000, weight: (n % 200) + 20, at: new Date(1_700_000_000_000 + n * 1000) }
      }))
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    await coll.createIndex({ userId: 1 })
    // Both fields select 20 of the 100k documents; only userId is indexed.
    const indexed = await timeQueries(async i => await coll.find({ userId: `user-${(i * 37) % 5000}` }).toArray())
    const unindexed = await timeQueries(async i => await coll.find({ bucket: (i * 37) % 5000 }).toArray())
    console.log(`store: ${DOCS} documents, insertMany batches of ${BATCH}, ${QUERIES} queries each (20 matches per query)`)
    console.table({
      insertMany: { result: `${Math.round(DOCS / seconds)} inserts/s`, total: `${seconds.toFixed(2)} s` },
      'find, indexed equality': { result: `median ${indexed.median.toFixed(2)} ms`, total: `p99 ${indexed.p99.toFixed(2)} ms` },
      'find, unindexed equality': { result: `median ${unindexed.median.toFixed(2)} ms`, total: `p99 ${unindexed.p99.toFixed(2)} ms` }
    })
  } finally {
    await client.close()
    await server.close()
  }
}

// Runnable alone: `npx tsx bench/sections/store.ts`.
if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) await run()
