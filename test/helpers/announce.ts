// Runs once before the suite (tap `before`): says which databases the test files will use.
import { getContainerRuntimeClient } from 'testcontainers'
import { dockerMayAnswer } from './docker.js'
import { startDatabasePool } from './database-pool.js'
import { ensurePgliteSnapshot } from './pglite-snapshot.js'

async function dockerAnswers (): Promise<boolean> {
  if (!dockerMayAnswer()) return false
  try {
    await getContainerRuntimeClient()
    return true
  } catch {
    return false
  }
}

const env = process.env
let choice: string
let pooled = false
if (env.DATABASE_URL && env.MONGODB_URL) choice = 'configured URLs (DATABASE_URL, MONGODB_URL)'
else if (!env.DATABASE_URL && !env.MONGODB_URL && await dockerAnswers()) choice = 'testcontainers (postgres:16-alpine, mongo:7)'
else if (!env.DATABASE_URL && !env.MONGODB_URL) {
  choice = 'embedded PGlite + embedded MongoDB-compatible store, started pairs lent to one file at a time'
  pooled = true
} else choice = `${env.DATABASE_URL ? 'configured Postgres' : 'embedded PGlite'} + ${env.MONGODB_URL ? 'configured MongoDB' : 'embedded MongoDB-compatible store'}`
console.log(`# test databases: ${choice}; each test file gets its own Postgres schema and Mongo database`)
if (!env.DATABASE_URL) await ensurePgliteSnapshot()
if (pooled) await startDatabasePool()
