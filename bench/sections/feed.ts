// The feed of a user who follows 500 users with 100k completed sessions in total, on the embedded
// store: first page and a deep cursor page, cold (cache scope bumped before each request) and
// cached, against a bare route of the same app, with the in-process cache and with Redis
// (REDIS_URL, default redis://127.0.0.1:6379; skipped when it does not answer).
// `npm run bench -- feed` or `npx tsx bench/sections/feed.ts`.
import { pathToFileURL } from 'node:url'
import { ObjectId } from 'mongodb'
import type { FastifyInstance } from 'fastify'
import { Redis } from 'ioredis'
import { build } from '../../src/app.js'
import { configWith } from '../../src/config.js'
import { startEmbeddedMongo } from '../../src/embedded/mongo/index.js'
import { startEmbeddedPostgres } from '../../src/embedded/postgres.js'
import { COLLECTIONS, type SessionDoc } from '../../src/modules/documents.js'
import { createTokenRepository } from '../../src/modules/auth/token-repository.js'
import { encodeCursor } from '../../src/modules/social/feed-cursor.js'
import { feedAuthorScope } from '../../src/modules/social/feed-scopes.js'
import { newSessionDoc } from '../../src/modules/sessions/rules.js'

const AUTHORS = 500
const SESSIONS = 100_000
const DAY = 86_400_000
const SPAN = 365 * DAY
const RUNS = 200
const COLD_RUNS = 50

interface Figures { p99: number, rps: number }

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]

/** Sequential requests through inject: p99 and requests per second of one client. */
async function measure (app: FastifyInstance, url: string, headers: Record<string, string>, runs: number, before?: () => Promise<void>): Promise<Figures> {
  for (let i = 0; i < 5; i++) { await before?.(); await app.inject({ url, headers }) }
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    await before?.()
    const started = process.hrtime.bigint()
    const res = await app.inject({ url, headers })
    times.push(Number(process.hrtime.bigint() - started) / 1e6)
    if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`)
  }
  const total = times.reduce((a, b) => a + b, 0)
  times.sort((a, b) => a - b)
  return { p99: quantile(times, 0.99), rps: runs / (total / 1000) }
}

async function seed (app: FastifyInstance): Promise<{ viewer: number, headers: Record<string, string> }> {
  const { rows } = await app.pg.query<{ id: number }>(
    `INSERT INTO users (username, email, password_hash, role)
     SELECT 'bench_' || n, 'bench_' || n || '@example.test', '$argon2id$not-a-real-hash', 'member' FROM generate_series(0, $1) AS n RETURNING id`, [AUTHORS])
  const [viewer, ...authors] = rows.map((row) => row.id)
  await app.pg.query('INSERT INTO follows (follower_id, followee_id, status) SELECT $1, unnest($2::int[]), \'accepted\'', [viewer, authors])
  const { token } = await createTokenRepository(app.pg.pool).issue(viewer, 1, { name: 'bench' })
  const now = Date.now()
  let batch: SessionDoc[] = []
  for (let i = 0; i < SESSIONS; i++) {
    const end = new Date(now - SPAN + Math.floor((i + 1) * SPAN / SESSIONS))
    const start = new Date(end.getTime() - 3_600_000)
    batch.push({
      _id: new ObjectId(),
      ...newSessionDoc({
        user_id: authors[i % AUTHORS],
        workout_id: null,
        name: 'Bench',
        status: 'completed',
        scheduled_for: null,
        start_time: start,
        notes: '',
        visibility: i % 10 === 0 ? 'private' : 'followers',
        now: start
      }),
      end_time: end,
      actual_duration_minutes: 60,
      total_volume: 5000,
      total_reps: 100,
      updated_at: end
    })
    if (batch.length === 5000) { await app.mongo.db!.collection<SessionDoc>(COLLECTIONS.sessions).insertMany(batch); batch = [] }
  }
  return { viewer, headers: { authorization: `Token ${token}` } }
}

async function redisAnswers (url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 1000 })
  try { await redis.connect(); await redis.ping(); return true } catch { return false } finally { redis.disconnect() }
}

export default async function run (): Promise<void> {
  const mongo = await startEmbeddedMongo()
  const pg = await startEmbeddedPostgres()
  const base = {
    DATABASE_URL: pg.url,
    MONGODB_URL: mongo.url,
    LOG_LEVEL: 'silent',
    SEED_EXERCISES: false,
    NODE_ENV: 'test',
    SHED_EVENT_LOOP_DELAY_MS: 0,
    SHED_LATENCY_MS: 0,
    RATE_LIMIT_MAX: 1_000_000,
    REDIS_KEY_PREFIX: `bench-feed-${Date.now()}:`
  } as const
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
  const stores: Array<[string, Record<string, string>]> = [['memory', {}]]
  if (await redisAnswers(redisUrl)) stores.push(['redis', { REDIS_URL: redisUrl }])
  else console.log(`Redis at ${redisUrl} does not answer: the Redis rows are skipped`)
  const table: string[] = []
  let seeded: { viewer: number, headers: Record<string, string> } | undefined
  try {
    for (const [store, extra] of stores) {
      const app = await build(configWith({ ...base, ...extra }))
      app.get('/bench/bare', async () => ({ ok: true }))
      await app.ready()
      try {
        if (!seeded) {
          const started = Date.now()
          seeded = await seed(app)
          console.log(`seeded ${AUTHORS} followed authors and ${SESSIONS} completed sessions in ${Date.now() - started} ms`)
        }
        const { viewer, headers } = seeded
        const deep = `/api/feed?cursor=${encodeCursor({ end: new Date(Date.now() - 300 * DAY), id: 'f'.repeat(24) })}`
        const cold = () => app.cache.bump(feedAuthorScope(viewer))
        const bare = await measure(app, '/bench/bare', headers, RUNS)
        const rows: Array<[string, Figures]> = [
          ['bare route', bare],
          ['first page, cold', await measure(app, '/api/feed', headers, COLD_RUNS, cold)],
          ['first page, cached', await measure(app, '/api/feed', headers, RUNS)],
          ['deep page (300 days back), cold', await measure(app, deep, headers, COLD_RUNS, cold)],
          ['deep page (300 days back), cached', await measure(app, deep, headers, RUNS)]
        ]
        for (const [name, f] of rows) {
          const line = `| ${store.padEnd(6)} | ${name.padEnd(34)} | ${f.p99.toFixed(2).padStart(8)} | ${(f.p99 / bare.p99).toFixed(1).padStart(9)} | ${f.rps.toFixed(0).padStart(7)} | ${(f.rps / bare.rps).toFixed(3).padStart(9)} |`
          console.log(line)
          table.push(line)
        }
      } finally {
        await app.close()
      }
    }
    console.log(`\n${RUNS} sequential requests (cold: ${COLD_RUNS}) after 5 warm-up ones, app.inject, embedded store and PGlite in this process, 20 items a page\n`)
    console.log('| cache  | request                            |   p99 ms | p99/bare  |   req/s | req/s/bare |')
    console.log('|--------|------------------------------------|----------|-----------|---------|-----------|')
    for (const line of table) console.log(line)
  } finally {
    await mongo.close()
    await pg.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run()
