// `npm run bench -- soak`: mixed load at saturation for SOAK_SECONDS (default 300) against a real
// server process on embedded databases. Reports goodput against the throughput of an unsaturated
// run, liveness, log volume, 5xx, RSS before/after, p99, and the 429/503 split of one client
// bursting bulk writes. SOAK_SERVER_DIR=<checkout> runs another version of the code (to compare).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createClient, Tally, type Answer, type Request } from '../soak/client.js'
import { startServer } from '../soak/server.js'
import { createUser, exerciseIds, randomStep, sets, type SoakUser } from '../soak/workload.js'

const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 300)
const BASELINE_SECONDS = Number(process.env.SOAK_BASELINE_SECONDS ?? 20)
/** Users at saturation, one connection each, no think time. */
const USERS = Number(process.env.SOAK_USERS ?? 200)
const BASELINE_CONNECTIONS = 8
const BURST_CONNECTIONS = 32
const PROBE_EVERY_MS = 500
const REPORT_EVERY_MS = 10_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function loop (until: number, work: () => Promise<void>): Promise<void> {
  while (Date.now() < until) await work()
}

/** `users[i]` replays the mix on connection i until `until`; every answer goes to `record`. */
function traffic (request: Request, users: SoakUser[], exercises: string[], until: number, record: (answer: Answer) => void) {
  return users.map((user) => loop(until, async () => {
    record(await randomStep()(request, user, exercises))
  }))
}

async function inBatches<T> (count: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const made: T[] = []
  for (let i = 0; i < count; i += size) made.push(...await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, j) => make(i + j))))
  return made
}

