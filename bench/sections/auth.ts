// Authenticated-request throughput with and without the token cache, and login throughput at
// the production argon2 cost. `npm run bench -- auth` or `npx tsx bench/sections/auth.ts`.
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import Fastify from 'fastify'
import { pino } from 'pino'
import { build } from '../../src/app.js'
import auth from '../../src/plugins/auth.js'
import postgres from '../../src/plugins/postgres.js'
import { configWith, type Config } from '../../src/config.js'
import { startDatabases } from '../../src/embedded/databases.js'

interface Result { requests: { average: number }, latency: { p99: number }, non2xx: number, errors: number }
type Autocannon = (options: { url: string, connections: number, duration: number, method?: string, headers?: Record<string, string>, body?: string }) => Promise<Result>
// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5)
const PASSWORD = 'bench passphrase 123'

async function serve (config: Config) {
  const app = await build(config, { logger: pino({ level: 'silent' }) })
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  return { app, address }
}

/** Only the auth plugin and one protected route that does nothing: the cost of authenticating. */
async function serveBare (config: Config) {
  const app = Fastify()
  await app.register(postgres, { config, offline: false })
  await app.register(auth, { config })
  await app.register(async (scope) => {
    scope.addHook('onRequest', scope.authenticate)
    scope.get('/whoami', async (request) => ({ id: request.user.id }))
  })
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  return { app, address }
}

function row (label: string, result: Result) {
  return { label, 'req/s': Math.round(result.requests.average), 'p99 ms': result.latency.p99, 'non-2xx': result.non2xx + result.errors }
}

export default async function run (): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-auth-'))
  // No load shedding: the embedded databases share this process, so shedding would only measure itself.
  const base = configWith({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', SHED_EVENT_LOOP_DELAY_MS: 0, SHED_LATENCY_MS: 0, EXPENSIVE_RATE_LIMIT_MAX: 1_000_000, EXPENSIVE_CONCURRENCY_MAX: 1000, RATE_LIMIT_MAX: 100_000_000, AUTH_RATE_LIMIT_MAX: 100_000_000 })
  const databases = await startDatabases(base, pino({ level: 'silent' }))
  const rows: Array<ReturnType<typeof row>> = []
  try {
    let token = ''
    for (const ttl of [30_000, 0]) {
      const { app, address } = await serve({ ...databases.config, TOKEN_CACHE_TTL_MS: ttl })
      if (!token) {
        const res = await fetch(`${address}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench_user', email: 'bench@example.com', password: PASSWORD }) })
        token = ((await res.json()) as { token: string }).token
      }
      const headers = { authorization: `Token ${token}` }
      await autocannon({ url: `${address}/api/auth/me`, connections: 10, duration: 1, headers }) // warm-up
      rows.push(row(`GET /api/auth/me, TOKEN_CACHE_TTL_MS=${ttl}`, await autocannon({ url: `${address}/api/auth/me`, connections: 10, duration: DURATION_S, headers })))
      await app.close()
    }
    for (const ttl of [30_000, 0]) {
      const { app, address } = await serveBare({ ...databases.config, TOKEN_CACHE_TTL_MS: ttl })
      const headers = { authorization: `Token ${token}` }
      await autocannon({ url: `${address}/whoami`, connections: 10, duration: 1, headers })
      rows.push(row(`auth only (bare route), TOKEN_CACHE_TTL_MS=${ttl}`, await autocannon({ url: `${address}/whoami`, connections: 10, duration: DURATION_S, headers })))
      await app.close()
    }
    const { app, address } = await serve(databases.config)
    const body = JSON.stringify({ username: 'bench_user', password: PASSWORD })
    rows.push(row(`POST /api/auth/login, argon2id m=${base.ARGON2_MEMORY_KIB} t=${base.ARGON2_TIME_COST} p=${base.ARGON2_PARALLELISM}`,
      await autocannon({ url: `${address}/api/auth/login`, method: 'POST', connections: 4, duration: DURATION_S, headers: { 'content-type': 'application/json' }, body })))
    await app.close()
  } finally {
    await databases.close()
    await rm(dataDir, { recursive: true, force: true })
  }
  console.table(rows)
  const ratio = (cached: number, uncached: number) => (rows[cached]['req/s'] / Math.max(1, rows[uncached]['req/s'])).toFixed(2)
  console.log(`token cache speed-up: ${ratio(0, 1)}x on /api/auth/me, ${ratio(2, 3)}x on the bare route (embedded PGlite and Mongo store share this process)`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run()
