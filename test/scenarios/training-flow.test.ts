import t from 'tap'
import { build } from '../helpers/build.js'
import { createUser } from '../helpers/users.js'
import { oid } from '../../src/lib/mongo.js'

// The flow the API exists for: create exercise → build workout → plan session → start →
// bulk log → complete → totals right → history and stats show the sets.
t.test('a whole training session, end to end through HTTP', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const as = (user: typeof alice) => ({ headers: user.headers })
  const call = async (user: typeof alice, method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await app.inject({ method, url, payload, ...as(user) })
    return { status: res.statusCode, body: res.json() }
  }

  const exercise = await call(alice, 'POST', '/api/exercises', {
    name: 'Tempo Squat',
    description: 'Back squat with a three-second descent.',
    category: 'strength',
    difficulty_level: 'intermediate',
    primary_muscles: ['quadriceps', 'glutes'],
    equipment_needed: ['barbell'],
    instructions: 'Descend for three seconds, pause, drive up.'
  })
  t.equal(exercise.status, 201)
  t.match(exercise.body, { is_custom: true, created_by_user_id: alice.id })
  const exerciseId = exercise.body.id as string

  const workout = await call(alice, 'POST', '/api/workouts', {
    name: 'Leg day',
    difficulty_level: 'intermediate',
    exercises: [{ exercise: exerciseId, order: 1, target_sets: 3, target_reps_min: 5, target_reps_max: 8, rest_seconds: 120 }]
  })
  t.equal(workout.status, 201)
  t.equal(workout.body.total_exercises, 1)
  t.equal(workout.body.estimated_duration_minutes, Math.ceil(3 * (45 + 120) / 60), 'sets × (work + rest)')

  const planned = await call(alice, 'POST', '/api/workout-sessions', { workout: workout.body.id })
  t.equal(planned.status, 201)
  t.match(planned.body, { status: 'planned', name: 'Leg day', workout: workout.body.id })
  const sessionUrl = `/api/workout-sessions/${planned.body.id as string}`
  t.equal((await call(bob, 'GET', sessionUrl)).status, 404, 'another user never sees it')

  t.equal((await call(alice, 'POST', `${sessionUrl}/start`)).body.status, 'in_progress')
  // Pretend the session started 50 minutes ago, so the duration is worth checking.
  await app.mongo.db!.collection('workout_sessions').updateOne({ _id: oid(planned.body.id) }, { $set: { start_time: new Date(Date.now() - 50 * 60_000) } })

  const sets = [
    { reps: 10, weight: 40, is_warmup: true },
    { reps: 8, weight: 100 },
    { reps: 6, weight: 110 },
    { reps: 5, weight: 120, rpe: 9 }
  ].map((set) => ({ workout_session: planned.body.id, exercise: exerciseId, ...set }))
  const logged = await call(alice, 'POST', '/api/exercise-logs/bulk_create', { logs: sets })
  t.equal(logged.status, 201)
  t.same(logged.body.logs.map((log: { set_number: number }) => log.set_number), [1, 2, 3, 4])
  t.equal((await call(bob, 'POST', '/api/exercise-logs/bulk_create', { logs: sets })).status, 400, 'nobody logs into a session not theirs')

  const done = await call(alice, 'POST', `${sessionUrl}/complete`, { rating: 4, notes: 'Felt strong' })
  t.equal(done.status, 200)
  t.match(done.body, { status: 'completed', rating: 4, total_sets: 3, total_reps: 19, actual_duration_minutes: 50 })
  t.equal(done.body.total_volume, 8 * 100 + 6 * 110 + 5 * 120, 'warm-up excluded')
  t.equal((await call(alice, 'POST', '/api/exercise-logs', { workout_session: planned.body.id, exercise: exerciseId, reps: 1, weight: 1 })).status, 409, 'completed history is immutable')

  const history = await call(alice, 'GET', `/api/exercises/${exerciseId}/history`)
  t.equal(history.status, 200)
  t.equal(history.body.count, 4)
  t.same(history.body.results.map((log: { weight: number }) => log.weight).sort((a: number, b: number) => a - b), [40, 100, 110, 120])
  t.equal((await call(bob, 'GET', `/api/exercises/${exerciseId}/history`)).status, 404, 'a custom exercise is private')

  const summary = await call(alice, 'GET', '/api/stats/summary')
  t.match(summary.body, { completed_sessions: 1, total_volume: 2060, total_sets: 3, total_reps: 19, total_duration_minutes: 50, current_streak_days: 1 })
  const records = await call(alice, 'GET', '/api/stats/records')
  t.equal(records.status, 200)
  t.match(JSON.stringify(records.body), /120/, 'the heaviest set is a record')
  t.match((await call(bob, 'GET', '/api/stats/summary')).body, { completed_sessions: 0, total_volume: 0 })
})
