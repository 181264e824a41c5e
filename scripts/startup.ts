// `tsx scripts/startup.ts [runs]`: times `node dist/server.js` with npm start's node flags (run `npm run build` first) from
// spawn until GET /api/health answers, on a fresh DATA_DIR (first start) and again on the same one
// (restart), and prints the RSS of the process tree then. Each log line's offset shows where the
// time goes. STARTUP_ENV='K=V K=V' adds environment (e.g. DATABASE_URL to leave PGlite out).
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, treeMemory } from '../bench/http/processes.js'
import { startFlags } from '../bench/http/servers.js'

// STARTUP_ROOT=<checkout> times another build (to compare).
const root = process.env.STARTUP_ROOT ?? join(import.meta.dirname, '..')
const runs = Number(process.argv[2] ?? 1)
const extraEnv = Object.fromEntries((process.env.STARTUP_ENV ?? '').split(/\s+/).filter(Boolean).map((kv) => kv.split(/=(.*)/s).slice(0, 2)))
const verbose = process.env.STARTUP_VERBOSE === '1'

/** CPU seconds (user + system) `pid` has used so far. */
async function cpuSeconds (pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
  const [utime, stime] = stat.slice(stat.lastIndexOf(')') + 2).split(' ').slice(11, 13).map(Number)
  return (utime + stime) / 100
}

async function startOnce (dataDir: string): Promise<{ ms: number, rssMiB: number, cpu: number }> {
  const port = await freePort()
  const started = performance.now()
  const child = spawn(process.execPath, [...startFlags(root), 'dist/server.js'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port), METRICS_PORT: '0', ...extraEnv },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  child.stdout!.on('data', (chunk: Buffer) => {
    if (!verbose) return
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      const msg = /"msg":"([^"]*)"/.exec(line)?.[1] ?? line.slice(0, 80)
      console.log(`  +${Math.round(performance.now() - started)} ms  ${msg}`)
    }
  })
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((res) => res.ok, () => false)) break
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const ms = performance.now() - started
  const rssMiB = (await treeMemory(child.pid!)).rssMb
  const cpu = await cpuSeconds(child.pid!)
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  await exited
  return { ms, rssMiB, cpu }
}

for (let i = 0; i < runs; i++) {
  const dataDir = await mkdtemp(join(tmpdir(), 'workout-startup-'))
  try {
    const first = await startOnce(dataDir)
    const again = await startOnce(dataDir)
    const show = (r: typeof first) => `${Math.round(r.ms)} ms, ${r.cpu.toFixed(1)} s CPU, RSS ${Math.round(r.rssMiB)} MiB`
    console.log(`first start ${show(first)}; restart ${show(again)}`)
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}
