import { join } from 'node:path'
import type { Logger } from 'pino'
import type { Config } from '../config.js'
import { mongoUrl, postgresUrl, startedMongoUrl, startedPostgresUrl } from '../lib/database-urls.js'
import { freePort } from '../lib/free-port.js'
import { findMongod, startMongod } from './mongod.js'
import { startDatabaseProcess } from './child/index.js'
import { createSocketDir, mongoSocket, removeSocketDir, type Listener } from './socket-dir.js'

export interface Databases {
  /** The config with DATABASE_URL and MONGODB_URL pointing at what is running. */
  config: Config
  close: () => Promise<void>
  /** Settles if an embedded database process exits without being asked to; never otherwise. */
  lost: Promise<Error>
}

export interface StartingDatabases extends Databases {
  /** Settles once every database in `config` answers; rejects if one cannot start. */
  ready: Promise<void>
}

export interface StartDatabasesOptions {
  /** Run PGlite and the store on this process's event loop instead of a child process (tests, one-shot commands). */
  inProcess?: boolean
}

interface Embedded { postgresUrl?: string, mongoUrl?: string, ready: Promise<void>, close: () => Promise<void>, lost: Promise<Error>, pid: number }

async function startInProcess (postgresDir: string | undefined, mongoDir: string | undefined, log: Logger): Promise<Embedded> {
  // Imported here: the server's own process runs neither PGlite nor the store (the child does), and
  // loading them there cost start-up time and memory for nothing.
  const { startEmbeddedPair } = await import('./both.js')
  const pair = await startEmbeddedPair({ dir: postgresDir }, { dir: mongoDir }, log)
  return { ...pair, ready: Promise.resolve(), lost: new Promise(() => {}), pid: process.pid }
}

/**
 * The database process, listening where chosen here so that the URLs are known before it listens:
 * the server builds its app meanwhile (src/server.ts). Unix sockets in a private directory where
 * the platform allows (./socket-dir.ts), else free ports on 127.0.0.1: should another process take
 * one in between, `ready` rejects with the child's EADDRINUSE.
 */
async function startOutOfProcess (postgresDir: string | undefined, mongoDir: string | undefined, log: Logger): Promise<Embedded> {
  const socketDir = await createSocketDir()
  const [postgres, mongo]: Listener[] = socketDir === undefined
    ? await Promise.all([freePort(), freePort()]).then((ports) => ports.map((port) => ({ port })))
    : [{ socketDir }, { socketDir }]
  const child = startDatabaseProcess({ postgres: { dir: postgresDir, ...postgres }, mongo: { dir: mongoDir, ...mongo }, socketDir, logLevel: log.level })
  return {
    ...child,
    // The child removes the directory when it stops; this covers a child that was killed.
    close: async () => {
      await child.close()
      if (socketDir !== undefined) await removeSocketDir(socketDir)
    },
    postgresUrl: postgresDir === undefined ? undefined : startedPostgresUrl(postgres.socketDir ?? `127.0.0.1:${postgres.port}`),
    mongoUrl: mongoDir === undefined ? undefined : startedMongoUrl(mongo.socketDir === undefined ? `127.0.0.1:${mongo.port}` : mongoSocket(mongo.socketDir))
  }
}

/**
 * Gives the app two reachable databases: configured servers when URLs (or host variables) are
 * set, otherwise embedded ones with their data under DATA_DIR — PGlite for Postgres, and for
 * MongoDB a real `mongod` when one is installed, else the embedded MongoDB-compatible store.
 * The embedded ones run in a child process (./child) unless `inProcess` is set.
 *
 * Resolves with their URLs as soon as those are known, which for the child process is before its
 * databases listen: `ready` says when they do. `startDatabases` waits for that.
 */
export async function launchDatabases (config: Config, log: Logger, options: StartDatabasesOptions = {}): Promise<StartingDatabases> {
  const closers: Array<() => Promise<void>> = []
  const overrides: { DATABASE_URL?: string, POSTGRES_POOL_MAX?: number, MONGODB_URL?: string } = {}
  const binary = mongoUrl(config) ? undefined : findMongod(config.MONGOD_BINARY)
  const postgresDir = postgresUrl(config) ? undefined : join(config.DATA_DIR, 'postgres')
  const mongoDir = mongoUrl(config) || binary ? undefined : join(config.DATA_DIR, 'mongo')
  const mongodPort = binary ? await freePort() : undefined

  const embedded = postgresDir === undefined && mongoDir === undefined
    ? undefined
    : await (options.inProcess ? startInProcess : startOutOfProcess)(postgresDir, mongoDir, log)
  const mongod = binary ? startMongod(binary, join(config.DATA_DIR, 'mongod'), mongodPort) : undefined
  mongod?.catch(() => {}) // reported through `ready`
  if (embedded) closers.push(embedded.close)
  if (mongod) closers.push(async () => { await (await mongod.catch(() => undefined))?.close() })

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
  if (mongodPort !== undefined) {
    overrides.MONGODB_URL = startedMongoUrl(`127.0.0.1:${mongodPort}`)
    log.info({ dataDir: join(config.DATA_DIR, 'mongod'), binary }, 'mongodb: local mongod')
  }

  if (closers.length > 0 && config.NODE_ENV === 'production') {
    log.warn('production without DATABASE_URL/MONGODB_URL: embedded databases are per-process, for development only')
  }

  const ready = Promise.all([embedded?.ready, mongod]).then(() => {})
  ready.catch(() => {}) // the caller's to report, through `ready`
  return {
    config: Object.freeze({ ...config, ...overrides }),
    ready,
    close: async () => {
      for (const close of closers.reverse()) await close()
    },
    lost: embedded?.lost ?? new Promise(() => {})
  }
}

/** `launchDatabases`, resolved once they all answer. */
export async function startDatabases (config: Config, log: Logger, options: StartDatabasesOptions = {}): Promise<Databases> {
  const { ready, ...databases } = await launchDatabases(config, log, options)
  try {
    await ready
  } catch (error) {
    await databases.close()
    throw error
  }
  return databases
}
