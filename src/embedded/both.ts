import type { Logger } from 'pino'
import { startEmbeddedPostgres } from './postgres.js'
import { startEmbeddedMongo } from './mongo/index.js'

export interface EmbeddedPair { postgresUrl?: string, mongoUrl?: string, close: () => Promise<void> }

/**
 * PGlite and the embedded store on this process's event loop, started side by side; an absent
 * directory leaves that one out. Closes the store first, then Postgres (its socket and cluster).
 */
export async function startEmbeddedPair (postgresDir: string | undefined, mongoDir: string | undefined, log: Logger): Promise<EmbeddedPair> {
  const [postgres, mongo] = await Promise.all([
    postgresDir === undefined ? undefined : startEmbeddedPostgres({ dataDir: postgresDir }),
    mongoDir === undefined ? undefined : startEmbeddedMongo({ dataDir: mongoDir, logger: log })
  ])
  return {
    postgresUrl: postgres?.url,
    mongoUrl: mongo?.url,
    close: async () => { await mongo?.close(); await postgres?.close() }
  }
}
