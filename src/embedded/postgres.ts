import { mkdir } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface EmbeddedPostgres { url: string, close: () => Promise<void> }

export interface EmbeddedPostgresOptions {
  dataDir?: string
  port?: number
  /** A cluster saved by `snapshotEmptyCluster`: starting from it skips initdb (about 4 s of CPU). */
  snapshot?: Blob
}

/**
 * Real Postgres (PGlite, compiled to WASM) behind a local TCP socket, so `pg` connects to it
 * like to any server. PGlite runs one query at a time; the app uses a pool of 1 against it.
 */
export async function startEmbeddedPostgres (options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true })
  const db = await PGlite.create(options.dataDir, options.snapshot ? { loadDataDir: options.snapshot } : {})
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

/** A freshly initialised, empty cluster as an uncompressed tarball, for `startEmbeddedPostgres({ snapshot })`. */
export async function snapshotEmptyCluster (): Promise<Blob> {
  const db = await PGlite.create()
  try {
    return await db.dumpDataDir('none')
  } finally {
    await db.close()
  }
}
