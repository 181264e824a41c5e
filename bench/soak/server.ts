// The server under test as a child process, like `npm start` (embedded databases in the same
// process), with its log volume counted and its RSS readable.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { freePort } from '../http/processes.js'

export interface LogCounts { lines: number, bytes: number, warn: number, error: number, withStack: number, shedCounted: number, warnings: string[] }

export interface SoakServer {
  url: string
  child: ChildProcess
  logs: LogCounts
  /** Resets the log counters (so a phase counts only its own lines). */
  resetLogs: () => void
  rssMiB: () => number
  stop: () => Promise<{ exitCode: number | null, ms: number }>
}

const emptyCounts = (): LogCounts => ({ lines: 0, bytes: 0, warn: 0, error: 0, withStack: 0, shedCounted: 0, warnings: [] })

/** Starts `src/server.ts` of the checkout in `dir` and resolves once /api/health answers. */
export async function startServer (dir: string, env: Record<string, string>): Promise<SoakServer> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: dir,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let logs = emptyCounts()
  let partial = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    logs.bytes += chunk.length
    const text = partial + chunk.toString()
    const lines = text.split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) {
      logs.lines++
      const level = Number(/"level":(\d+)/.exec(line)?.[1] ?? 30)
      if (level === 40 && logs.warn++ < 100) logs.warnings.push(line.replace(/"(level|time|pid|hostname)":[^,]*,/g, ''))
      if (level >= 50) logs.error++
      if (line.includes('"stack"')) logs.withStack++
      const shed = /"shed":(\d+)/.exec(line)
      if (shed) logs.shedCounted += Number(shed[1])
    }
  })
  const url = `http://127.0.0.1:${port}`
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    const ok = await fetch(`${url}/api/health`).then((res) => res.ok, () => false)
    if (ok) break
    if (tries > 600) throw new Error('server did not start within 120 s')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return {
    url,
    child,
    get logs () { return logs },
    resetLogs: () => { logs = emptyCounts() },
    rssMiB: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    stop: async () => {
      const started = Date.now()
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      const [exitCode] = await exited as [number | null]
      return { exitCode, ms: Date.now() - started }
    }
  }
}
