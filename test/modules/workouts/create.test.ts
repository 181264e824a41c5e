import t from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { createExercise, createWorkout, fieldsOf, workoutBody } from './fixtures.js'

t.test('POST /api/workouts', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const admin = await createUser(app, { role: 'admin' })
  const squat = await createExercise(app, admin, { name: 'Squat' })
  const bench = await createExercise(app, admin, { name: 'Bench' })
  const aliceOwn = await createExercise(app, alice, { name: 'Alice Special' })
  const bobOwn = await createExercise(app, bob, { name: 'Bob Special' })
  const post = (payload: object, user = alice) => app.inject({ method: 'POST', url: '/api/workouts', headers: user.headers, payload })

  t.test('201 with computed totals, resolved names, sorted by order, defaults filled in', async (t) => {
    const res = await post({
      name: 'Legs',
      tags: ['Strength', 'strength', 'legs'],
      exercises: [
        { exercise: aliceOwn.id, order: 2, target_sets: 2, rest_seconds: 15 },
        { exercise: squat.id, order: 1, target_sets: 3, target_reps_min: 5, target_reps_max: 5, target_weight: 100 }
      ]
    })
    t.equal(res.statusCode, 201)
    t.same(res.json(), {
      ...res.json(),
      name: 'Legs',
      description: '',
      difficulty_level: 'beginner',
      estimated_duration_minutes: 8,
      tags: ['strength', 'legs'],
      is_template: true,
      is_public: false,
      total_exercises: 2,
      created_by_user_id: alice.id,
      exercises: [
        { exercise: squat.id, exercise_name: 'Squat', order: 1, target_sets: 3, target_reps_min: 5, target_reps_max: 5, target_weight: 100, rest_seconds: 60, notes: '' },
        { exercise: aliceOwn.id, exercise_name: 'Alice Special', order: 2, target_sets: 2, target_reps_min: null, target_reps_max: null, target_weight: null, rest_seconds: 15, notes: '' }
      ]
    })
    t.match(res.json(), { id: /^[0-9a-f]{24}$/, created_at: String, updated_at: String })
  })

  t.test('a given duration wins; an empty workout is allowed', async (t) => {
    t.equal((await createWorkout(app, alice, [squat.id], { estimated_duration_minutes: 75 })).estimated_duration_minutes, 75)
    t.match(await createWorkout(app, alice, []), { total_exercises: 0, estimated_duration_minutes: 0, exercises: [] })
  })

  t.test('public workouts may use library exercises', async (t) => {
    t.match(await createWorkout(app, alice, [squat.id, bench.id], { is_public: true }), { is_public: true })
  })

  t.test('400: duplicate orders, reps range, invisible or unknown exercises — all reported', async (t) => {
    const res = await post({
      name: 'Broken',
      exercises: [
        { exercise: squat.id, order: 1 },
        { exercise: bobOwn.id, order: 2 },
        { exercise: bench.id, order: 1 },
        { exercise: new ObjectId().toHexString(), order: 3, target_reps_min: 10, target_reps_max: 8 }
      ]
    })
    t.equal(res.statusCode, 400)
    t.match(res.json(), { code: 'VALIDATION_ERROR' })
    t.same(fieldsOf(res.json()), ['body/exercises/1/exercise', 'body/exercises/2/order', 'body/exercises/3/exercise', 'body/exercises/3/target_reps_max'])
    t.match(res.json().details.find((detail: { field: string }) => detail.field === 'body/exercises/1/exercise'), { message: /does not exist/ })
  })

  t.test('400: a public workout with a custom exercise', async (t) => {
    const res = await post(workoutBody([squat.id, aliceOwn.id], { is_public: true }))
    t.equal(res.statusCode, 400)
    t.match(res.json(), { details: [{ field: 'body/exercises/1/exercise', message: /library exercises only/ }] })
  })

  t.test('400: schema limits per field', async (t) => {
    const res = await post({
      name: '',
      difficulty_level: 'expert',
      estimated_duration_minutes: 0,
      tags: ['a,b'],
      is_public: 'yes',
      owner: 1,
      exercises: [{ exercise: 'nope', order: 0, target_sets: 51, target_reps_min: 0, target_weight: -1, rest_seconds: 3601, extra: true }]
    })
    t.equal(res.statusCode, 400)
    const fields = fieldsOf(res.json())
    for (const field of [
      'body/name', 'body/difficulty_level', 'body/estimated_duration_minutes', 'body/tags/0', 'body/is_public', 'body/owner',
      'body/exercises/0/exercise', 'body/exercises/0/order', 'body/exercises/0/target_sets', 'body/exercises/0/target_reps_min',
      'body/exercises/0/target_weight', 'body/exercises/0/rest_seconds', 'body/exercises/0/extra'
    ]) t.ok(fields.includes(field), `${field} reported`)
  })

  t.test('400: at most 50 exercises', async (t) => {
    const many = Array.from({ length: 51 }, () => squat.id)
    t.match((await post(workoutBody(many))).json(), { statusCode: 400, details: [{ field: 'body/exercises' }] })
  })

  t.test('nothing is written when validation fails', async (t) => {
    await post(workoutBody([new ObjectId().toHexString()], { name: 'Never stored' }))
    const list = await app.inject({ method: 'GET', url: '/api/workouts?search=Never%20stored', headers: alice.headers })
    t.equal(list.json().count, 0)
  })

  t.test('401 without a token', async (t) => {
    t.equal((await app.inject({ method: 'POST', url: '/api/workouts', payload: workoutBody([]) })).statusCode, 401)
  })
})
