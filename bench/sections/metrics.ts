// Health-metric series on the embedded store: one user with 100k points of one type over 300
// days, the series per day (whole range), per week and per month, as req/s and p50/p99 next to
// a bare Fastify route measured in the same run. `first ms` is the uncached answer (the series
// are cached per user until their next write), p50/p99 the repeated, cached ones.
// `npm run bench -- metrics` or `npx tsx bench/sections/metrics.ts`.
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import Fastify from 'fastify'
import { ObjectId } from 'mongodb'
import { pino } from 'pino'
import { build } from '../../src/app.js'
import { configWith } from '../../src/config.js'
import { startDatabases } from '../../src/embedded/databases.js'
import { createTokenRepository } from '../../src/modules/auth/token-repository.js'
import { COLLECTIONS, type HealthMetricDoc } from '../../src/modules/documents.js'

interface Result { requests: { average: number }, latency: { p50: number, p99: number }, non2xx: number, errors: number }
type Autocannon = (options: { url: string, connections: number, duration?: number, amount?: number, headers?: Record<string, string> }) => Promise<Result>
// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5)
// A fixed number of requests per API route, not a duration: `latest` (not cached) takes about a second each on the embedded store.
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200)
const LATEST_REQUESTS = 15
const POINTS = 100_000
const DAYS = 300
// One request at a time: the embedded store shares this process, so more connections only queue behind each other.
const CONNECTIONS = 1
const DAY_MS = 86_400_000

/** POINTS heart-rate readings spread evenly over the DAYS days up to `end`, written straight to the store in batches. */
async function seed (app: Awaited<ReturnType<typeof build>>, userId: number, end: number): Promise<void> {
  const collection = app.mongo.db!.collection<HealthMetricDoc>(COLLECTIONS.healthMetrics)
  const step = (DAYS * DAY_MS) / POINTS
  const start = end - DAYS * DAY_MS
  for (let offset = 0; offset < POINTS; offset += 10_000) {
    const now = new Date()
    await collection.insertMany(Array.from({ length: 10_000 }, (_v, i) => ({
      _id: new ObjectId(),
      user_id: userId,
      type: 'resting_heart_rate',
      value: 50 + ((offset + i) * 7) % 40,
      unit: 'bpm',
      measured_at: new Date(Math.floor(start + (offset + i) * step)),
      source: 'Garmin Connect',
      notes: '',
      created_at: now,
      updated_at: now
    })))
  }
}

export default async function run (): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-metrics-'))
  // NODE_ENV=test: the embedded databases share this process, so load shedding would only measure itself.
  const base = configWith({
    DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', SEED_EXERCISES: false, RATE_LIMIT_MAX: 100_000_000, EXPENSIVE_RATE_LIMIT_MAX: 100_000_000, EXPENSIVE_CONCURRENCY_MAX: 1000, SHED_EVENT_LOOP_DELAY_MS: 0, SHED_LATENCY_MS: 0
  })
  const databases = await startDatabases(base, pino({ level: 'silent' }))
  const app = await build(databases.config, { logger: pino({ level: 'silent' }) })
  const bare = Fastify()
  bare.get('/bare', async () => ({ type: 'resting_heart_rate', value: 52 }))
  try {
    const address = await app.listen({ host: '127.0.0.1', port: 0 })
    const bareAddress = await bare.listen({ host: '127.0.0.1', port: 0 })
    const { rows: [user] } = await app.pg.query<{ id: number }>(
      "INSERT INTO users (username, email, password_hash) VALUES ('bench', 'bench@example.test', '$argon2id$not-a-real-hash') RETURNING id")
    const { token } = await createTokenRepository(app.pg.pool).issue(user.id, 1, { name: 'bench' })
    const headers = { authorization: `Token ${token}` }
    const end = Date.now()
    const seeding = Date.now()
    await seed(app, user.id, end)
    console.log(`seeded ${POINTS} points over ${DAYS} days in ${Date.now() - seeding} ms`)

    const today = new Date(end).toISOString().slice(0, 10)
    const first = new Date(end - (DAYS - 1) * DAY_MS).toISOString().slice(0, 10)
    const series = (interval: string) => `${address}/api/health-metrics/series?type=resting_heart_rate&interval=${interval}&date_from=${first}&date_to=${today}`
    const scenarios: Array<[string, string, Record<string, string>?]> = [
      ['bare Fastify route (same process)', `${bareAddress}/bare`],
      [`series per day (${DAYS} buckets, ${POINTS / 1000}k points)`, series('day'), headers],
      ['series per week (whole range)', series('week'), headers],
      ['series per month (whole range)', series('month'), headers],
      ['latest (one type, 100k points)', `${address}/api/health-metrics/latest`, headers]
    ]
    const rows = []
    for (const [label, url, scenarioHeaders] of scenarios) {
      const bare = scenarioHeaders === undefined
      // The first request computes the answer; the series are then cached until the next write (plugins/cache.ts).
      const started = performance.now()
      const first = await fetch(url, { headers: scenarioHeaders })
      if (first.status !== 200) throw new Error(`${url} answered ${first.status}: ${await first.text()}`)
      const cold = Math.round(performance.now() - started)
      await autocannon({ url, headers: scenarioHeaders, connections: CONNECTIONS, ...(bare ? { duration: 1 } : { amount: 2 }) }) // warm-up
      const result = await autocannon({ url, headers: scenarioHeaders, connections: CONNECTIONS, ...(bare ? { duration: DURATION_S } : { amount: url.endsWith('/latest') ? LATEST_REQUESTS : REQUESTS }) })
      rows.push({ label, 'first ms': cold, 'req/s': Math.round(result.requests.average * 10) / 10, 'p50 ms': result.latency.p50, 'p99 ms': result.latency.p99, 'non-2xx': result.non2xx + result.errors })
    }
    const [reference] = rows
    console.log(`${CONNECTIONS} connection; bare route ${DURATION_S} s after 1 s of warm-up, API routes ${REQUESTS} requests (latest ${LATEST_REQUESTS}) after 2; embedded store in this process; ratios divide by max(1 ms, bare p99)`)
    console.table(rows.map((row) => ({ ...row, 'p99 vs bare': (row['p99 ms'] / Math.max(1, reference['p99 ms'])).toFixed(1) })))
  } finally {
    await app.close()
    await bare.close()
    await databases.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run()
