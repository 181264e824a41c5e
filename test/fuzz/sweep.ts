import fc from 'fast-check'
import type { Config } from '../../src/config.js'
import { answerProblems, nulled, parse } from './checks.js'
import { casesFor, operationsOf, toRequest, type Case, type OpenApiDocument, type Operation } from './requests.js'
import { Hang, type Answer, type Sent, type Target } from './target.js'
import type { Pool, World } from './world.js'

/** The app as the fuzzer runs it: limits that would only throttle the fuzzer raised (hashing is cheap in every test config). */
export const FUZZ_CONFIG: Partial<Config> = { RATE_LIMIT_MAX: 1_000_000, AUTH_RATE_LIMIT_MAX: 1_000_000 }

export interface Failure { operation: string, request: string, problems: string[] }
export interface Tally {
  cases: number
  readBacks: number
  failures: Failure[]
  /** How often each operation answered each status: shows which cases got past validation. */
  statuses: Record<string, Record<number, number>>
}

/** The operations of the document the app serves. */
export async function servedOperations (target: Target): Promise<Operation[]> {
  return operationsOf(JSON.parse((await target.send({ method: 'GET', url: '/api/docs/json' })).body) as OpenApiDocument)
}

/** A seed per operation, so that one operation's cases do not depend on which others run before it. */
export const seedOf = (seed: number, name: string) => [...name].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) | 0, seed)

const RESOURCE_POOLS: Record<string, Pool> = { '/api/exercises': 'exercises', '/api/workouts': 'workouts', '/api/workout-sessions': 'sessions', '/api/exercise-logs': 'logs' }
const STATS = ['/api/stats/summary', '/api/stats/progress', '/api/stats/records', '/api/stats/muscle-groups',
  '/api/stats/progress?period=month&date_from=2021-01-01&date_to=2025-12-31']

const describe = (request: Sent) => `${request.method} ${request.url.slice(0, 300)} ${request.headers?.authorization ? 'with' : 'without'} auth` +
  (request.payload === undefined ? '' : ` body ${request.payload.slice(0, 300)}`)

async function send (target: Target, request: Sent): Promise<Answer | string> {
  try {
    return await target.send(request)
  } catch (error) {
    if (error instanceof Hang) return error.message
    throw error
  }
}

/** Runs `runs` generated cases against one operation; returns what went wrong. */
export async function fuzzOperation (world: World, operation: Operation, options: { seed: number, runs: number }, tally: Tally): Promise<Failure[]> {
  const failures: Failure[] = []
  await world.openSession()
  const property = fc.asyncProperty(casesFor(operation, world.refs), async (generated) => {
    const request = await toRequest(operation, generated, world)
    tally.cases++
    const answer = await send(world.target, request)
    const problems = typeof answer === 'string' ? [answer] : [...answerProblems(answer), ...undocumented(operation, answer)]
    const statuses = tally.statuses[operation.name] ??= {}
    if (typeof answer !== 'string') statuses[answer.statusCode] = (statuses[answer.statusCode] ?? 0) + 1
    if (typeof answer !== 'string' && answer.statusCode < 300 && operation.method !== 'GET') {
      problems.push(...await readBack(world, operation, { request, caller: generated.auth }, answer, tally))
    }
    if (problems.length) failures.push({ operation: operation.name, request: describe(request), problems })
  })
  // Failures are collected, not thrown: every case runs, and each failing request is reported as sent.
  await fc.assert(property, { seed: seedOf(options.seed, operation.name), numRuns: options.runs })
  tally.failures.push(...failures)
  return failures
}

// A junk path can leave the operation's route (another route's 404 or 405): those answers are not the operation's.
const ROUTER_CODES = new Set(['ROUTE_NOT_FOUND', 'METHOD_NOT_ALLOWED'])

/** An answer whose status the document does not list for the operation. */
function undocumented (operation: Operation, answer: Answer): string[] {
  if (operation.statuses.includes(answer.statusCode)) return []
  const code = (parse(answer.body) as { code?: string } | undefined)?.code
  return code && ROUTER_CODES.has(code) ? [] : [`answered ${answer.statusCode} (${code ?? 'no code'}), which the document does not list`]
}

/** After an accepted write: the object, its list and the stats answer without error, and nothing sent came back null. */
async function readBack (world: World, operation: Operation, { request, caller }: { request: Sent, caller: Case['auth'] }, answer: Answer, tally: Tally): Promise<string[]> {
  const sent = parse(request.payload ?? '')
  const body = parse(answer.body) as { id?: unknown, token?: unknown, logs?: Array<{ id: unknown }> } | undefined
  const problems = nulled(sent, body).map((field) => `${field} was sent with a value and answered null`)
  let reads: Array<{ url: string, sent?: unknown }>
  if (operation.path.startsWith('/api/auth/')) await world.restoreAccounts()
  // Read as the caller (with the token it was just given, or its account's token if the write revoked it).
  const token = typeof body?.token === 'string' ? body.token : caller === 'admin' || caller === 'member' ? world[caller].token : undefined
  if (token === undefined) return problems
  const authorization = `Token ${token}`
  if (operation.path.startsWith('/api/auth/')) {
    reads = [{ url: '/api/auth/me', sent }, { url: '/api/auth/profile', sent: (sent as { profile?: unknown } | undefined)?.profile ?? sent }, { url: '/api/auth/tokens' }]
  } else {
    const resource = /\/logs$|^\/api\/exercise-logs/.test(operation.path) ? '/api/exercise-logs' : operation.path.match(/^\/api\/[^/]+/)![0]
    const pool = RESOURCE_POOLS[resource]
    const created = Array.isArray(body?.logs) ? body.logs : body?.id !== undefined ? [body] : []
    if (operation.method === 'DELETE' && operation.pathPool) {
      world.pools[operation.pathPool] = world.pools[operation.pathPool].filter((id) => !request.url.includes(`/${id}`))
    }
    // The pools hold the admin's objects only: the member's would be invisible to the admin's requests.
    if (operation.method === 'POST' && pool && caller === 'admin') world.pools[pool].push(...created.map((object) => String(object.id)))
    const sentItems = (sent as { logs?: unknown[] } | undefined)?.logs ?? [sent]
    // A write under a parent (`/api/workouts/{id}/comments`) creates something that has no URL of its
    // own under the parent's resource: read the parent back instead.
    const parent = resource === '/api/exercise-logs' ? undefined : request.url.match(/^\/api\/[^/]+\/[^/?]+(?=\/)/)?.[0]
    reads = [
      ...(parent ? [{ url: parent }] : created.slice(0, 3).map((object, i) => ({ url: `${resource}/${String(object.id)}`, sent: sentItems[i] }))),
      { url: `${resource}?page_size=100` },
      { url: STATS[tally.readBacks % STATS.length] }
    ]
  }
  for (const read of reads) {
    tally.readBacks++
    const got = await send(world.target, { method: 'GET', url: read.url, headers: { authorization } })
    if (typeof got === 'string') {
      problems.push(`read-back ${read.url}: ${got}`)
    } else if (got.statusCode !== 200) {
      problems.push(`read-back ${read.url} answered ${got.statusCode}: ${got.body.slice(0, 300)}`)
    } else {
      problems.push(...answerProblems(got).map((problem) => `read-back ${read.url} ${problem}`),
        ...nulled(read.sent, parse(got.body)).map((field) => `read-back ${read.url}: ${field} was sent with a value and is null`))
    }
  }
  return problems
}
