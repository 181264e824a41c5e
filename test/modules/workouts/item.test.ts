import t from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { createExercise, createWorkout, fieldsOf, workoutBody } from './fixtures.js'

t.test('GET/PUT/PATCH/DELETE /api/workouts/{id}', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const admin = await createUser(app, { role: 'admin' })
  const squat = await createExercise(app, admin, { name: 'Squat' })
  const row = await createExercise(app, admin, { name: 'Row' })
  const special = await createExercise(app, alice, { name: 'Alice Special' })
  const secret = await createWorkout(app, alice, [squat.id, special.id], { name: 'Private', description: 'Keep', tags: ['legs'] })
  const shared = await createWorkout(app, alice, [squat.id], { name: 'Shared', is_public: true })
  type Method = 'GET' | 'PUT' | 'PATCH' | 'DELETE'
  const call = (method: Method, id: string, user: { headers: Record<string, string> } | null, payload?: object) =>
    app.inject({ method, url: `/api/workouts/${id}`, headers: user?.headers ?? {}, ...(payload ? { payload } : {}) })

  t.test('GET: own and public workouts; 404 for others\' private ones', async (t) => {
    t.same((await call('GET', secret.id, alice)).json(), secret)
    t.same((await call('GET', shared.id, bob)).json(), shared)
    t.match((await call('GET', secret.id, bob)).json(), { statusCode: 404, code: 'NOT_FOUND' })
    t.equal((await call('GET', secret.id, admin)).statusCode, 404, 'admins too')
    t.equal((await call('GET', new ObjectId().toHexString(), alice)).statusCode, 404)
    t.match((await call('GET', 'zz', alice)).json(), { statusCode: 400, details: [{ field: 'params/id' }] })
    t.equal((await call('GET', secret.id, null)).statusCode, 401)
  })

  t.test('PATCH keeps absent fields; new exercises recompute the duration unless it is given', async (t) => {
    const renamed = (await call('PATCH', secret.id, alice, { name: 'Private legs', tags: ['Legs', 'Heavy'] })).json()
    t.match(renamed, { name: 'Private legs', description: 'Keep', tags: ['legs', 'heavy'], total_exercises: 2, estimated_duration_minutes: secret.estimated_duration_minutes })
    const changed = (await call('PATCH', secret.id, alice, { exercises: [{ exercise: row.id, order: 1, target_sets: 5, rest_seconds: 75 }] })).json()
    t.match(changed, { total_exercises: 1, estimated_duration_minutes: 10, exercises: [{ exercise: row.id, exercise_name: 'Row', target_sets: 5 }] })
    const given = (await call('PATCH', secret.id, alice, { exercises: [{ exercise: row.id, order: 1 }], estimated_duration_minutes: 30 })).json()
    t.equal(given.estimated_duration_minutes, 30)
    t.equal((await call('PATCH', secret.id, alice, { description: 'Still 30' })).json().estimated_duration_minutes, 30, 'kept when exercises stay')
  })

  t.test('PATCH: 400 per field, checked before anything is written', async (t) => {
    const res = await call('PATCH', secret.id, alice, { exercises: [{ exercise: row.id, order: 1 }, { exercise: row.id, order: 1, target_reps_min: 9, target_reps_max: 3 }] })
    t.same(fieldsOf(res.json()), ['body/exercises/1/order', 'body/exercises/1/target_reps_max'])
    t.match((await call('PATCH', secret.id, alice, { total_exercises: 9 })).json(), { statusCode: 400, details: [{ field: 'body/total_exercises' }] })
    t.equal((await call('GET', secret.id, alice)).json().exercises[0].target_sets, 3, 'unchanged')
  })

  t.test('PATCH is_public: only when every exercise is a library one', async (t) => {
    await call('PATCH', secret.id, alice, { exercises: [{ exercise: squat.id, order: 1 }, { exercise: special.id, order: 2 }] })
    const refused = await call('PATCH', secret.id, alice, { is_public: true })
    t.match(refused.json(), { statusCode: 400, details: [{ field: 'body/is_public', message: /library exercises only/ }] })
    t.match((await call('PATCH', shared.id, alice, { exercises: [{ exercise: special.id, order: 1 }] })).json(),
      { statusCode: 400, details: [{ field: 'body/exercises/0/exercise' }] }, 'a public workout cannot take a custom exercise')
    t.equal((await call('PATCH', secret.id, alice, { is_public: true, exercises: [{ exercise: squat.id, order: 1 }] })).json().is_public, true)
    t.equal((await call('PATCH', secret.id, alice, { is_public: false })).json().is_public, false)
  })

  t.test('writes: 403 on others\' public workouts, 404 on their private ones', async (t) => {
    t.match((await call('PATCH', shared.id, bob, { name: 'Mine now' })).json(), { statusCode: 403, code: 'FORBIDDEN' })
    t.equal((await call('PUT', shared.id, bob, workoutBody([]))).statusCode, 403)
    t.equal((await call('DELETE', shared.id, bob)).statusCode, 403)
    t.equal((await call('PATCH', secret.id, bob, { name: 'Mine now' })).statusCode, 404)
    t.equal((await call('PUT', secret.id, bob, workoutBody([]))).statusCode, 404)
    t.equal((await call('DELETE', secret.id, bob)).statusCode, 404)
  })

  t.test('PUT replaces everything; absent fields reset to defaults', async (t) => {
    const res = await call('PUT', secret.id, alice, { name: 'Fresh', exercises: [{ exercise: row.id, order: 3, target_sets: 2, rest_seconds: 15 }] })
    t.equal(res.statusCode, 200)
    t.match(res.json(), { name: 'Fresh', description: '', tags: [], is_public: false, is_template: true, difficulty_level: 'beginner', estimated_duration_minutes: 2, total_exercises: 1 })
    t.match((await call('PUT', secret.id, alice, { exercises: [] })).json(), { statusCode: 400, details: [{ field: 'body/name' }] })
  })

  t.test('DELETE: 204, then 404; the exercises it used become deletable', async (t) => {
    const used = await createExercise(app, bob)
    const workout = await createWorkout(app, bob, [used.id])
    const deleteExercise = () => app.inject({ method: 'DELETE', url: `/api/exercises/${used.id}`, headers: bob.headers })
    t.equal((await deleteExercise()).statusCode, 409, 'in use by the workout')
    t.equal((await call('DELETE', workout.id, bob)).statusCode, 204)
    t.equal((await call('GET', workout.id, bob)).statusCode, 404)
    t.equal((await deleteExercise()).statusCode, 204)
  })
})
