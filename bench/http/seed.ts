// Seeds one user over HTTP, through the public API only: exercises, a workout, completed sessions
// with sets (so the stats summary has data) and open sessions for the write benches.
import { randomBytes } from 'node:crypto'

export const EXERCISES = 24
export const OPEN_SESSIONS = 4
const COMPLETED_SESSIONS = 3
const SETS_PER_COMPLETED = 30

export interface Seeded { url: string, headers: Record<string, string>, exercises: string[], openSessions: string[], completedAt: number }

async function call<T> (base: string, method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(base + path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  if (!res.ok) throw new Error(`seed: ${method} ${path} answered ${res.status}: ${await res.text()}`)
  return await res.json() as T
}

/** A set body: `i` walks the sessions, then the exercises, then explicit set numbers 1–100, so bodies differ. */
export function setBody (seeded: Seeded, i: number, sessions = seeded.openSessions): Record<string, unknown> {
  const pairs = sessions.length * seeded.exercises.length
  return {
    workout_session: sessions[i % sessions.length],
    exercise: seeded.exercises[Math.floor(i / sessions.length) % seeded.exercises.length],
    set_number: Math.floor(i / pairs) % 100 + 1,
    reps: 5 + i % 8,
    weight: 20 + (i % 40) * 2.5
  }
}

export async function seed (base: string): Promise<Seeded> {
  const username = `bench_${randomBytes(4).toString('hex')}`
  const { token } = await call<{ token: string }>(base, 'POST', '/api/auth/register', {
    username, email: `${username}@example.test`, password: 'bench passphrase 123', profile: { timezone: 'Europe/Paris' }
  })
  const headers = { authorization: `Token ${token}` }
  const exercises: string[] = []
  for (let i = 0; i < EXERCISES; i++) {
    const { id } = await call<{ id: string }>(base, 'POST', '/api/exercises', {
      name: `Bench exercise ${i}`,
      description: 'A custom exercise of the HTTP bench, with a description of realistic length for one.',
      category: 'strength',
      difficulty_level: 'intermediate',
      primary_muscles: ['chest', 'triceps'],
      secondary_muscles: ['shoulders'],
      equipment_needed: ['barbell'],
      instructions: 'Lie on the bench, lower the bar to the chest under control, press it back up. Keep the shoulder blades pinned.'
    }, headers)
    exercises.push(id)
  }
  const workout = await call<{ id: string }>(base, 'POST', '/api/workouts', {
    name: 'Bench workout',
    exercises: exercises.slice(0, 5).map((exercise, i) => ({ exercise, order: i + 1, target_sets: 4, target_reps_min: 5, target_reps_max: 8, rest_seconds: 120 }))
  }, headers)
  const open = (): Promise<{ id: string }> => call(base, 'POST', '/api/workout-sessions', { workout: workout.id, start_now: true }, headers)

  const seeded: Seeded = { url: base, headers, exercises, openSessions: [], completedAt: 0 }
  for (let s = 0; s < COMPLETED_SESSIONS; s++) {
    const session = await open()
    const logs = Array.from({ length: SETS_PER_COMPLETED }, (_, i) => ({ ...setBody(seeded, i, [session.id]), is_warmup: i % 10 === 0 }))
    await call(base, 'POST', '/api/exercise-logs/bulk_create', { logs }, headers)
    await call(base, 'POST', `/api/workout-sessions/${session.id}/complete`, {}, headers)
  }
  seeded.completedAt = Date.now()
  for (let s = 0; s < OPEN_SESSIONS; s++) seeded.openSessions.push((await open()).id)
  return seeded
}
