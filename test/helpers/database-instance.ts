// One pair of embedded test databases in a process of its own (see database-pool.ts): an in-memory
// PGlite started from the saved cluster and the MongoDB-compatible store. Prints their URLs as one
// JSON line; on each "reset" line from its pool, puts the Postgres session back as a fresh
// connection finds it and answers "ready"; closes both and exits when stdin ends.
import { createInterface } from 'node:readline'
import pg from 'pg'
import { startEmbeddedPostgres } from '../../src/embedded/postgres.js'
import { startEmbeddedMongo } from '../../src/embedded/mongo/index.js'
import { loadPgliteSnapshot } from './pglite-snapshot.js'

const postgres = await startEmbeddedPostgres({ snapshot: await loadPgliteSnapshot() })
const mongo = await startEmbeddedMongo()
process.stdout.write(`${JSON.stringify({ postgresUrl: postgres.url, mongoUrl: mongo.url })}\n`)

// PGlite has one session for all its connections: a test process that died inside a transaction,
// holding an advisory lock or with its own settings would hand them to the next file.
async function resetSession (): Promise<void> {
  const client = new pg.Client({ connectionString: postgres.url })
  await client.connect()
  try {
    await client.query('ROLLBACK')
    await client.query('DISCARD ALL')
  } finally {
    await client.end()
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'reset') continue
  await resetSession()
  process.stdout.write('ready\n')
}
await mongo.close()
await postgres.close()
