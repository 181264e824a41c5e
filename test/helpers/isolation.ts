import { randomBytes } from 'node:crypto'
import { basename } from 'node:path'
import { MongoClient } from 'mongodb'
import pg from 'pg'
import { Redis } from 'ioredis'
import { configWith, type Config } from '../../src/config.js'
import type { TestDatabases } from './databases.js'

/** Cheap argon2 parameters: the suite checks behaviour, not hashing cost (64 MiB × 3 passes would be most of its CPU). */
export const CHEAP_ARGON2 = { ARGON2_MEMORY_KIB: 1024, ARGON2_TIME_COST: 1, ARGON2_PARALLELISM: 1 } as const

/** A test config on the given databases, in a Mongo database and Postgres schema named for this process alone. */
export function isolatedConfig (dbs: TestDatabases, overrides: Partial<Config> = {}): Config {
  const isolation = `t_${basename(process.argv[1] ?? 'test').replace(/\W+/g, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`.toLowerCase()
  return configWith({
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    SEED_EXERCISES: false,
    ...CHEAP_ARGON2,
    DATABASE_URL: dbs.postgresUrl,
    MONGODB_URL: dbs.mongoUrl,
    POSTGRES_SCHEMA: isolation,
    POSTGRES_POOL_MAX: dbs.embeddedPostgres ? 1 : 5,
    MONGODB_DB: isolation,
    RATE_LIMIT_MAX: 100_000,
    EXPENSIVE_RATE_LIMIT_MAX: 100_000,
    EXPENSIVE_CONCURRENCY_MAX: 1000,
    // The test process runs both embedded databases, which keeps its event loop busy enough to shed.
    SHED_EVENT_LOOP_DELAY_MS: 0,
    SHED_LATENCY_MS: 0,
    // CI runs the cache's users a second time with REDIS_URL set: the same tests on both stores.
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    REDIS_KEY_PREFIX: `${isolation}:`,
    ...overrides
  })
}

/** Drops what `isolatedConfig` named (the app creates both on start), and its Redis keys when it used Redis. */
export async function dropIsolation (config: Config): Promise<void> {
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
  if (config.REDIS_URL) {
    const redis = new Redis(config.REDIS_URL)
    try {
      const keys = await redis.keys(`${config.REDIS_KEY_PREFIX}*`)
      if (keys.length > 0) await redis.del(...keys)
    } finally {
      redis.disconnect()
    }
  }
}
