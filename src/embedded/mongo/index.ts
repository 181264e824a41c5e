import type { AddressInfo } from 'node:net'
import { createWireServer, type Logger } from './server.js'
import { Store } from './store.js'

export interface EmbeddedMongoOptions {
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string
  /** 0 picks a free port. Default 0. */
  port?: number
  /** Directory for the journal and snapshots; undefined keeps everything in memory. */
  dataDir?: string
  logger?: Logger
}

export interface EmbeddedMongo {
  /** mongodb://HOST:PORT/?directConnection=true */
  url: string
  port: number
  close (): Promise<void>
}

const silent: Logger = { info () {}, warn () {}, error () {} }

/** Starts a MongoDB-compatible development/test server (see README.md in this folder). */
export async function startEmbeddedMongo (options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const host = options.host ?? '127.0.0.1'
  const logger = options.logger ?? silent
  const store = new Store()
  const server = createWireServer({ store, logger, afterWrite: () => {} })
  const sockets = new Set<import('node:net').Socket>()
  server.on('connection', s => { sockets.add(s); s.on('close', () => sockets.delete(s)) })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => { server.off('error', reject); resolve() })
  })
  const port = (server.address() as AddressInfo).port
  const shownHost = host.includes(':') ? `[${host}]` : host
  const url = `mongodb://${shownHost}:${port}/?directConnection=true`
  logger.info({ url, dataDir: options.dataDir ?? null }, 'embedded mongo: listening')
  let closed: Promise<void> | undefined
  return {
    url,
    port,
    close: async () => {
      closed ??= new Promise<void>(resolve => {
        server.close(() => resolve())
        for (const s of sockets) s.destroy()
      })
      return await closed
    }
  }
}
