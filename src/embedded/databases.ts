import { join } from 'node:path'
import type { Logger } from 'pino'
import type { Config } from '../config.js'
import { mongoUrl, postgresUrl } from '../lib/database-urls.js'
import { findMongod, startMongod } from './mongod.js'
import { startDatabaseProcess } from './child/index.js'

export interface Databases {
  /** The config with DATABASE_URL and MONGODB_URL pointing at what is running. */
  config: Config
  close: () => Promise<void>
  /** Settles if an embedded database process exits without being asked to; never otherwise. */
  lost: Promise<Error>
}

export interface StartDatabasesOptions {
  /** Run PGlite and the store on this process's event loop instead of a child process (tests, one-shot commands). */
  inProcess?: boolean
}

interface Embedded { postgresUrl?: string, mongoUrl?: string, close: () => Promise<void>, lost: Promise<Error>, pid: number }

async function startInProcess (postgresDir: string | undefined, mongoDir: string | undefined, log: Logger): Promise<Embedded> {
  // Imported here: the server's own process runs neither PGlite nor the store (the child does), and
  // loading them there cost start-up time and memory for nothing.
  const { startEmbeddedPair } = await import('./both.js')
  return { ...await startEmbeddedPair(postgresDir, mongoDir, log), lost: new Promise(() => {}), pid: process.pid }
}

/**
 * Gives the app two reachable databases: configured servers when URLs (or host variables) are
 * set, otherwise embedded ones with their data under DATA_DIR — PGlite for Postgres, and for
 * MongoDB a real `mongod` when one is installed, else the embedded MongoDB-compatible store.
 * The embedded ones run in a child process (./child) unless `inProcess` is set.
 */
export async function startDatabases (config: Config, log: Logger, options: StartDatabasesOptions = {}): Promise<Databases> {
  const closers: Array<() => Promise<void>> = []
  const overrides: { DATABASE_URL?: string, POSTGRES_POOL_MAX?: number, MONGODB_URL?: string } = {}
  const binary = mongoUrl(config) ? undefined : findMongod(config.MONGOD_BINARY)
  const postgresDir = postgresUrl(config) ? undefined : join(config.DATA_DIR, 'postgres')
  const mongoDir = mongoUrl(config) || binary ? undefined : join(config.DATA_DIR, 'mongo')

  const [embedded, mongod] = await Promise.all([
    postgresDir === undefined && mongoDir === undefined
      ? undefined
      : options.inProcess
        ? startInProcess(postgresDir, mongoDir, log)
        : startDatabaseProcess({ postgresDir, mongoDir, logLevel: log.level }),
    binary ? startMongod(binary, join(config.DATA_DIR, 'mongod')) : undefined
  ])
  if (embedded) closers.push(embedded.close)
  if (mongod) closers.push(mongod.close)

  const where = embedded && embedded.pid !== process.pid ? { databasePid: embedded.pid } : {}
  if (embedded?.postgresUrl) {
    // PGlite serialises queries; one pooled connection avoids waiting on an open transaction.
    Object.assign(overrides, { DATABASE_URL: embedded.postgresUrl, POSTGRES_POOL_MAX: 1 })
    log.info({ dataDir: postgresDir, ...where }, 'postgres: embedded PGlite')
  }
  if (embedded?.mongoUrl) {
    overrides.MONGODB_URL = embedded.mongoUrl
    log.info({ dataDir: mongoDir, ...where }, 'mongodb: embedded MongoDB-compatible store (development only)')
  }
  if (mongod) {
    overrides.MONGODB_URL = mongod.url
    log.info({ dataDir: join(config.DATA_DIR, 'mongod'), binary }, 'mongodb: local mongod')
  }

  if (closers.length > 0 && config.NODE_ENV === 'production') {
    log.warn('production without DATABASE_URL/MONGODB_URL: embedded databases are per-process, for development only')
  }

  return {
    config: Object.freeze({ ...config, ...overrides }),
    close: async () => {
      for (const close of closers.reverse()) await close()
    },
    lost: embedded?.lost ?? new Promise(() => {})
  }
}
