import type { Logger } from 'pino'
import { mongoSocket, type Listener } from './socket-dir.js'

export interface EmbeddedPair { postgresUrl?: string, mongoUrl?: string, close: () => Promise<void> }

/** Where one embedded database keeps its data (absent: not started) and where it listens. */
export interface EmbeddedPlace extends Listener { dir?: string }

/**
 * PGlite and the embedded store on this process's event loop, started side by side; an absent
 * directory leaves that one out. Closes the store first, then Postgres (its socket and cluster).
 * Each is imported only here: a first start's cluster copy and PGlite's WASM compilation (disk work
 * and V8's background threads) get going while the store's code (~300 ms) still loads.
 */
export async function startEmbeddedPair (postgres: EmbeddedPlace, mongo: EmbeddedPlace, log: Logger): Promise<EmbeddedPair> {
  const [postgresDb, mongoDb] = await Promise.all([
    postgres.dir === undefined
      ? undefined
      : import('./postgres.js').then(({ startEmbeddedPostgres }) => startEmbeddedPostgres({ dataDir: postgres.dir, port: postgres.port, socketDir: postgres.socketDir })),
    mongo.dir === undefined
      ? undefined
      : import('./mongo/index.js').then(({ startEmbeddedMongo }) => startEmbeddedMongo({ dataDir: mongo.dir, port: mongo.port, socketPath: mongo.socketDir && mongoSocket(mongo.socketDir), logger: log }))
  ])
  return {
    postgresUrl: postgresDb?.url,
    mongoUrl: mongoDb?.url,
    close: async () => { await mongoDb?.close(); await postgresDb?.close() }
  }
}
