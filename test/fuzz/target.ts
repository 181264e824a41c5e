import { Worker } from 'node:worker_threads'
import type { Config } from '../../src/config.js'

export interface Sent {
  method: string
  url: string
  headers?: Record<string, string>
  payload?: string
}
export interface Answer {
  statusCode: number
  headers: Record<string, unknown>
  body: string
  /** Time to the answer as the client sees it, through the thread boundary. */
  ms: number
}
type Order =
  | { kind: 'inject', request: Sent }
  | { kind: 'sql', text: string, values: unknown[] }
  | { kind: 'token', userId: number, role: string }
export type Call = { id: number } & Order
export interface Reply { id: number, result?: unknown, error?: string }

/** No answer within this is a hang: the thread is ended and a fresh one started on the same databases. */
export const WATCHDOG_MS = 10_000

export class Hang extends Error {
  override name = 'Hang'
}

export interface Target {
  send: (request: Sent) => Promise<Answer>
  sql: <Row>(text: string, values?: unknown[]) => Promise<Row[]>
  token: (userId: number, role: string) => Promise<string>
  close: () => Promise<void>
}

function startThread (config: Config): Promise<Worker> {
  // A worker does not inherit the parent's TypeScript loader hooks: register tsx in it first.
  const entry = JSON.stringify(new URL('./server-thread.ts', import.meta.url).href)
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}) })`
  const worker = new Worker(bootstrap, { eval: true, workerData: config })
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve(worker))
    worker.once('error', reject)
  })
}

/** The app on the given config, running in a worker thread, driven by messages. */
export async function startTarget (config: Config): Promise<Target> {
  // The next call waits for a fresh thread when the last one hung; the hang itself is reported at once.
  let worker = Promise.resolve(await startThread(config))
  let next = 0

  async function call (body: Order): Promise<unknown> {
    const id = ++next
    const current = await worker
    return await new Promise((resolve, reject) => {
      const onMessage = (reply: Reply) => {
        if (reply.id !== id) return
        clearTimeout(watchdog)
        current.off('message', onMessage)
        if (reply.error) reject(new Error(reply.error))
        else resolve(reply.result)
      }
      const watchdog = setTimeout(() => {
        current.off('message', onMessage)
        worker = current.terminate().then(() => startThread(config))
        reject(new Hang(`no answer within ${WATCHDOG_MS} ms`))
      }, WATCHDOG_MS)
      current.on('message', onMessage)
      current.postMessage({ ...body, id })
    })
  }

  return {
    async send (request) {
      const started = performance.now()
      const answer = await call({ kind: 'inject', request }) as Omit<Answer, 'ms'>
      return { ...answer, ms: performance.now() - started }
    },
    sql: async (text, values = []) => await call({ kind: 'sql', text, values }) as never,
    token: async (userId, role) => await call({ kind: 'token', userId, role }) as string,
    close: async () => { await (await worker).terminate() }
  }
}
