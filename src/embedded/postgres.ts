import { mkdir } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface EmbeddedPostgres { url: string, close: () => Promise<void> }

/**
 * Real Postgres (PGlite, compiled to WASM) behind a local TCP socket, so `pg` connects to it
 * like to any server. PGlite runs one query at a time; the app uses a pool of 1 against it.
 */
export async function startEmbeddedPostgres (options: { dataDir?: string, port?: number } = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true })
  const db = await PGlite.create(options.dataDir)
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections: 8 })
  await server.start()
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    close: async () => {
      await server.stop()
      await db.close()
    }
  }
}
