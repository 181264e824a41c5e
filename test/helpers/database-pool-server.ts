// The run's pool of embedded test databases (see database-pool.ts), started by the suite's
// `before` script and gone when the tap runner is: lends each test process a database-instance.ts
// of its own for as long as its connection here stays open, then resets the instance and lends it
// to the next file.
import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { createInterface } from 'node:readline'
import { poolSocketPath } from './database-pool.js'

interface Instance { child: ChildProcess, urls: string, lines: AsyncIterator<string> }

const runner = Number(process.argv[2])
const path = poolSocketPath(runner)
const instanceFile = new URL('./database-instance.ts', import.meta.url).pathname
const free: Instance[] = []

async function startInstance (): Promise<Instance> {
  const child = spawn(process.execPath, [...process.execArgv, instanceFile], { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]()
  const first = await lines.next()
  if (first.done === true) throw new Error('database instance exited before it started')
  return { child, urls: first.value, lines }
}

/** Back to the free list once its session is reset; dropped (the process ends) if that fails. */
async function release (instance: Instance): Promise<void> {
  try {
    instance.child.stdin!.write('reset\n')
    const answer = await instance.lines.next()
    if (answer.done !== true && answer.value === 'ready') {
      free.push(instance)
      return
    }
  } catch {}
  instance.child.kill()
}

// The first file should not wait for a start-up.
let warming: Promise<Instance> | undefined = startInstance()
warming.catch(() => {})

async function take (): Promise<Instance> {
  const ready = free.pop()
  if (ready) return ready
  const started = warming ?? startInstance()
  warming = undefined
  return started
}

const server = createServer((socket) => {
  socket.on('error', () => {})
  take().then((instance) => {
    if (socket.destroyed) return release(instance)
    socket.on('close', () => { release(instance).catch(() => {}) })
    socket.write(`${instance.urls}\n`)
    socket.resume()
  }, () => socket.destroy())
})

rmSync(path, { force: true })
server.listen(path)

// Ends with the tap run, however that ends; the instances see their stdin close and stop.
setInterval(() => {
  try {
    process.kill(runner, 0)
  } catch {
    server.close()
    rmSync(path, { force: true })
    process.exit(0)
  }
}, 1000)
