import fp from 'fastify-plugin'
import postgres from '@fastify/postgres'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import { postgresUrl } from '../lib/database-urls.js'
import { migrate, quoteIdent } from '../lib/migrate.js'

interface PostgresOptions {
  config: Config
  offline: boolean
  /** Settles once the server at the config's URL answers (it may still be starting while the app builds); default: now. */
  ready?: Promise<void>
}

// https://github.com/fastify/fastify-postgres — a `pg` pool as fastify.pg; migrations are done before the app is ready.
async function postgresPlugin (fastify: FastifyInstance, { config, offline, ready = Promise.resolve() }: PostgresOptions) {
  const connectionString = postgresUrl(config) ?? 'postgres://offline.invalid/none'
  await fastify.register(postgres, {
    connectionString,
    max: config.POSTGRES_POOL_MAX,
    // Bounds that turn a database outage into a prompt error (a 503, see errors.ts) instead of a hang:
    // waiting for a pooled client or a new connection, a statement on the server, a reply on the wire.
    connectionTimeoutMillis: config.DATABASE_CONNECT_TIMEOUT_MS,
    statement_timeout: config.DATABASE_QUERY_TIMEOUT_MS,
    query_timeout: config.DATABASE_QUERY_TIMEOUT_MS + config.DATABASE_CONNECT_TIMEOUT_MS
  })
  // An idle pooled connection that the server drops (restart, failover, network cut) is reported here;
  // pg-pool discards it and opens a new one on demand. Unheard, this 'error' would end the process.
  fastify.pg.pool.on('error', (error) => { fastify.log.warn({ reason: error.message }, 'postgres: idle connection lost') })
  const schema = config.POSTGRES_SCHEMA
  if (schema) {
    // Each pooled connection works inside the configured schema (tests give every file its own).
    fastify.pg.pool.on('connect', (client) => { client.query(`SET search_path TO ${quoteIdent(schema)}`).catch(() => {}) })
  }
  if (offline) return
  // Run while the routes register (nothing queries before onReady); the app is ready only after them.
  const migrated = ready.then(() => migrate(fastify.pg.pool, schema ?? 'public'))
  migrated.catch(() => {}) // reported by onReady below
  fastify.addHook('onReady', async () => {
    const { applied } = await migrated
    fastify.log.info({ applied, schema: schema ?? 'public' }, 'postgres migrations up to date')
  })
}

export default fp(postgresPlugin, { name: 'postgres' })
