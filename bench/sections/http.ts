// The service over real HTTP against a bare Fastify route, both in their own processes, driven
// by autocannon over loopback. `npm run bench -- http [--external | --both]`; see docs/performance.md.
//   BENCH_SERVER_ROOT  checkout whose server is measured (default this one), e.g. a worktree of an old commit
//   BENCH_SECONDS      seconds per endpoint (10); BENCH_WARMUP_SECONDS before each (1)
//   BENCH_EXTERNAL=1   same as --external: MONGODB_URL at `npm run db:mongo`, DATABASE_URL at PostgreSQL
//   BENCH_ONLY         comma-separated endpoint names, or their beginnings, to run (bare always runs);
//                      "GET exercise list" selects the list (its full name holds a comma)
//   BENCH_CPU_PROF_DIR run the service with --cpu-prof there, plus windows.json: each endpoint's load window
import { execFileSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { driverFloor, type FloorRow } from '../http/floor.js'
import { drive, wireBytes, type Endpoint, type Measured } from '../http/load.js'
import { loadAverage, treeCpu, treeMemory } from '../http/processes.js'
import { seed, setBody, type Seeded } from '../http/seed.js'
import { createPostgresDatabase, LIMIT_OVERRIDES, startBare, startService, startStandaloneStore } from '../http/servers.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 1)
const CONNECTIONS = 32
const BULK = 50
const ROOT = resolve(process.env.BENCH_SERVER_ROOT ?? fileURLToPath(new URL('../..', import.meta.url)))
const ONLY = process.env.BENCH_ONLY?.split(',').map((name) => name.trim())
const PROFILE_DIR = process.env.BENCH_CPU_PROF_DIR ? resolve(process.env.BENCH_CPU_PROF_DIR) : undefined

function endpoints (seeded: Seeded): Endpoint[] {
  let set = 0
  let bulk = 0
  const oneSet = () => setBody(seeded, set++)
  const bulkSets = () => {
    const session = [seeded.openSessions[bulk++ % seeded.openSessions.length]]
    return { logs: Array.from({ length: BULK }, () => setBody(seeded, set++, session)) }
  }
  return [
    { name: 'GET one exercise', method: 'GET', path: `/api/exercises/${seeded.exercises[0]}` },
    { name: 'GET exercise list, page of 20', method: 'GET', path: '/api/exercises?page=1&page_size=20' },
    { name: 'POST one set log', method: 'POST', path: '/api/exercise-logs', body: oneSet },
    { name: 'POST one set log', method: 'POST', path: '/api/exercise-logs', body: oneSet, connections: 1 },
    { name: `POST bulk_create of ${BULK} sets`, method: 'POST', path: '/api/exercise-logs/bulk_create', body: bulkSets },
    // Last, so that the seeded sessions are settled and the summary comes from the stats cache,
    // as it does for any user whose last session ended more than a minute ago (see below).
    { name: 'GET stats summary', method: 'GET', path: '/api/stats/summary' }
  ]
}

/**
 * Waits until the seeded sessions are older than the stats cache's settle time (modules/stats:
 * 60 s) and asks for the summary once, which stores the cache; later summaries read it.
 */
async function settled (seeded: Seeded): Promise<void> {
  const wait = seeded.completedAt + 61_000 - Date.now()
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
  await fetch(`${new URL(seeded.url).origin}/api/stats/summary`, { headers: seeded.headers })
}

/** CPU per answered request during one endpoint's run: the server process, and the database process(es) under it. */
interface CpuPerRequest { serverUs: number, databasesUs: number }
type Row = Measured & { cpu?: CpuPerRequest }

const ms = (value: number) => value.toFixed(value < 10 ? 1 : 0)
const us = (value: number | undefined) => value === undefined ? '' : Math.round(value).toLocaleString('en')
const row = (m: Row, bare: number) =>
  `| ${m.name} | ${m.connections} | ${m.rps < 100 ? m.rps.toFixed(1) : Math.round(m.rps).toLocaleString('en')} | ${ms(m.p50)} | ${ms(m.p99)} | ${(100 * m.rps / bare).toFixed(m.rps / bare < 0.01 ? 2 : 1)}% | ${m.failed} | ${us(m.cpu?.serverUs)} | ${us(m.cpu?.databasesUs)} |`

/** The driver alone against a standalone store, after the service's run (bench/http/floor.ts). */
function printFloor (floor: FloorRow[], bare: number): void {
  console.log('\nThe floor: the official driver alone against the embedded store in its own process, no HTTP, same run:\n')
  console.log('| driver call | connections | calls/s | % of bare | bench process CPU µs/call | store process CPU µs/call |')
  console.log('|---|---|---|---|---|---|')
  for (const f of floor) console.log(`| ${f.name} | ${f.connections} | ${Math.round(f.rps).toLocaleString('en')} | ${(100 * f.rps / bare).toFixed(1)}% | ${us(f.clientUs)} | ${us(f.storeUs)} |`)
  const inserts = floor.filter((f) => f.name.includes('insertOne'))
  if (inserts.length === 2) console.log(`\ndurable inserts, ${CONNECTIONS} connections ÷ 1: ${(inserts[0].rps / inserts[1].rps).toFixed(2)}×`)
}

async function benchMode (external: boolean): Promise<Measured[]> {
  const label = external ? 'databases out of process (standalone store + PostgreSQL)' : 'embedded default'
  const loadStart = await loadAverage()
  const store = external ? await startStandaloneStore(ROOT) : undefined
  const database = external ? await createPostgresDatabase() : undefined
  const env: Record<string, string> = store && database ? { MONGODB_URL: store.url, DATABASE_URL: database.url } : {}
  const nodeFlags = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []
  if (PROFILE_DIR) await mkdir(PROFILE_DIR, { recursive: true })
  const service = await startService(ROOT, env, nodeFlags)
  const results: Row[] = []
  // The standalone store (--external) counts as a database process; PostgreSQL is not counted.
  const cpu = async () => {
    const [server, standalone] = await Promise.all([treeCpu(service.child.proc.pid!), store ? treeCpu(store.child.proc.pid!) : undefined])
    return { ownMs: server.ownMs, descendantsMs: server.descendantsMs + (standalone ? standalone.ownMs + standalone.descendantsMs : 0) }
  }
  const windows: Array<{ name: string, connections: number, fromMs: number, toMs: number }> = []
  try {
    const seeded = await seed(service.url)
    const wire = await wireBytes(`${service.url}/api/exercises/${seeded.exercises[0]}`, seeded.headers)
    const bare = await startBare(ROOT)
    if (WARMUP > 0) await drive(bare.url, { name: 'warm-up', method: 'GET', path: '/' }, {}, WARMUP, CONNECTIONS)
    const bareCpuBefore = await treeCpu(bare.child.proc.pid!)
    const bareRun = await drive(bare.url, { name: 'bare Fastify GET /', method: 'GET', path: '/' }, {}, SECONDS, CONNECTIONS)
    const bareCpu = 1000 * ((await treeCpu(bare.child.proc.pid!)).ownMs - bareCpuBefore.ownMs) / Math.max(bareRun.total, 1)
    results.push({ ...bareRun, cpu: { serverUs: bareCpu, databasesUs: 0 } })
    await bare.close()
    for (const endpoint of endpoints(seeded).filter((e) => !ONLY || ONLY.some((name) => e.name.startsWith(name)))) {
      const connections = endpoint.connections ?? CONNECTIONS
      if (endpoint.path === '/api/stats/summary') await settled(seeded)
      if (WARMUP > 0) await drive(service.url, endpoint, seeded.headers, WARMUP, connections)
      const fromMs = performance.now() - service.child.spawnedAt
      const cpuBefore = await cpu()
      const measured = await drive(service.url, endpoint, seeded.headers, SECONDS, connections)
      const cpuAfter = await cpu()
      const perRequest = (before: number, after: number) => 1000 * (after - before) / Math.max(measured.total, 1)
      results.push({ ...measured, cpu: { serverUs: perRequest(cpuBefore.ownMs, cpuAfter.ownMs), databasesUs: perRequest(cpuBefore.descendantsMs, cpuAfter.descendantsMs) } })
      windows.push({ name: endpoint.name, connections, fromMs, toMs: performance.now() - service.child.spawnedAt })
    }
    const memory = await treeMemory(service.child.proc.pid!)
    const storeMemory = store ? await treeMemory(store.child.proc.pid!) : undefined
    const floor = external || ONLY ? [] : await driverFloor(ROOT, SECONDS, WARMUP)
    const bareRps = results[0].rps

    console.log(`\n#### ${label}\n`)
    console.log('| endpoint | connections | req/s | p50 ms | p99 ms | % of bare | non-2xx | server CPU µs/req | database process CPU µs/req |')
    console.log('|---|---|---|---|---|---|---|---|---|')
    for (const m of results) console.log(row(m, bareRps))
    const writes = results.filter((m) => m.name === 'POST one set log')
    if (writes.length === 2) console.log(`\nset writes, ${CONNECTIONS} connections ÷ 1 connection: ${(writes[0].rps / writes[1].rps).toFixed(2)}×`)
    if (floor.length > 0) printFloor(floor, bareRps)
    console.log(`service RSS after the run: ${memory.rssMb} MB (sum of peaks ${memory.peakMb} MB) over ${memory.processes} process(es)`)
    console.log(`  per process (server first): ${memory.perProcessMb.join(' + ')} MB RSS; PSS ${memory.pssMb} MB, private (USS) ${memory.privateMb} MB (RSS counts the pages they share, e.g. the node binary's, in each)`)
    if (storeMemory) console.log(`standalone store RSS: ${storeMemory.rssMb} MB (peak ${storeMemory.peakMb} MB); PostgreSQL not counted`)
    console.log(`GET one exercise on the wire: ${wire.header} bytes of status line and headers, ${wire.body} of body`)
    console.log(`start-up until /api/health answers: ${Math.round(service.startupMs)} ms (${service.how})`)
    console.log(`load average at start: ${loadStart}; at end: ${await loadAverage()}`)
    for (const m of results.filter((r) => r.failed > 0)) console.log(`non-2xx or errors in "${m.name}" (${m.connections} conns): ${m.statuses}`)
  } finally {
    await service.close()
    await store?.close()
    await database?.drop()
    if (PROFILE_DIR) await writeFile(join(PROFILE_DIR, 'windows.json'), JSON.stringify(windows, null, 2))
  }
  return results
}

export default async function run (): Promise<void> {
  const args = process.argv.slice(2)
  const external = args.includes('--external') || process.env.BENCH_EXTERNAL === '1'
  const modes = args.includes('--both') ? [false, true] : [external]
  let revision = 'unknown'
  try { revision = execFileSync('git', ['-C', ROOT, 'log', '-1', '--format=%h %s'], { encoding: 'utf8' }).trim() } catch {}
  console.log(`server root: ${ROOT} (${revision})`)
  console.log(`${SECONDS} s per endpoint after ${WARMUP} s of warm-up, ${CONNECTIONS} connections unless stated; set writes carry explicit set numbers`)
  console.log(`env overrides set by the bench: ${Object.entries(LIMIT_OVERRIDES).map(([k, v]) => `${k}=${v}`).join(' ')} LOG_LEVEL=warn, fresh DATA_DIR, free PORT and METRICS_PORT`)
  const failing: string[] = []
  for (const mode of modes) {
    for (const m of await benchMode(mode)) {
      if (m.total === 0) failing.push(`${m.name} (${m.connections} conns): no answer within the run (raise BENCH_SECONDS)`)
      else if (m.failed > m.total / 100) failing.push(`${m.name} (${m.connections} conns): ${m.failed} of ${m.total} failed — ${m.statuses}`)
    }
  }
  if (failing.length > 0) throw new Error(`more than 1% non-2xx, or none answered: the figures do not measure the service:\n${failing.join('\n')}`)
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run()
