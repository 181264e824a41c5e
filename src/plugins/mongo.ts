import fp from 'fastify-plugin'
import mongodb from '@fastify/mongodb'
import { MongoClient } from 'mongodb'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import { mongoUrl } from '../lib/database-urls.js'
import { createIndexBuilder, type IndexBuilder } from '../lib/mongo-indexes.js'
import { observeMongoPool } from '../lib/mongo-pool-metrics.js'

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Queues the given indexes (idempotent; built once connected) and returns a promise of them; the app is not
     * ready (and never listens) before every declared index exists. A no-op when built offline.
     */
    ensureMongoIndexes: IndexBuilder['ensure']
  }
}

interface MongoOptions {
  config: Config
  offline: boolean
  /** Settles once the server at the config's URL answers (it may still be starting while the app builds); default: now. */
  ready?: Promise<void>
}

// https://github.com/fastify/fastify-mongodb — we hand it our own client so that building the
// app offline (OpenAPI generation) never opens a connection; the driver connects lazily.
async function mongoPlugin (fastify: FastifyInstance, { config, offline, ready = Promise.resolve() }: MongoOptions) {
  const client = new MongoClient(mongoUrl(config) ?? 'mongodb://offline.invalid:27017', {
    // Bounds that turn a database outage into a prompt error (a 503, see errors.ts) instead of a hang.
    serverSelectionTimeoutMS: config.DATABASE_CONNECT_TIMEOUT_MS,
    connectTimeoutMS: config.DATABASE_CONNECT_TIMEOUT_MS,
    socketTimeoutMS: config.DATABASE_QUERY_TIMEOUT_MS,
    maxPoolSize: 20
  })
  const metrics = config.METRICS_ENABLED ? fastify.appMetrics : undefined
  if (metrics) observeMongoPool(client, metrics.registry)
  // Connected (and so checked) once the server answers, while the routes register; before that the
  // driver would only retry until its selection timeout.
  const connected = offline ? Promise.resolve() : ready.then(async () => { await client.connect() })
  connected.catch(() => {}) // reported by onReady below
  await fastify.register(mongodb, { client, database: config.MONGODB_DB })
  fastify.addHook('onClose', async () => { await client.close() })
  const indexes = createIndexBuilder(client.db(config.MONGODB_DB), connected)
  fastify.decorate('ensureMongoIndexes', offline ? async () => {} : indexes.ensure)
  // On the root, so it runs before the modules' own onReady hooks (which may rely on the indexes).
  fastify.addHook('onReady', async () => {
    await connected
    await indexes.built()
  })
}

export default fp(mongoPlugin, { name: 'mongo' })
