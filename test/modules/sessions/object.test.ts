import t from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { createSession, fieldsOf, insertExercise, logSet } from './fixtures.js'

const url = (id: string) => `/api/workout-sessions/${id}`

t.test('GET/PUT/PATCH/DELETE /api/workout-sessions/{id}', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const squat = await insertExercise(app, { name: 'Squat' })

  t.test('PATCH name, notes, scheduled_for; session_date follows the schedule until started', async (t) => {
    const session = await createSession(app, alice)
    const res = await app.inject({ method: 'PATCH', url: url(session.id), headers: alice.headers, payload: { name: 'Renamed', notes: 'n', scheduled_for: '2031-05-05T05:05:05Z' } })
    t.equal(res.statusCode, 200)
    t.match(res.json(), { name: 'Renamed', notes: 'n', scheduled_for: '2031-05-05T05:05:05.000Z', session_date: '2031-05-05T05:05:05.000Z', status: 'planned' })
    t.ok(Date.parse(res.json().updated_at) >= Date.parse(session.updated_at as string))
    const cleared = await app.inject({ method: 'PUT', url: url(session.id), headers: alice.headers, payload: { scheduled_for: null } })
    t.equal(cleared.statusCode, 200)
    t.match(cleared.json(), { name: 'Renamed', scheduled_for: null, session_date: session.created_at })
  })

  t.test('rating and calories only once completed: 409 before, 200 after', async (t) => {
    const running = await createSession(app, alice, 'in_progress')
    const early = await app.inject({ method: 'PATCH', url: url(running.id), headers: alice.headers, payload: { rating: 5 } })
    t.equal(early.statusCode, 409)
    t.match(early.json(), { code: 'INVALID_STATE', message: /once the session is completed; it is in progress/ })
    const done = await createSession(app, alice, 'completed')
    const late = await app.inject({ method: 'PUT', url: url(done.id), headers: alice.headers, payload: { rating: 5, calories_burned: 500, notes: 'later' } })
    t.equal(late.statusCode, 200)
    t.match(late.json(), { rating: 5, calories_burned: 500, notes: 'later', status: 'completed', session_date: done.session_date })
  })

  t.test('state, times and totals cannot be written; bad values are named', async (t) => {
    const session = await createSession(app, alice)
    const res = await app.inject({
      method: 'PATCH',
      url: url(session.id),
      headers: alice.headers,
      payload: { status: 'completed', end_time: '2026-01-01T00:00:00Z', total_reps: 3, workout: session.id, name: '', rating: 0, calories_burned: 20_001 }
    })
    t.equal(res.statusCode, 400)
    t.same(fieldsOf(res.json()), ['body/calories_burned', 'body/end_time', 'body/name', 'body/rating', 'body/status', 'body/total_reps', 'body/workout'])
  })

  t.test('another user\'s session is 404 for GET, PUT, PATCH and DELETE', async (t) => {
    const session = await createSession(app, alice)
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE'] as const) {
      const res = await app.inject({ method, url: url(session.id), headers: bob.headers, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: { name: 'mine now' } }) })
      t.equal(res.statusCode, 404, method)
      t.same(res.json(), { statusCode: 404, error: 'Not Found', code: 'NOT_FOUND', message: 'Session not found' })
    }
    t.equal((await app.inject({ method: 'GET', url: url(session.id), headers: alice.headers })).json().name, 'Free training')
  })

  t.test('missing id 404, malformed 400, no token 401', async (t) => {
    t.equal((await app.inject({ method: 'GET', url: url('0123456789abcdef01234567'), headers: alice.headers })).statusCode, 404)
    const bad = await app.inject({ method: 'GET', url: url('0123'), headers: alice.headers })
    t.equal(bad.statusCode, 400)
    t.same(fieldsOf(bad.json()), ['params/id'])
    t.equal((await app.inject({ method: 'PATCH', url: url('0123456789abcdef01234567'), payload: {} })).statusCode, 401)
  })

  t.test('DELETE removes the session and its logs; a completed one also drops the stats cache', async (t) => {
    const db = app.mongo.db!
    const planned = await createSession(app, alice)
    await logSet(app, alice, planned.id, { exercise: squat, reps: 5, weight: 100 })
    const done = await createSession(app, alice, 'in_progress')
    await logSet(app, alice, done.id, { exercise: squat, reps: 5, weight: 110 })
    await app.inject({ method: 'POST', url: `${url(done.id)}/complete`, headers: alice.headers })
    await db.collection(COLLECTIONS.statsCache).insertMany([{ user_id: alice.id, totals: 1 }, { user_id: bob.id, totals: 2 }])

    const first = await app.inject({ method: 'DELETE', url: url(planned.id), headers: alice.headers })
    t.equal(first.statusCode, 204)
    t.equal(first.body, '')
    t.equal(await db.collection(COLLECTIONS.logs).countDocuments({ workout_session_id: new ObjectId(planned.id) }), 0)
    t.equal(await db.collection(COLLECTIONS.statsCache).countDocuments({ user_id: alice.id }), 1, 'an unfinished session leaves the stats cache alone')

    t.equal((await app.inject({ method: 'DELETE', url: url(done.id), headers: alice.headers })).statusCode, 204)
    t.equal(await db.collection(COLLECTIONS.logs).countDocuments({ workout_session_id: new ObjectId(done.id) }), 0)
    t.equal(await db.collection(COLLECTIONS.statsCache).countDocuments({ user_id: alice.id }), 0)
    t.equal(await db.collection(COLLECTIONS.statsCache).countDocuments({ user_id: bob.id }), 1, 'other users\' caches stay')
    t.equal((await app.inject({ method: 'GET', url: url(done.id), headers: alice.headers })).statusCode, 404)
    t.equal((await app.inject({ method: 'DELETE', url: url(done.id), headers: alice.headers })).statusCode, 404)
  })
})
