// The soak's users and their mixed traffic: reads, stats (some over ranges), set logging and
// session changes, in proportions a training app would see.
import type { Answer, Request } from './client.js'

export interface SoakUser { headers: Record<string, string>, session: string }

const PASSWORD = 'soak passphrase 123'

function parse<T> (answer: Answer, expected: number, what: string): T {
  if (answer.status !== expected) throw new Error(`${what}: ${answer.status} ${answer.body.slice(0, 200)}`)
  return JSON.parse(answer.body) as T
}

export async function exerciseIds (request: Request, headers: Record<string, string>): Promise<string[]> {
  const page = parse<{ results: Array<{ id: string }> }>(await request('GET', '/api/exercises?page_size=100', headers), 200, 'list exercises')
  return page.results.map((exercise) => exercise.id)
}

/** A registered user with one completed session of sets (for stats) and one session in progress. */
export async function createUser (request: Request, name: string, exercises: () => string[]): Promise<SoakUser> {
  const registered = parse<{ token: string }>(await request('POST', '/api/auth/register', {}, { username: name, email: `${name}@soak.test`, password: PASSWORD }), 201, 'register')
  const headers = { authorization: `Token ${registered.token}` }
  const ids = exercises().length > 0 ? exercises() : await exerciseIds(request, headers)
  const openSession = async () => {
    const session = parse<{ id: string }>(await request('POST', '/api/workout-sessions', headers, { name: 'Soak', start_now: true }), 201, 'create session')
    return session.id
  }
  const done = await openSession()
  parse(await request('POST', '/api/exercise-logs/bulk_create', headers, { logs: sets(done, ids, 10) }), 201, 'bulk_create')
  parse(await request('POST', `/api/workout-sessions/${done}/complete`, headers, { rating: 4 }), 200, 'complete')
  return { headers, session: await openSession() }
}

export function sets (session: string, exercises: string[], count: number) {
  return Array.from({ length: count }, () => ({
    workout_session: session,
    exercise: exercises[Math.floor(Math.random() * exercises.length)],
    reps: 5 + Math.floor(Math.random() * 6),
    weight: 20 + 2.5 * Math.floor(Math.random() * 40)
  }))
}

type Step = (request: Request, user: SoakUser, exercises: string[]) => Promise<Answer>

const get = (path: string): Step => (request, user) => request('GET', path, user.headers)

/** [weight, step]: 25 % stats (half of them over ranges), 15 % writes, the rest plain reads. */
const MIX: Array<[number, Step]> = [
  [25, get('/api/exercises?page_size=20')],
  [10, (request, user, exercises) => request('GET', `/api/exercises/${exercises[Math.floor(Math.random() * exercises.length)]}`, user.headers)],
  [15, get('/api/workout-sessions?page_size=10')],
  [10, get('/api/exercise-logs?page_size=20')],
  [8, get('/api/stats/summary')],
  [4, get('/api/stats/records')],
  [8, get('/api/stats/progress?period=week')],
  [5, get('/api/stats/muscle-groups')],
  [10, (request, user, exercises) => request('POST', '/api/exercise-logs/bulk_create', user.headers, { logs: sets(user.session, exercises, 5) })],
  [5, (request, user) => request('POST', '/api/workout-sessions', user.headers, { name: 'Later' })]
]
const TOTAL = MIX.reduce((sum, [weight]) => sum + weight, 0)

export function randomStep (): Step {
  let pick = Math.random() * TOTAL
  for (const [weight, step] of MIX) {
    pick -= weight
    if (pick < 0) return step
  }
  return MIX[0][1]
}
