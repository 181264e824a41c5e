// The cost of Prometheus metrics on the hot path: the same endpoints on two apps in this process,
// METRICS_ENABLED=true vs false, measured alternately (off, on, on, off, off, on) so drift hits both alike,
// reported as the median ratio of throughputs, and as CPU time per request (in-process inject). `npm run bench -- observability` or
// `npx tsx bench/sections/observability.ts`. BENCH_OBSERVABILITY_S sets each run's seconds (1).
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { pino } from 'pino'
import { build } from '../../src/app.js'
import { configWith, type Config } from '../../src/config.js'
import { startDatabases } from '../../src/embedded/databases.js'
import { createTokenRepository } from '../../src/modules/auth/token-repository.js'

interface Result { requests: { average: number }, latency: { p99: number }, non2xx: number, errors: number }
type Autocannon = (options: { url: string, connections: number, duration: number, headers?: Record<string, string> }) => Promise<Result>
// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

const SECONDS = Number(process.env.BENCH_OBSERVABILITY_S ?? 1)
// Several short alternating rounds, and the median of their ratios: other processes on the machine move both sides.
const ROUNDS = 3

/** CPU time per request (µs) of `count` in-process GETs: unlike req/s, barely moved by other processes on the machine. */
async function cpuPerRequest (app: Awaited<ReturnType<typeof build>>, url: string, headers: Record<string, string>, count: number): Promise<number> {
  const start = process.cpuUsage()
  for (let i = 0; i < count; i++) await app.inject({ url, headers })
  const used = process.cpuUsage(start)
  return (used.user + used.system) / count
}

async function serve (config: Config) {
  const app = await build(config, { logger: pino({ level: 'silent' }) })
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  return { app, address }
}

export default async function run (): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-observability-'))
  // No load shedding or limits: the embedded databases share this process, and the limits would only measure themselves.
  const base = configWith({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', SHED_EVENT_LOOP_DELAY_MS: 0, SHED_LATENCY_MS: 0, RATE_LIMIT_MAX: 100_000_000 })
  const databases = await startDatabases(base, pino({ level: 'silent' }))
  const off = await serve({ ...databases.config, METRICS_ENABLED: false })
  const on = await serve({ ...databases.config, METRICS_ENABLED: true })
  const rows: Array<{ endpoint: string, 'off req/s': number, 'on req/s': number, 'on/off (median)': string, 'on/off range': string, 'off p99 ms': number, 'on p99 ms': number, 'CPU µs/req off': number, 'CPU µs/req on': number, 'CPU on/off': string }> = []
  try {
    const { rows: users } = await off.app.pg.query<{ id: number }>(
      "INSERT INTO users (username, email, password_hash, role) VALUES ('bench_obs', 'bench_obs@example.com', '$argon2id$not-a-real-hash', 'member') RETURNING id")
    const { token } = await createTokenRepository(off.app.pg.pool).issue(users[0].id, 1, { name: 'bench' })
    // [path, headers, in-process requests per CPU batch (about a third of a second each)]
    const endpoints: Array<[string, Record<string, string>, number]> = [['/api/health', {}, 2000], ['/api/auth/me', { authorization: `Token ${token}` }, 100]]
    for (const [path, headers, injects] of endpoints) {
      const measure = (address: string, duration: number) => autocannon({ url: address + path, connections: 10, duration, headers })
      await measure(off.address, 1)
      await measure(on.address, 1) // warm-up
      const results = { off: [] as Result[], on: [] as Result[] }
      // The order flips each round, so neither side always runs in the garbage the other left.
      for (let round = 0; round < ROUNDS; round++) {
        for (const side of round % 2 === 0 ? ['off', 'on'] as const : ['on', 'off'] as const) {
          results[side].push(await measure((side === 'on' ? on : off).address, SECONDS))
        }
      }
      const cpu = { off: [] as number[], on: [] as number[] }
      for (let round = 0; round < ROUNDS; round++) {
        for (const side of round % 2 === 0 ? ['off', 'on'] as const : ['on', 'off'] as const) {
          cpu[side].push(await cpuPerRequest((side === 'on' ? on : off).app, path, headers, injects))
        }
      }
      const cpuOff = Math.min(...cpu.off)
      const cpuOn = Math.min(...cpu.on)
      const failed = [...results.off, ...results.on].reduce((sum, r) => sum + r.non2xx + r.errors, 0)
      if (failed > 0) throw new Error(`${path}: ${failed} requests failed`)
      const rate = (rs: Result[]) => Math.round(rs.reduce((sum, r) => sum + r.requests.average, 0) / rs.length)
      const p99 = (rs: Result[]) => Math.max(...rs.map((r) => r.latency.p99))
      const ratios = results.on.map((r, i) => r.requests.average / results.off[i].requests.average).sort((a, b) => a - b)
      rows.push({
        endpoint: `GET ${path}`,
        'off req/s': rate(results.off),
        'on req/s': rate(results.on),
        'on/off (median)': ratios[Math.floor(ratios.length / 2)].toFixed(3),
        'on/off range': `${ratios[0].toFixed(2)}–${ratios[ratios.length - 1].toFixed(2)}`,
        'off p99 ms': p99(results.off),
        'on p99 ms': p99(results.on),
        'CPU µs/req off': Math.round(cpuOff),
        'CPU µs/req on': Math.round(cpuOn),
        'CPU on/off': (cpuOn / cpuOff).toFixed(3)
      })
    }
  } finally {
    await on.app.close()
    await off.app.close()
    await databases.close()
    await rm(dataDir, { recursive: true, force: true })
  }
  console.table(rows)
  console.log('on/off: throughput with metrics collected relative to without (1.000 = free); both apps share this process and its embedded databases.')
  console.log(`CPU: process CPU time per in-process request (best of ${ROUNDS} batches of injects), which other load on the machine moves less than req/s.`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run()
