import tap from 'tap'
import { borrowDatabases } from './database-pool.js'
import { dockerMayAnswer } from './docker.js'

export interface TestDatabases {
  kind: string
  postgresUrl: string
  mongoUrl: string
  /** The Postgres is private to this process (PGlite), so one pooled connection is all it takes. */
  embeddedPostgres: boolean
}

let chosen: Promise<TestDatabases> | undefined
const closers: Array<() => Promise<void>> = []

async function fromContainers (): Promise<TestDatabases | undefined> {
  try {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql')
    const { MongoDBContainer } = await import('@testcontainers/mongodb')
    const pg = await new PostgreSqlContainer('postgres:16-alpine').start()
    closers.push(async () => { await pg.stop() })
    const mongo = await new MongoDBContainer('mongo:7').start()
    closers.push(async () => { await mongo.stop() })
    return { kind: 'testcontainers', postgresUrl: pg.getConnectionUri(), mongoUrl: `${mongo.getConnectionString()}?directConnection=true`, embeddedPostgres: false }
  } catch (error) {
    if (/container runtime/i.test((error as Error).message)) return undefined
    throw error
  }
}

async function started (server: Promise<{ url: string, close: () => Promise<void> }>): Promise<string> {
  const { url, close } = await server
  closers.push(close)
  return url
}

async function startPostgres (): Promise<{ url: string, close: () => Promise<void> }> {
  const { startEmbeddedPostgres } = await import('../../src/embedded/postgres.js')
  const { loadPgliteSnapshot } = await import('./pglite-snapshot.js')
  return startEmbeddedPostgres({ snapshot: await loadPgliteSnapshot() })
}

async function choose (): Promise<TestDatabases> {
  const env = process.env
  if (env.DATABASE_URL && env.MONGODB_URL) {
    return { kind: 'configured URLs', postgresUrl: env.DATABASE_URL, mongoUrl: env.MONGODB_URL, embeddedPostgres: false }
  }
  const containers = env.DATABASE_URL || env.MONGODB_URL || !dockerMayAnswer() ? undefined : await fromContainers()
  if (containers) return containers
  const lent = env.DATABASE_URL || env.MONGODB_URL ? undefined : await borrowDatabases()
  if (lent) {
    closers.push(lent.giveBack)
    return { kind: 'embedded PGlite + embedded MongoDB-compatible store, lent by the run\'s pool', postgresUrl: lent.postgresUrl, mongoUrl: lent.mongoUrl, embeddedPostgres: true }
  }
  // Imported only here: loading PGlite and the store is a good part of what the pool saves.
  const postgresUrl = env.DATABASE_URL ?? await started(startPostgres())
  const mongoUrl = env.MONGODB_URL ?? await started(import('../../src/embedded/mongo/index.js').then(({ startEmbeddedMongo }) => startEmbeddedMongo()))
  const kind = `${env.DATABASE_URL ? 'configured Postgres' : 'embedded PGlite'} + ${env.MONGODB_URL ? 'configured MongoDB' : 'embedded MongoDB-compatible store'}`
  return { kind, postgresUrl, mongoUrl, embeddedPostgres: !env.DATABASE_URL }
}

/** Databases for this test process, chosen once: explicit URLs → testcontainers → the run's pool → embedded. */
export function testDatabases (): Promise<TestDatabases> {
  if (!chosen) {
    chosen = choose()
    // Shared by every app of this test file; stopped once the whole file is done.
    tap.teardown(closeTestDatabases)
  }
  return chosen
}

export async function closeTestDatabases (): Promise<void> {
  for (const close of closers.splice(0).reverse()) await close()
  chosen = undefined
}
