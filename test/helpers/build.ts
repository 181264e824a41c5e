import { randomBytes } from 'node:crypto'
import { basename } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { MongoClient } from 'mongodb'
import pg from 'pg'
import { build as buildApp, type BuildOptions } from '../../src/app.js'
import { configWith, type Config } from '../../src/config.js'
import { testDatabases } from './databases.js'

interface Tap {
  teardown: (fn: () => unknown) => void
  name?: string
}

/**
 * The app against this process's test databases, in a Mongo database and Postgres schema of its
 * own (created here, dropped at teardown), ready to `inject`.
 */
export async function build (t: Tap, overrides: Partial<Config> = {}, options: BuildOptions = {}): Promise<FastifyInstance> {
  const dbs = await testDatabases()
  const isolation = `t_${basename(process.argv[1] ?? 'test').replace(/\W+/g, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`.toLowerCase()
  const config = configWith({
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    SEED_EXERCISES: false,
    DATABASE_URL: dbs.postgresUrl,
    MONGODB_URL: dbs.mongoUrl,
    POSTGRES_SCHEMA: isolation,
    POSTGRES_POOL_MAX: dbs.embeddedPostgres ? 1 : 5,
    MONGODB_DB: isolation,
    RATE_LIMIT_MAX: 100_000,
    ...overrides
  })
  const app = await buildApp(config, options)
  await app.ready()
  configs.set(app, config)
  t.teardown(async () => {
    await app.close()
    await dropIsolation(config)
  })
  return app
}

const configs = new WeakMap<FastifyInstance, Config>()

/**
 * A second app on the same Mongo database and Postgres schema as `app`: another replica of the
 * same deployment (nothing shared in process but the databases). `app`'s teardown drops them.
 */
export async function buildReplica (t: Tap, app: FastifyInstance, options: BuildOptions = {}): Promise<FastifyInstance> {
  const config = configs.get(app)
  if (!config) throw new Error('buildReplica: the app was not made by build()')
  const replica = await buildApp(config, options)
  await replica.ready()
  t.teardown(() => replica.close())
  return replica
}

async function dropIsolation (config: Config): Promise<void> {
  const mongo = new MongoClient(config.MONGODB_URL!)
  try {
    await mongo.db(config.MONGODB_DB).dropDatabase()
  } finally {
    await mongo.close()
  }
  const client = new pg.Client({ connectionString: config.DATABASE_URL })
  await client.connect()
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${config.POSTGRES_SCHEMA}" CASCADE`)
  } finally {
    await client.end()
  }
}
