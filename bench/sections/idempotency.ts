// The cost of Idempotency-Key on a hot POST (one set logged into a running session), on the
// embedded store in this process: without a key, with a new key per request (claim + store the
// response: one insert and one update more), and one key repeated (every request a replay, the
// handler never runs). `vs no key` divides the mean latency by the keyless one.
// `npm run bench -- idempotency` or `npx tsx bench/sections/idempotency.ts`.
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { pino } from 'pino'
import { build } from '../../src/app.js'
import { configWith } from '../../src/config.js'
import { startDatabases } from '../../src/embedded/databases.js'
import { createTokenRepository } from '../../src/modules/auth/token-repository.js'

interface Result { requests: { average: number }, latency: { average: number }, non2xx: number, errors: number }
interface RawRequest { headers: Record<string, string>, [key: string]: unknown }
interface Options {
  url: string
  connections: number
  amount: number
  method: 'POST'
  headers: Record<string, string>
  body: string
  requests?: Array<{ setupRequest: (request: RawRequest) => RawRequest }>
}
// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Options) => Promise<Result>

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 150)
const ROUNDS = 3
// One request at a time: the embedded store shares this process, so more connections only queue behind each other.
const CONNECTIONS = 1

export default async function run (): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-idempotency-'))
  // NODE_ENV=test: the embedded databases share this process, so load shedding would only measure itself.
  const base = configWith({
    DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', SEED_EXERCISES: false, RATE_LIMIT_MAX: 100_000_000, EXPENSIVE_RATE_LIMIT_MAX: 100_000_000, SHED_EVENT_LOOP_DELAY_MS: 0, SHED_LATENCY_MS: 0
  })
  const databases = await startDatabases(base, pino({ level: 'silent' }))
  const app = await build(databases.config, { logger: pino({ level: 'silent' }) })
  try {
    const address = await app.listen({ host: '127.0.0.1', port: 0 })
    const { rows: [user] } = await app.pg.query<{ id: number }>(
      "INSERT INTO users (username, email, password_hash) VALUES ('bench', 'bench@example.test', '$argon2id$not-a-real-hash') RETURNING id")
    const { token } = await createTokenRepository(app.pg.pool).issue(user.id, 1, { name: 'bench' })
    const headers = { authorization: `Token ${token}`, 'content-type': 'application/json' }
    const create = async (path: string, body: object) => {
      const res = await fetch(address + path, { method: 'POST', headers, body: JSON.stringify(body) })
      if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`)
      return await res.json() as { id: string }
    }
    const exercise = await create('/api/exercises', { name: 'Bench press', category: 'strength', difficulty_level: 'beginner', primary_muscles: ['chest'] })
    const session = await create('/api/workout-sessions', { name: 'Bench', start_now: true })
    const body = JSON.stringify({ workout_session: session.id, exercise: exercise.id, set_number: 1, reps: 5, weight: 100 })
    const freshKey = (request: RawRequest) => ({ ...request, headers: { ...request.headers, 'idempotency-key': randomUUID() } })
    const scenarios: Array<[string, Partial<Options>]> = [
      ['POST a set, no key', {}],
      ['POST a set, new key each', { requests: [{ setupRequest: freshKey }] }],
      ['POST a set, same key (replays)', { headers: { ...headers, 'idempotency-key': randomUUID() } }]
    ]
    // Rounds interleave the scenarios, so a session growing by every set weighs on each alike.
    const totals = scenarios.map(() => ({ ms: 0 }))
    for (let round = 0; round < ROUNDS; round++) {
      for (const [index, [label, extra]] of scenarios.entries()) {
        const options: Options = { url: `${address}/api/exercise-logs`, method: 'POST', headers, body, connections: CONNECTIONS, amount: REQUESTS / ROUNDS, ...extra }
        if (round === 0) await autocannon({ ...options, amount: 20 }) // warm-up
        const result = await autocannon(options)
        if (result.non2xx + result.errors > 0) throw new Error(`${label}: ${result.non2xx} non-2xx, ${result.errors} errors`)
        totals[index].ms += result.latency.average / ROUNDS
      }
    }
    console.log(`${CONNECTIONS} connection, ${REQUESTS} requests per row in ${ROUNDS} interleaved rounds after 20 of warm-up; embedded store in this process`)
    console.table(scenarios.map(([label], index) => ({
      // No req/s: autocannon counts per whole second and a round lasts less, so it would read ~50.
      label, 'mean ms': Math.round(totals[index].ms * 10) / 10, 'vs no key': (totals[index].ms / totals[0].ms).toFixed(2)
    })))
  } finally {
    await app.close()
    await databases.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run()
