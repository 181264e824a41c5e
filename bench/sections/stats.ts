// Stats latency on the embedded store: one user with 10k and then 100k set logs across two years.
// `npx tsx bench/sections/stats.ts` alone, or `npm run bench stats`.
import { pathToFileURL } from 'node:url'
import { ObjectId, type Db } from 'mongodb'
import type { FastifyInstance } from 'fastify'
import { build } from '../../src/app.js'
import { configWith } from '../../src/config.js'
import { startEmbeddedMongo } from '../../src/embedded/mongo/index.js'
import { startEmbeddedPostgres } from '../../src/embedded/postgres.js'
import { COLLECTIONS, type LogDoc, type SessionDoc } from '../../src/modules/documents.js'
import { createTokenRepository } from '../../src/modules/auth/token-repository.js'

const DAY = 86_400_000
const SETS_PER_SESSION = 20
const EXERCISES = 10
const RUNS = 50
const WARMUP = 5

async function createUser (app: FastifyInstance): Promise<{ id: number, headers: { authorization: string } }> {
  const { rows } = await app.pg.query<{ id: number }>(
    'INSERT INTO users (username, email, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING id',
    ['bench', 'bench@example.test', '$argon2id$not-a-real-hash', 'member'])
  // Like test/helpers/users.ts: the auth decorators live inside the modules' scope.
  const { token } = await createTokenRepository(app.pg.pool).issue(rows[0].id, 1, { name: 'bench' })
  return { id: rows[0].id, headers: { authorization: `Token ${token}` } }
}

/** `logs` working and warm-up sets in completed sessions spread evenly over the two years before `now`. */
async function seed (db: Db, userId: number, exercises: ObjectId[], logs: number, now: number): Promise<void> {
  await Promise.all([COLLECTIONS.logs, COLLECTIONS.sessions, COLLECTIONS.statsCache].map((c) => db.collection(c).deleteMany({ user_id: userId })))
  const sessionCount = Math.ceil(logs / SETS_PER_SESSION)
  const span = 730 * DAY
  let batch: LogDoc[] = []
  let sessions: SessionDoc[] = []
  for (let s = 0; s < sessionCount; s++) {
    const end = new Date(now - span + Math.floor((s + 1) * span / sessionCount) - 2 * 3_600_000)
    const start = new Date(end.getTime() - 3_600_000)
    const id = new ObjectId()
    let volume = 0
    let reps = 0
    let sets = 0
    for (let i = 0; i < SETS_PER_SESSION && s * SETS_PER_SESSION + i < logs; i++) {
      const warmup = i % 10 === 0
      const r = 3 + ((s * 7 + i * 3) % 10)
      const w = 20 + 2.5 * ((s + i * 5) % 40)
      if (!warmup) { volume += r * w; reps += r; sets++ }
      batch.push({
        _id: new ObjectId(),
        user_id: userId,
        workout_session_id: id,
        exercise_id: exercises[(s + i) % EXERCISES],
        set_number: i + 1,
        reps: r,
        weight: w,
        duration_seconds: null,
        distance: null,
        rpe: null,
        is_warmup: warmup,
        notes: '',
        completed_at: start,
        session_completed_at: end,
        created_at: start
      })
    }
    sessions.push({
      _id: id,
      user_id: userId,
      workout_id: null,
      name: 'Bench',
      status: 'completed',
      scheduled_for: null,
      start_time: start,
      session_date: start,
      end_time: end,
      actual_duration_minutes: 60,
      notes: '',
      rating: null,
      calories_burned: null,
      total_volume: volume,
      total_sets: sets,
      total_reps: reps,
      created_at: start,
      updated_at: end
    })
    if (batch.length >= 5000) {
      await db.collection<LogDoc>(COLLECTIONS.logs).insertMany(batch)
      await db.collection<SessionDoc>(COLLECTIONS.sessions).insertMany(sessions)
      batch = []
      sessions = []
    }
  }
  if (batch.length > 0) await db.collection<LogDoc>(COLLECTIONS.logs).insertMany(batch)
  if (sessions.length > 0) await db.collection<SessionDoc>(COLLECTIONS.sessions).insertMany(sessions)
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]

