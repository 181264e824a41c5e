import { mkdir } from 'node:fs/promises'
import { setFlagsFromString } from 'node:v8'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { copySavedCluster } from './pglite-snapshot.js'
import { startedPostgresUrl } from '../lib/database-urls.js'
import { postgresSocket } from './socket-dir.js'

export interface EmbeddedPostgres { url: string, close: () => Promise<void> }

export interface EmbeddedPostgresOptions {
  dataDir?: string
  port?: number
  /** Listen on a Unix socket in this directory instead of a TCP port. */
  socketDir?: string
  /**
   * An empty cluster as a tarball (`loadClusterSnapshot`) for an in-memory one: starting from it
   * skips initdb (about 4 s of CPU). An empty or missing dataDir gets a copy of the saved cluster.
   */
  snapshot?: Blob
}

/**
 * Memory settings (see docs/operations.md, "Memory each embedded database needs"). PGlite's WASM
 * heap only grows, and Postgres touches all of shared_buffers at start: initdb's 128MB default
 * cost ~120 MB of RSS before the first query. The development data set (users, tokens, the
 * Petstore: a few MB) fits 8MB; beyond it, pages come from the OS page cache. 16MB kept 8 MB more
 * of the WASM heap resident (30 → 22 MB after the HTTP bench). maintenance_work_mem bounds what
 * an index build takes.
 */
export const PGLITE_SETTINGS = ['shared_buffers=8MB', 'maintenance_work_mem=16MB']

/**
 * V8 compiles PGlite's 9 MB of WASM twice by default: quickly (Liftoff), then again optimised in
 * the background for hot functions. Skipping the second saves 50-70 MB of RSS and ~1 s of CPU at
 * start; queries measured no slower (Postgres's time per query here is short beside the rest).
 * The flag applies to WASM compiled after it (only PGlite's and undici's parser in this process).
 */
function compileWasmOnce (): void {
  setFlagsFromString('--liftoff-only')
}

/**
 * Real Postgres (PGlite, compiled to WASM) behind a local socket (TCP or Unix), so `pg` connects to it
 * like to any server. PGlite runs one query at a time; the app uses a pool of 1 against it.
 */
export async function startEmbeddedPostgres (options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  compileWasmOnce()
  const snapshot = options.dataDir === undefined ? options.snapshot : undefined
  if (options.dataDir !== undefined && !await copySavedCluster(options.dataDir)) await mkdir(options.dataDir, { recursive: true })
  const db = await PGlite.create(options.dataDir, {
    ...(snapshot ? { loadDataDir: snapshot } : {}),
    startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((setting) => ['-c', setting])]
  })
  const listen = options.socketDir === undefined ? { host: '127.0.0.1', port: options.port ?? 0 } : { path: postgresSocket(options.socketDir) }
  const server = new PGLiteSocketServer({ db, ...listen, maxConnections: 8 })
  await server.start()
  return {
    url: startedPostgresUrl(options.socketDir ?? server.getServerConn()),
    close: async () => {
      await server.stop()
      await db.close()
    }
  }
}
