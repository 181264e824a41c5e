// Embedded MongoDB-compatible store, driven through the official driver:
// insert throughput, indexed vs unindexed equality finds at 100k documents, then
// countDocuments (what every paginated list calls) at 10k and 100k documents, then
// durable (journaled) write throughput with 1 and 32 concurrent writers.
// `npx tsx bench/sections/store.ts writes` runs the last part alone, `... counts` the counts, `... reads` the queries
// the API's list and stats endpoints send (page of 20 with its count, a $group, a projection).
import { mkdtempSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Collection, type Db, MongoClient } from 'mongodb'
import { startEmbeddedMongo } from '../../src/embedded/mongo/index.js'

const DOCS = 100_000
const BATCH = 1000
const QUERIES = 200
const WARMUP = 20

function percentile (sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]
}

async function timeQueries (run: (i: number) => Promise<unknown>): Promise<{ median: number, p99: number }> {
  for (let i = 0; i < WARMUP; i++) await run(QUERIES + i) // JIT and the GC settle first
  const ms: number[] = []
  for (let i = 0; i < QUERIES; i++) {
    const start = process.hrtime.bigint()
    await run(i)
    ms.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  ms.sort((a, b) => a - b)
  return { median: percentile(ms, 0.5), p99: percentile(ms, 0.99) }
}

const COUNTS = 20

/** countDocuments over half the collection: by an indexed field, an unindexed one, and everything. */
async function timeCounts (db: Db, coll: Collection): Promise<Record<string, string>> {
  const ms = async (run: () => Promise<unknown>): Promise<string> => {
    await run()
    const start = process.hrtime.bigint()
    for (let i = 0; i < COUNTS; i++) await run()
    return `${(Number(process.hrtime.bigint() - start) / 1e6 / COUNTS).toFixed(2)} ms`
  }
  return {
    'indexed (50%)': await ms(async () => await coll.countDocuments({ parity: 'even' })),
    'unindexed (50%)': await ms(async () => await coll.countDocuments({ odd: false })),
    'indexed, skip+limit': await ms(async () => await coll.countDocuments({ parity: 'even' }, { skip: 20, limit: 100 })),
    'empty filter': await ms(async () => await coll.countDocuments({})),
    'count command, indexed': await ms(async () => await db.command({ count: coll.collectionName, query: { parity: 'even' } }))
  }
}

async function countSection (client: MongoClient): Promise<void> {
  const table: Record<string, Record<string, string>> = {}
  for (const docs of [10_000, 100_000]) {
    const db = client.db('bench')
    const coll = db.collection(`count${docs}`)
    for (let b = 0; b < docs / BATCH; b++) {
      await coll.insertMany(Array.from({ length: BATCH }, (_, i) => ({ n: b * BATCH + i, parity: i % 2 === 0 ? 'even' : 'odd', odd: i % 2 === 1 })))
    }
    await coll.createIndex({ parity: 1 })
    table[`${docs} docs`] = await timeCounts(db, coll)
  }
  console.log(`countDocuments, mean of ${COUNTS}:`)
  console.table(table)
}

const WRITE_SECONDS = 3

/** insertOne acknowledgements per second from `writers` concurrent loops on one pooled client. */
async function writeRate (client: MongoClient, writers: number): Promise<number> {
  const coll = client.db('bench').collection(`writes${writers}`)
  await coll.insertOne({ warmup: true })
  let done = 0
  const deadline = Date.now() + WRITE_SECONDS * 1000
  const started = process.hrtime.bigint()
  await Promise.all(Array.from({ length: writers }, async (_, w) => {
    for (let i = 0; Date.now() < deadline; i++) {
      await coll.insertOne({ sessionId: `s${w}`, setNumber: i, reps: 8, weight: 60, at: new Date() })
      done++
    }
  }))
  return done / (Number(process.hrtime.bigint() - started) / 1e9)
}

/** Writes through the journal (a data directory, fsync per acknowledgement): 1 vs 32 writers. */
export async function writeSection (): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-writes-'))
  const server = await startEmbeddedMongo({ dataDir: dir })
  const client = new MongoClient(server.url, { maxPoolSize: 32 })
  try {
    const one = await writeRate(client, 1)
    const many = await writeRate(client, 32)
    console.log(`durable insertOne, ${WRITE_SECONDS} s each, data directory on ${tmpdir()}:`)
    console.table({
      '1 writer': { 'writes/s': Math.round(one) },
      '32 writers': { 'writes/s': Math.round(many), 'ratio to 1': `${(many / one).toFixed(2)}x` }
    })
  } finally {
    await client.close()
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

const USERS = 250
const SETS_PER_USER = 200

/** The API's read shapes on 50k set logs of 250 users: list page + count, stats $group, projected find. */
export async function readSection (): Promise<void> {
  const server = await startEmbeddedMongo()
  const client = new MongoClient(server.url)
  try {
    const logs = client.db('bench').collection('logs')
    for (let u = 0; u < USERS; u++) {
      await logs.insertMany(Array.from({ length: SETS_PER_USER }, (_, i) => ({
        user_id: u, exercise_id: `e${i % 12}`, reps: 5 + (i % 8), weight: 20 + (i % 40) * 2.5, completed_at: new Date(1_700_000_000_000 + i * 60_000), notes: 'x'.repeat(80)
      })))
    }
    await logs.createIndex({ user_id: 1, completed_at: -1 })
    const user = (i: number): number => (i * 37) % USERS
    const page = await timeQueries(async i => await Promise.all([
      logs.countDocuments({ user_id: user(i) }),
      logs.find({ user_id: user(i) }).sort({ completed_at: -1, _id: -1 }).skip(20).limit(20).toArray()
    ]))
    const group = await timeQueries(async i => await logs.aggregate([
      { $match: { user_id: user(i) } },
      { $group: { _id: '$exercise_id', sets: { $sum: 1 }, top: { $max: '$weight' } } }
    ]).toArray())
    const projected = await timeQueries(async i => await logs.find({ user_id: user(i) }, { projection: { reps: 1, weight: 1 } }).toArray())
    const ms = (n: number): string => `${n.toFixed(2)} ms`
    console.log(`reads: ${USERS * SETS_PER_USER} set logs, ${SETS_PER_USER} per user, index { user_id: 1, completed_at: -1 }, ${QUERIES} rounds each`)
    console.table({
      'page 2 of 20 + countDocuments': { median: ms(page.median), p99: ms(page.p99) },
      '$match + $group (stats)': { median: ms(group.median), p99: ms(group.p99) },
      'find + projection (200 docs)': { median: ms(projected.median), p99: ms(projected.p99) }
    })
  } finally {
    await client.close()
    await server.close()
  }
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
    const ms = (n: number): string => `${n.toFixed(2)} ms`
    console.table({
      insertMany: { 'inserts/s': Math.round(DOCS / seconds), total: `${seconds.toFixed(2)} s` },
      'find, indexed equality': { median: ms(indexed.median), p99: ms(indexed.p99) },
      'find, unindexed equality': { median: ms(unindexed.median), p99: ms(unindexed.p99) }
    })
    await countSection(client)
  } finally {
    await client.close()
    await server.close()
  }
  await readSection()
  await writeSection()
}

/** `... counts`: the countDocuments table alone, on its own server. */
async function countsAlone (): Promise<void> {
  const server = await startEmbeddedMongo()
  const client = new MongoClient(server.url)
  try {
    await countSection(client)
  } finally {
    await client.close()
    await server.close()
  }
}

// Runnable alone: `npx tsx bench/sections/store.ts`.
if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'writes') await writeSection()
  else if (process.argv[2] === 'reads') await readSection()
  else if (process.argv[2] === 'counts') await countsAlone()
  else await run()
}