export default async function run (): Promise<void> {
  const dir = process.env.SOAK_SERVER_DIR ?? new URL('../../', import.meta.url).pathname
  const dataDir = await mkdtemp(join(tmpdir(), 'soak-'))
  const server = await startServer(dir, {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    // Every simulated user comes from 127.0.0.1: the per-IP limits would measure nothing else.
    RATE_LIMIT_MAX: '100000000',
    AUTH_RATE_LIMIT_MAX: '100000',
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_TIME_COST: '1',
    ARGON2_PARALLELISM: '1'
  })
  console.log(`server: ${dir} on ${server.url}, ${SOAK_SECONDS} s soak, ${USERS} users + 1 burster (${BURST_CONNECTIONS} connections)`)
  try {
    const setup = createClient(server.url, 16, 60_000)
    let exercises: string[] = []
    const first = await createUser(setup, `soak_0_${Date.now()}`, () => exercises)
    exercises = await exerciseIds(setup, first.headers)
    const users = [first, ...await inBatches(USERS, 8, (i) => createUser(setup, `soak_${i + 1}_${Date.now()}`, () => exercises))]
    const burster = users.pop()!

    const baselineRequest = createClient(server.url, BASELINE_CONNECTIONS)
    const baseline = new Tally()
    await Promise.all(traffic(baselineRequest, users.slice(0, BASELINE_CONNECTIONS), exercises, Date.now() + BASELINE_SECONDS * 1000,
      (answer) => baseline.add(answer)))
    const baselineRate = baseline.ok / BASELINE_SECONDS
    console.log(`unsaturated (${BASELINE_CONNECTIONS} connections, ${BASELINE_SECONDS} s): ${baselineRate.toFixed(1)} 2xx/s, p99 ${baseline.percentile(0.99).toFixed(0)} ms; ${baseline.summary()}`)

    await sleep(2000)
    const rssBefore = server.rssMiB()
    server.resetLogs()
    const started = Date.now()
    const until = started + SOAK_SECONDS * 1000
    const all = new Tally()
    const burst = new Tally()
    const probes = new Tally()
    let interval = new Tally()
    let rssPeak = rssBefore
    let failingInARow = 0
    let worstFailureStreak = 0
    const reporter = setInterval(() => {
      rssPeak = Math.max(rssPeak, server.rssMiB())
      const seconds = REPORT_EVERY_MS / 1000
      console.log(`  t=${Math.round((Date.now() - started) / 1000)}s goodput ${(interval.ok / seconds).toFixed(1)}/s, 503 ${(interval.count((s) => s === '503') / seconds).toFixed(1)}/s, ` +
        `p99 ${interval.percentile(0.99).toFixed(0)} ms, liveness ${probes.ok}/${probes.total}, RSS ${server.rssMiB().toFixed(0)} MiB, log ${(server.logs.bytes / 1e6).toFixed(1)} MB`)
      interval = new Tally()
    }, REPORT_EVERY_MS)

    const request = createClient(server.url, USERS)
    const burstRequest = createClient(server.url, BURST_CONNECTIONS)
    const probeRequest = createClient(server.url, 1, 2000)
    await Promise.all([
      ...traffic(request, users, exercises, until, (answer) => {
        all.add(answer)
        interval.add(answer)
      }),
      ...Array.from({ length: BURST_CONNECTIONS }, () => loop(until, async () => {
        burst.add(await burstRequest('POST', '/api/exercise-logs/bulk_create', burster.headers, { logs: sets(burster.session, exercises, 5) }))
      })),
      loop(until, async () => {
        const answer = await probeRequest('GET', '/api/health')
        probes.add(answer)
        failingInARow = answer.status === 200 ? 0 : failingInARow + 1
        worstFailureStreak = Math.max(worstFailureStreak, failingInARow)
        await sleep(PROBE_EVERY_MS)
      })
    ])
    clearInterval(reporter)
    const seconds = (Date.now() - started) / 1000
    // Let the last counted warning (one per 10 s) arrive before reading the log counters.
    await sleep(11_000)
    const rssAfter = server.rssMiB()
    const logs = server.logs
    const recovery = new Tally()
    for (let i = 0; i < 40; i++) recovery.add(await randomStep()(setup, users[i % users.length], exercises))
    const stopped = await server.stop()

    const goodput = all.ok / seconds
    const fivexx = all.count((s) => s.startsWith('5')) + burst.count((s) => s.startsWith('5'))
    const counted503 = all.count((s) => s === '503') + burst.count((s) => s === '503')
    if (process.env.SOAK_SHOW_WARNINGS) console.log(logs.warnings.join('\n'))
    console.log(`
| measure | value |
| --- | --- |
| unsaturated throughput (${BASELINE_CONNECTIONS} connections) | ${baselineRate.toFixed(1)} 2xx/s |
| goodput at saturation (${USERS} users, ${seconds.toFixed(0)} s) | ${goodput.toFixed(1)} 2xx/s = ${(100 * goodput / baselineRate).toFixed(0)} % of unsaturated |
| answers (users) | ${all.summary()} |
| p50 / p99 (users, all answers) | ${all.percentile(0.5).toFixed(0)} ms / ${all.percentile(0.99).toFixed(0)} ms |
| liveness /api/health (every ${PROBE_EVERY_MS} ms, 2 s timeout) | ${probes.ok}/${probes.total} × 200, p99 ${probes.percentile(0.99).toFixed(0)} ms; ${probes.summary()}; at most ${worstFailureStreak} failing in a row |
| burster (bulk writes, ${BURST_CONNECTIONS} connections) | ${burst.summary()} |
| 5xx | ${fivexx} (${counted503} × 503; ${fivexx - counted503} other); server counted ${logs.shedCounted} shed |
| log volume during the soak | ${logs.lines} lines, ${(logs.bytes / 1e6).toFixed(1)} MB (${(logs.bytes / 1e6 / (seconds / 60)).toFixed(1)} MB/min); ${logs.warn} warn, ${logs.error} error, ${logs.withStack} with a stack |
| RSS before / peak / after | ${rssBefore.toFixed(0)} / ${rssPeak.toFixed(0)} / ${rssAfter.toFixed(0)} MiB |
| after the load (40 requests) | ${recovery.summary()} |
| SIGTERM → exit | code ${stopped.exitCode} in ${stopped.ms} ms |`)
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL')
    await rm(dataDir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run()
