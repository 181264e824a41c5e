// Child processes for the HTTP bench: spawning, waiting for an answer, memory of a process tree.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFile, readdir } from 'node:fs/promises'

export { freePort } from '../../src/lib/free-port.js'

export interface Child {
  proc: ChildProcess
  spawnedAt: number
  /** stderr so far (the last 64 KB), to show when the child dies. */
  stderr: () => string
}

export function spawnNode (args: string[], cwd: string, env: Record<string, string>): Child {
  const proc = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let err = ''
  proc.stderr!.on('data', (chunk: Buffer) => { err = (err + chunk.toString()).slice(-65_536) })
  proc.stdout!.resume()
  return { proc, spawnedAt: performance.now(), stderr: () => err }
}

/** Polls `url` until it answers 200; returns ms since the spawn. Throws when the child exits first. */
export async function waitForHttp (child: Child, url: string, timeoutMs = 120_000): Promise<number> {
  while (performance.now() - child.spawnedAt < timeoutMs) {
    if (child.proc.exitCode !== null) throw new Error(`child exited with ${child.proc.exitCode} before answering:\n${child.stderr()}`)
    const ok = await fetch(url).then((res) => res.ok, () => false)
    if (ok) return performance.now() - child.spawnedAt
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms:\n${child.stderr()}`)
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the child has exited. */
export async function stop (child: Child, graceMs = 20_000): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return
  const exited = new Promise((resolve) => child.proc.once('exit', resolve))
  child.proc.kill('SIGTERM')
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

async function childrenOf (pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [])
  const lists = await Promise.all(tasks.map((task) => readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '')))
  return lists.join(' ').split(/\s+/).filter(Boolean).map(Number)
}

async function statusKb (pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '')
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0)
}

async function tree (pid: number): Promise<number[]> {
  const pids = [pid]
  for (let i = 0; i < pids.length; i++) pids.push(...await childrenOf(pids[i]))
  return pids
}

async function rollupKb (pid: number, fields: string[]): Promise<number> {
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '')
  return fields.reduce((sum, field) => sum + Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0), 0)
}

export interface TreeMemory {
  /** Sum of each process's RSS (VmRSS): pages the processes share (the `node` binary's) count once per process. */
  rssMb: number
  peakMb: number
  /** Each process's RSS, in MB, `pid` first. */
  perProcessMb: number[]
  /** Sum of PSS: a shared page split between every process mapping it, on the whole machine (so it moves with other node processes). */
  pssMb: number
  /** Sum of private pages (USS): what ending these processes would free. */
  privateMb: number
  processes: number
}

/** RSS now and the sum of each process's peak RSS, in MB, over `pid` and all its descendants; PSS and USS beside. */
export async function treeMemory (pid: number): Promise<TreeMemory> {
  const pids = await tree(pid)
  const rss = await Promise.all(pids.map((p) => statusKb(p, 'VmRSS')))
  const peak = await Promise.all(pids.map((p) => statusKb(p, 'VmHWM')))
  const pss = await Promise.all(pids.map((p) => rollupKb(p, ['Pss'])))
  const own = await Promise.all(pids.map((p) => rollupKb(p, ['Private_Clean', 'Private_Dirty'])))
  const mb = (kbs: number[]) => Math.round(kbs.reduce((a, b) => a + b, 0) / 1024)
  return { rssMb: mb(rss), peakMb: mb(peak), perProcessMb: rss.map((kb) => Math.round(kb / 1024)), pssMb: mb(pss), privateMb: mb(own), processes: pids.length }
}

const TICKS_PER_SECOND = 100 // USER_HZ: 100 on every Linux this runs on

async function cpuMs (pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 1000 / TICKS_PER_SECOND
}

/** CPU time (user + system) used so far by `pid` itself and by all its descendants together, in ms. */
export async function treeCpu (pid: number): Promise<{ ownMs: number, descendantsMs: number }> {
  const [own, ...descendants] = await Promise.all((await tree(pid)).map(cpuMs))
  return { ownMs: own, descendantsMs: descendants.reduce((a, b) => a + b, 0) }
}

export const loadAverage = async (): Promise<string> => (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')
