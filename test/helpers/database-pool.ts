// Starting PGlite and the store costs each test file about 4 s of CPU (importing them, loading the
// saved cluster, starting Postgres), most of a small file's cost. The suite's `before` script
// starts a pool (database-pool-server.ts) that keeps started pairs in processes of their own and
// lends one to each test file while it runs: one file at a time per pair, so a file still has its
// databases to itself, as when it started them in its own process. Files run outside tap, or
// without the pool, start their own (databases.ts).
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'

export interface LentDatabases { postgresUrl: string, mongoUrl: string, giveBack: () => Promise<void> }

/** Keyed by the tap runner's pid: the parent of the `before` script and of every test file. */
export function poolSocketPath (runnerPid: number): string {
  return join(tmpdir(), `workout-api-test-databases-${runnerPid}.sock`)
}

/** Starts the pool for this tap run (from the `before` script) and waits until it listens. */
export async function startDatabasePool (): Promise<void> {
  const path = poolSocketPath(process.ppid)
  const server = new URL('./database-pool-server.ts', import.meta.url).pathname
  // Without tap's process-tracking hooks (NODE_OPTIONS): the pool is not under test.
  spawn(process.execPath, ['--import=tsx', server, String(process.ppid)], {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, NODE_OPTIONS: '' }
  }).unref()
  const deadline = Date.now() + 30_000
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`the test database pool did not start (${path})`)
    await sleep(50)
  }
}

/** A pair lent by this tap run's pool, or undefined when there is none to ask. */
export async function borrowDatabases (): Promise<LentDatabases | undefined> {
  const path = poolSocketPath(process.ppid)
  if (!existsSync(path)) return undefined
  const socket = connect(path)
  try {
    // A pool that is gone leaves its socket file behind: refused, and this file starts its own.
    const refused = new Promise<never>((_resolve, reject) => socket.once('error', reject))
    const first = await Promise.race([createInterface({ input: socket })[Symbol.asyncIterator]().next(), refused])
    if (first.done === true) throw new Error('closed')
    socket.on('error', () => {})
    const { postgresUrl, mongoUrl } = JSON.parse(first.value) as { postgresUrl: string, mongoUrl: string }
    // Held until given back or this process ends; it must not keep the process alive by itself.
    socket.unref()
    return { postgresUrl, mongoUrl, giveBack: () => new Promise((resolve) => socket.end(resolve)) }
  } catch {
    socket.destroy()
    return undefined
  }
}
