import { join } from 'node:path'
import type { Logger } from 'pino'
import type { Config } from '../config.js'
import { mongoUrl, postgresUrl } from '../lib/database-urls.js'
import { startEmbeddedPostgres } from './postgres.js'
import { findMongod, startMongod } from './mongod.js'
import { startEmbeddedMongo } from './mongo/index.js'

export interface Databases {
  /** The config with DATABASE_URL and MONGODB_URL pointing at what is running. */
  config: Config
  close: () => Promise<void>
}

/**
 * Gives the app two reachable databases: configured servers when URLs (or host variables) are
 * set, otherwise embedded ones with their data under DATA_DIR — PGlite for Postgres, and for
 * MongoDB a real `mongod` when one is installed, else the embedded MongoDB-compatible store.
 */
export async function startDatabases (config: Config, log: Logger): Promise<Databases> {
  const closers: Array<() => Promise<void>> = []
  const overrides: { DATABASE_URL?: string, POSTGRES_POOL_MAX?: number, MONGODB_URL?: string } = {}

  if (!postgresUrl(config)) {
    const dataDir = join(config.DATA_DIR, 'postgres')
    const pg = await startEmbeddedPostgres({ dataDir })
    closers.push(pg.close)
    // PGlite serialises queries; one pooled connection avoids waiting on an open transaction.
    Object.assign(overrides, { DATABASE_URL: pg.url, POSTGRES_POOL_MAX: 1 })
    log.info({ dataDir }, 'postgres: embedded PGlite')
  }

  if (!mongoUrl(config)) {
    const binary = findMongod(config.MONGOD_BINARY)
    const dataDir = join(config.DATA_DIR, binary ? 'mongod' : 'mongo')
    const mongo = binary ? await startMongod(binary, dataDir) : await startEmbeddedMongo({ dataDir, logger: log })
    closers.push(mongo.close)
    overrides.MONGODB_URL = mongo.url
    log.info({ dataDir, binary }, binary ? 'mongodb: local mongod' : 'mongodb: embedded MongoDB-compatible store (development only)')
  }

  if (closers.length > 0 && config.NODE_ENV === 'production') {
    log.warn('production without DATABASE_URL/MONGODB_URL: embedded databases are per-process, for development only')
  }

  return {
    config: Object.freeze({ ...config, ...overrides }),
    close: async () => {
      for (const close of closers.reverse()) await close()
    }
  }
}
