import type { AddressInfo, Socket } from 'node:net'
import { DiskJournal } from './persistence.js'
import { createWireServer, type Logger } from './server.js'
import { Store } from './store.js'
import type { ReadStats } from './collection.js'

export interface EmbeddedMongoOptions {
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string
  /** 0 picks a free port. Default 0. */
  port?: number
  /** Listen on this Unix socket instead of host and port. */
  socketPath?: string
  /** Directory for the journal and snapshots; undefined keeps everything in memory. */
  dataDir?: string
  logger?: Logger
  /** Seconds between TTL monitor passes, as mongod's `ttlMonitorSleepSecs`. Default 60; tests use less. */
  ttlMonitorSleepSecs?: number
}

export interface EmbeddedMongo {
  /** mongodb://HOST:PORT/?directConnection=true, or the socket's path percent-encoded as HOST:PORT */
  url: string
  close (): Promise<void>
}

export type { ReadStats } from './collection.js'

const stores = new WeakMap<EmbeddedMongo, Store>()

/**
 * Which index the last read of `db.coll` used and how many documents it examined.
 * A test hook (like a tiny `explain`), not part of MongoDB's surface.
 */
export function lastReadStats (server: EmbeddedMongo, db: string, coll: string): ReadStats | undefined {
  return stores.get(server)?.get(db, coll)?.lastRead
}

/**
 * Runs one TTL monitor pass now (as if its timer fired) and resolves, once its deletions are
 * journaled, to how many documents it deleted. A test hook, not part of MongoDB's surface.
 */
export async function runTtlMonitor (server: EmbeddedMongo): Promise<number> {
  return await (ttlPasses.get(server)?.() ?? 0)
}

const ttlPasses = new WeakMap<EmbeddedMongo, () => Promise<number>>()

const silent: Logger = { info () {}, warn () {}, error () {} }

const tcpAddress = (host: string, { port }: AddressInfo): string => `${host.includes(':') ? `[${host}]` : host}:${port}`

/** Starts a MongoDB-compatible development/test server (see README.md in this folder). */
export async function startEmbeddedMongo (options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const host = options.host ?? '127.0.0.1'
  const logger = options.logger ?? silent
  const sleepSecs = options.ttlMonitorSleepSecs ?? 60
  if (!(sleepSecs > 0)) throw new RangeError('ttlMonitorSleepSecs must be a positive number')
  const store = new Store()
  let journal: DiskJournal | undefined
  if (options.dataDir !== undefined) {
    journal = new DiskJournal(options.dataDir, store)
    journal.open(logger)
  }
  const server = createWireServer({ store, logger, commit: (journaled) => journaled ? journal?.commit() : journal?.commitSoon() })
  const sockets = new Set<Socket>()
  server.on('connection', s => { sockets.add(s); s.on('close', () => sockets.delete(s)) })
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      const listening = (): void => { server.off('error', reject); resolve() }
      if (options.socketPath === undefined) server.listen(options.port ?? 0, host, listening)
      else server.listen(options.socketPath, listening)
    })
  } catch (err) {
    await journal?.close()
    throw err
  }
  const address = options.socketPath === undefined ? tcpAddress(host, server.address() as AddressInfo) : encodeURIComponent(options.socketPath)
  const url = `mongodb://${address}/?directConnection=true`
  logger.info({ url, dataDir: options.dataDir ?? null }, 'embedded mongo: listening')
  const ttlPass = async (): Promise<number> => {
    try {
      const deleted = store.expireTtl()
      await journal?.commit()
      return deleted
    } catch (err) {
      logger.error({ err }, 'embedded mongo: TTL monitor pass failed')
      return 0
    }
  }
  // Unref'd: a pending TTL pass never keeps the process alive.
  const ttlTimer = setInterval(() => { ttlPass().catch(() => {}) }, sleepSecs * 1000).unref()
  let closed: Promise<void> | undefined
  const handle: EmbeddedMongo = {
    url,
    close: async () => {
      clearInterval(ttlTimer)
      closed ??= new Promise<void>(resolve => {
        server.close(() => resolve())
        for (const s of sockets) s.destroy()
      }).then(() => journal?.close())
      return await closed
    }
  }
  stores.set(handle, store)
  ttlPasses.set(handle, ttlPass)
  return handle
}
