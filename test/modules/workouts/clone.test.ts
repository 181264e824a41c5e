import t from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { createExercise, createWorkout, fieldsOf } from './fixtures.js'

t.test('POST /api/workouts/{id}/clone', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const admin = await createUser(app, { role: 'admin' })
  const squat = await createExercise(app, admin, { name: 'Squat' })
  const special = await createExercise(app, alice, { name: 'Alice Special' })
  const shared = await createWorkout(app, alice, [squat.id], { name: 'Shared', is_public: true, tags: ['legs'], description: 'Good', difficulty_level: 'advanced', is_template: false })
  const secret = await createWorkout(app, alice, [squat.id, special.id], { name: 'Secret' })
  const clone = (id: string, user: { headers: Record<string, string> } | null, payload?: object) =>
    app.inject({ method: 'POST', url: `/api/workouts/${id}/clone`, headers: user?.headers ?? {}, ...(payload ? { payload } : {}) })

  t.test('a public workout is copied into the caller\'s private library', async (t) => {
    const res = await clone(shared.id, bob)
    t.equal(res.statusCode, 201)
    const copy = res.json()
    t.not(copy.id, shared.id)
    t.match(copy, {
      name: 'Shared (copy)',
      description: 'Good',
      tags: ['legs'],
      difficulty_level: 'advanced',
      is_template: false,
      is_public: false,
      created_by_user_id: bob.id,
      total_exercises: 1,
      estimated_duration_minutes: shared.estimated_duration_minutes
    })
    t.same(copy.exercises, shared.exercises)
    t.equal((await app.inject({ method: 'GET', url: `/api/workouts/${copy.id}`, headers: bob.headers })).statusCode, 200)
    t.equal((await app.inject({ method: 'GET', url: `/api/workouts/${copy.id}`, headers: alice.headers })).statusCode, 404, 'the copy is private')
  })

  t.test('the body may name the copy', async (t) => {
    const res = await clone(secret.id, alice, { name: 'My variation' })
    t.equal(res.statusCode, 201)
    t.match(res.json(), { name: 'My variation', created_by_user_id: alice.id, total_exercises: 2 })
  })

  t.test('404 for others\' private workouts and missing ones; 400 for bad input; 401 without a token', async (t) => {
    t.match((await clone(secret.id, bob)).json(), { statusCode: 404 })
    t.equal((await clone(new ObjectId().toHexString(), bob)).statusCode, 404)
    const bad = await clone(shared.id, bob, { name: '', is_public: true })
    t.equal(bad.statusCode, 400)
    t.same([...new Set(fieldsOf(bad.json()))], ['body/is_public', 'body/name'])
    t.match((await clone('bad', bob)).json(), { statusCode: 400, details: [{ field: 'params/id' }] })
    t.equal((await clone(shared.id, null)).statusCode, 401)
  })

  t.test('409 when the source uses an exercise the caller cannot see', async (t) => {
    // Only reachable through data written outside the API's rules (e.g. an older version): a public workout with a custom exercise.
    await app.mongo.db!.collection(COLLECTIONS.workouts).updateOne({ _id: new ObjectId(secret.id) }, { $set: { is_public: true } })
    t.match((await clone(secret.id, bob)).json(), { statusCode: 409, code: 'CONFLICT' })
  })
})
