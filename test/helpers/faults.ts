import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance, InjectOptions } from 'fastify'
import type { Config } from '../../src/config.js'
import { PASSWORD, login } from '../modules/auth/fixtures.js'

/** Small database bounds, so an outage shows within a second (not smaller: a loaded CI machine needs that long to connect). */
export const FAULT_CONFIG: Partial<Config> = {
  AUTH_RATE_LIMIT_MAX: 100_000,
  DATABASE_CONNECT_TIMEOUT_MS: 1000,
  DATABASE_QUERY_TIMEOUT_MS: 2000
}
/** Longest any request may take while a database is away: two connect timeouts (register's undo) plus a loaded machine's lag. */
export const BOUND_MS = 4000

/** Polls `condition` every `everyMs` until it holds; fails after `deadlineMs`. */
export async function until (what: string, condition: () => boolean | Promise<boolean>, deadlineMs = 15_000, everyMs = 25): Promise<void> {
  const deadline = Date.now() + deadlineMs
  while (!await condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${deadlineMs} ms`)
    await sleep(everyMs)
  }
}

export interface Answer {
  url: string
  username?: string
  startedAt: number
  ms: number
  status: number
  code?: string
  retryAfter?: string
}

export interface Load {
  answers: Answer[]
  /** Usernames whose register request was sent (whatever it answered). */
  registered: () => string[]
  stop: () => Promise<void>
}

/** `workers` callers sending requests in a loop (every fourth one a register) until stopped. */
export function startLoad (app: FastifyInstance, reads: InjectOptions[], workers = 6): Load {
  const answers: Answer[] = []
  const state = { running: true }
  let n = 0
  const next = (): InjectOptions & { url: string } => {
    n++
    if (n % 4 === 0) {
      const username = `load_${randomBytes(5).toString('hex')}`
      return { method: 'POST', url: '/api/auth/register', payload: { username, email: `${username}@example.test`, password: PASSWORD } }
    }
    return reads[n % reads.length] as InjectOptions & { url: string }
  }
  const worker = async () => {
    while (state.running) {
      const request = next()
      const startedAt = Date.now()
      const res = await app.inject(request)
      const body = res.headers['content-type']?.toString().startsWith('application/json') ? res.json() : {}
      const username = (request.payload as { username?: string } | undefined)?.username
      const retryAfter = res.headers['retry-after']?.toString()
      answers.push({ url: request.url, username, startedAt, ms: Date.now() - startedAt, status: res.statusCode, code: body.code, retryAfter })
    }
  }
  const done = Promise.all(Array.from({ length: workers }, worker))
  return {
    answers,
    registered: () => answers.flatMap((a) => a.username ? [a.username] : []),
    stop: async () => { state.running = false; await done }
  }
}

interface Tap {
  ok: (value: unknown, message: string) => unknown
  equal: (found: unknown, wanted: unknown, message: string) => unknown
  same: (found: unknown, wanted: unknown, message: string) => unknown
}

/** Every answer is a success or the documented 503 with Retry-After, and none took longer than BOUND_MS. */
export function assertFailedFast (t: Tap, answers: Answer[]): number {
  const unexpected = answers.filter((a) => a.status !== 503 && (a.status < 200 || a.status > 299))
  t.same(unexpected, [], 'no answer but success or 503 (no 500, no hang cut short)')
  const unavailable = answers.filter((a) => a.status === 503)
  t.ok(unavailable.length > 0, `some requests met the outage (${unavailable.length} of ${answers.length})`)
  t.ok(unavailable.every((a) => a.code === 'DATABASE_UNAVAILABLE' && a.retryAfter === '5'), 'each 503 is DATABASE_UNAVAILABLE with Retry-After: 5')
  const slowest = answers.reduce((a, b) => b.ms > a.ms ? b : a)
  t.ok(slowest.ms <= BOUND_MS, `slowest answer (${slowest.url}, ${slowest.status}) ${slowest.ms} ms <= ${BOUND_MS} ms`)
  return slowest.ms
}

/** Milliseconds from `since` to the end of the first successful request sent after it. */
export function recoveredAfter (answers: Answer[], since: number): number {
  const first = answers.filter((a) => a.startedAt >= since && a.status === 200).sort((a, b) => a.startedAt - b.startedAt)[0]
  return first ? first.startedAt + first.ms - since : Number.NaN
}

/** Each register attempted under load left a whole account (it logs in and has a profile) or none (the name is free again). */
export async function assertWholeOrNone (t: Tap, app: FastifyInstance, usernames: string[]): Promise<{ whole: number, none: number }> {
  let whole = 0
  let none = 0
  for (const username of usernames) {
    const res = await login(app, username)
    if (res.statusCode === 200) {
      const me = await app.inject({ url: '/api/auth/me', headers: { authorization: `Token ${res.json().token}` } })
      t.equal(me.statusCode, 200, `${username}: account reads back`)
      t.equal(me.json().profile?.units, 'metric', `${username}: with its profile`)
      whole++
    } else {
      t.equal(res.statusCode, 401, `${username}: no account at all`)
      const again = await app.inject({ method: 'POST', url: '/api/auth/register', payload: { username, email: `${username}@example.test`, password: PASSWORD } })
      t.equal(again.statusCode, 201, `${username}: the name and email are free again`)
      none++
    }
  }
  return { whole, none }
}
