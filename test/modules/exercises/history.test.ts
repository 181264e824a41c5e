import t from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { COLLECTIONS, type LogDoc } from '../../../src/modules/documents.js'
import { createExercise } from './fixtures.js'

t.test('GET /api/exercises/{id}/history', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const admin = await createUser(app, { role: 'admin' })
  const squat = await createExercise(app, admin, { name: 'Squat' })
  const secret = await createExercise(app, bob, { name: 'Bob Only' })
  const session = new ObjectId()
  const WRITTEN_AT = new Date(Date.UTC(2026, 10, 20, 11, 0))
  // Logged sets are the logs module's documents; written here in the documents.ts shape.
  const log = (userId: number, exerciseId: string, setNumber: number, minute: number): LogDoc => ({
    _id: new ObjectId(),
    user_id: userId,
    workout_session_id: session,
    exercise_id: new ObjectId(exerciseId),
    set_number: setNumber,
    reps: 5,
    weight: 100 + setNumber,
    duration_seconds: null,
    distance: null,
    rpe: 8,
    is_warmup: setNumber === 1,
    notes: '',
    completed_at: new Date(Date.UTC(2026, 10, 20, 10, minute)),
    session_completed_at: null,
    created_at: WRITTEN_AT
  })
  await app.mongo.db!.collection<LogDoc>(COLLECTIONS.logs).insertMany([
    log(alice.id, squat.id, 1, 0), log(alice.id, squat.id, 2, 5), log(alice.id, squat.id, 3, 10),
    log(bob.id, squat.id, 1, 20), log(bob.id, secret.id, 1, 30)
  ])
  const history = (id: string, user = alice, query = '') =>
    app.inject({ method: 'GET', url: `/api/exercises/${id}/history${query}`, headers: user.headers })

  t.test('the caller\'s own sets, newest first, in the log shape', async (t) => {
    const res = await history(squat.id)
    t.equal(res.statusCode, 200)
    const body = res.json()
    t.equal(body.count, 3)
    t.same(body.results.map((item: { set_number: number }) => item.set_number), [3, 2, 1])
    t.same(body.results[0], {
      id: body.results[0].id,
      workout_session: session.toHexString(),
      exercise: squat.id,
      set_number: 3,
      reps: 5,
      weight: 103,
      duration_seconds: null,
      distance: null,
      rpe: 8,
      is_warmup: false,
      notes: '',
      completed_at: '2026-11-20T10:10:00.000Z',
      entered_by_user_id: alice.id,
      // Written before sets had updated_at: their version is their creation time.
      updated_at: WRITTEN_AT.toISOString()
    })
    t.equal((await history(squat.id, bob)).json().count, 1, 'bob sees only his set')
  })

  t.test('pagination edges', async (t) => {
    const first = (await history(squat.id, alice, '?page_size=2')).json()
    t.match(first, { count: 3, previous: null, next: /history\?page_size=2&page=2$/ })
    const second = (await history(squat.id, alice, '?page_size=2&page=2')).json()
    t.match(second, { count: 3, next: null, previous: /history\?page_size=2$/ })
    t.same(second.results.map((item: { set_number: number }) => item.set_number), [1])
  })

  t.test('404 for an exercise the caller cannot see, 400 for a bad id, 401 without a token', async (t) => {
    t.equal((await history(secret.id)).statusCode, 404)
    t.equal((await history(new ObjectId().toHexString())).statusCode, 404)
    t.equal((await history('123')).statusCode, 400)
    t.equal((await app.inject({ method: 'GET', url: `/api/exercises/${squat.id}/history` })).statusCode, 401)
  })

  t.test('an empty history is an empty page', async (t) => {
    t.same((await history(squat.id, admin)).json(), { count: 0, next: null, previous: null, results: [] })
  })
})