async function measure (app: FastifyInstance, url: string, headers: Record<string, string>, runs: number): Promise<{ first: number, median: number, p99: number }> {
  const once = async () => {
    const started = process.hrtime.bigint()
    const res = await app.inject({ url, headers })
    if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`)
    return Number(process.hrtime.bigint() - started) / 1e6
  }
  const first = await once()
  for (let i = 1; i < (runs < RUNS ? 2 : WARMUP); i++) await once()
  const times: number[] = []
  for (let i = 0; i < runs; i++) times.push(await once())
  times.sort((a, b) => a - b)
  return { first, median: quantile(times, 0.5), p99: quantile(times, 0.99) }
}

export default async function run (): Promise<void> {
  const mongo = await startEmbeddedMongo()
  const pg = await startEmbeddedPostgres()
  const app = await build(configWith({
    DATABASE_URL: pg.url, MONGODB_URL: mongo.url, POSTGRES_POOL_MAX: 1, LOG_LEVEL: 'silent', SEED_EXERCISES: false, NODE_ENV: 'test', SHED_EVENT_LOOP_DELAY_MS: 0, SHED_LATENCY_MS: 0, EXPENSIVE_RATE_LIMIT_MAX: 1_000_000, EXPENSIVE_CONCURRENCY_MAX: 1000, RATE_LIMIT_MAX: 1_000_000
  }))
  try {
    await app.ready()
    const db = app.mongo.db!
    const user = await createUser(app)
    const exercises = Array.from({ length: EXERCISES }, () => new ObjectId())
    await db.collection(COLLECTIONS.exercises).insertMany(exercises.map((_id, i) => ({
      _id,
      name: `Exercise ${i}`,
      name_lower: `exercise ${i}`,
      primary_muscles: [['chest', 'back', 'legs', 'shoulders', 'arms'][i % 5]],
      created_by_user_id: null,
      is_public: true,
      is_custom: false
    })))
    const now = Date.now()
    const twoYearsAgo = new Date(now - 729 * DAY).toISOString().slice(0, 10)
    // Two-year ranges scan every log of the range on each request; fewer runs keep the bench short.
    const endpoints: Array<[string, string, number?]> = [
      ['summary', '/api/stats/summary'],
      ['records', '/api/stats/records'],
      ['progress (12 weeks)', '/api/stats/progress'],
      ['progress (2 years by month)', `/api/stats/progress?period=month&date_from=${twoYearsAgo}`, 10],
      ['exercise progress (12 weeks)', `/api/stats/exercises/${exercises[0].toHexString()}/progress`],
      ['exercise progress (2 years by month)', `/api/stats/exercises/${exercises[0].toHexString()}/progress?period=month&date_from=${twoYearsAgo}`, 10],
      ['muscle groups (12 weeks)', '/api/stats/muscle-groups'],
      ['muscle groups (2 years by month)', `/api/stats/muscle-groups?period=month&date_from=${twoYearsAgo}`, 5]
    ]
    const table: string[] = []
    for (const logs of [10_000, 100_000]) {
      const seeding = Date.now()
      await seed(db, user.id, exercises, logs, now)
      console.log(`seeded ${logs} logs in ${Date.now() - seeding} ms`)
      for (const [name, url, runs = RUNS] of endpoints) {
        const { first, median, p99 } = await measure(app, url, user.headers, runs)
        console.log(`  ${name} (${runs} runs): first ${first.toFixed(1)} ms, median ${median.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`)
        table.push(`| ${`${name}${runs < RUNS ? ` [${runs} runs]` : ''}`.padEnd(47)} | ${String(logs).padStart(7)} | ${first.toFixed(1).padStart(8)} | ${median.toFixed(1).padStart(9)} | ${p99.toFixed(1).padStart(6)} |`)
      }
    }
    console.log(`\n${RUNS} requests per endpoint (unless noted) after ${WARMUP} warm-up requests (first = cold, builds the stats cache), app.inject, embedded store\n`)
    console.log(`| ${'endpoint'.padEnd(47)} |    logs | first ms | median ms | p99 ms |`)
    console.log(`|${'-'.repeat(49)}|---------|----------|-----------|--------|`)
    for (const line of table) console.log(line)
  } finally {
    await app.close()
    await mongo.close()
    await pg.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run()
