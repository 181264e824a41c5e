import type { Refs } from './arbitraries.js'
import type { Answer, Target } from './target.js'

type Json = Record<string, unknown>
export type Pool = 'exercises' | 'workouts' | 'sessions' | 'logs' | 'tokens' | 'users'
export interface Account { id: number, role: 'admin' | 'member', token: string }

/**
 * The fuzzer's view of the app's data: two accounts (an admin and a member) and pools of real
 * ids, one per kind of object, kept up to date as the fuzzed writes create and delete objects,
 * so that path parameters and references name objects that exist.
 */
export interface World {
  target: Target
  admin: Account
  member: Account
  pools: Record<Pool, string[]>
  refs: Refs
  /** A real id of this kind, creating an object first if the fuzzer has deleted them all. */
  pick: (pool: Pool) => Promise<string>
  /** After a write under /api/auth: gives back a token the fuzzer revoked or an account it deactivated. */
  restoreAccounts: () => Promise<void>
  /** Before each operation: a fresh session in progress, so that logs can be written to the newest one. */
  openSession: () => Promise<void>
}

const REFERENCE_POOLS: Record<string, Pool> = { exercise: 'exercises', workout: 'workouts', workout_session: 'sessions', session: 'sessions' }

export async function createWorld (target: Target): Promise<World> {
  const call = async (method: string, url: string, token: string, payload?: Json): Promise<Json> => {
    const headers = { authorization: `Token ${token}`, ...(payload ? { 'content-type': 'application/json' } : {}) }
    const answer: Answer = await target.send({ method, url, headers, payload: payload && JSON.stringify(payload) })
    if (answer.statusCode >= 300) throw new Error(`fuzz setup: ${method} ${url} answered ${answer.statusCode} ${answer.body}`)
    return JSON.parse(answer.body) as Json
  }
  const account = async (role: Account['role']): Promise<Account> => {
    const payload = JSON.stringify({ username: `fuzz_${role}`, email: `${role}@fuzz.test`, password: 'fuzz-password-1' })
    const answer = await target.send({ method: 'POST', url: '/api/auth/register', headers: { 'content-type': 'application/json' }, payload })
    const id = (JSON.parse(answer.body) as { user: { id: number } }).user.id
    return { id, role, token: await target.token(id, role) }
  }
  const admin = await account('admin')
  const member = await account('member')

  const create: Record<Pool, () => Promise<string>> = {
    exercises: async () => String((await call('POST', '/api/exercises', admin.token, {
      name: `Fuzz press ${Date.now()}`, category: 'strength', difficulty_level: 'beginner', primary_muscles: ['chest']
    })).id),
    workouts: async () => String((await call('POST', '/api/workouts', admin.token, {
      name: 'Fuzz day', exercises: [{ exercise: await pick('exercises'), order: 1 }]
    })).id),
    sessions: async () => String((await call('POST', '/api/workout-sessions', admin.token, { name: 'Fuzz session', start_now: true })).id),
    logs: async () => String((await call('POST', '/api/exercise-logs', admin.token, {
      workout_session: await create.sessions(), exercise: await pick('exercises'), reps: 5, weight: 60
    })).id),
    tokens: async () => {
      await target.token(admin.id, admin.role)
      const page = await call('GET', '/api/auth/tokens?page_size=100', admin.token)
      return String(Math.max(...(page.results as Array<{ id: number }>).map((token) => token.id)))
    },
    users: async () => String(member.id)
  }
  const pools: Record<Pool, string[]> = { exercises: [], workouts: [], sessions: [], logs: [], tokens: [], users: [] }
  async function pick (pool: Pool): Promise<string> {
    if (pools[pool].length === 0) pools[pool].push(await create[pool]())
    return pools[pool].at(-1)!
  }
  for (const pool of Object.keys(pools) as Pool[]) await pick(pool)

  async function restore (account: Account): Promise<void> {
    const me = await target.send({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Token ${account.token}` } })
    if (me.statusCode === 401) account.token = await target.token(account.id, account.role)
  }

  return {
    target,
    admin,
    member,
    pools,
    refs: (field) => REFERENCE_POOLS[field] ? pools[REFERENCE_POOLS[field]].at(-1) ?? '0'.repeat(24) : undefined,
    pick,
    restoreAccounts: async () => {
      await restore(admin)
      await restore(member)
    },
    openSession: async () => {
      pools.sessions.push(await create.sessions())
    }
  }
}
