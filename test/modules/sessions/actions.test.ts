import t from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { act, createSession, fieldsOf, insertExercise, logSet } from './fixtures.js'

t.test('POST /api/workout-sessions/{id}/start|complete|cancel', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const bench = await insertExercise(app, { name: 'Bench press' })
  const row = await insertExercise(app, { name: 'Row' })

  t.test('start: planned → in_progress, start_time = now = session_date', async (t) => {
    const session = await createSession(app, alice, 'planned', { scheduled_for: '2030-01-01T00:00:00Z' })
    const res = await act(app, alice, session.id, 'start')
    t.equal(res.statusCode, 200)
    const body = res.json()
    t.equal(body.status, 'in_progress')
    t.ok(Date.parse(body.start_time) >= Date.parse(session.created_at as string))
    t.equal(body.session_date, body.start_time)
    t.equal(body.scheduled_for, '2030-01-01T00:00:00.000Z')
  })

  t.test('complete: totals from working sets, duration, rating/notes/calories; logs are sealed', async (t) => {
    const session = await createSession(app, alice, 'in_progress')
    await logSet(app, alice, session.id, { exercise: bench, reps: 10, weight: 40, is_warmup: true })
    await logSet(app, alice, session.id, { exercise: bench, reps: 8, weight: 80.5 })
    await logSet(app, alice, session.id, { exercise: bench, reps: 6, weight: 85 })
    await logSet(app, alice, session.id, { exercise: row, reps: 12 })
    await logSet(app, alice, session.id, { exercise: row, duration_seconds: 90 })
    const res = await act(app, alice, session.id, 'complete', { rating: 4, notes: 'solid', calories_burned: 321.5 })
    t.equal(res.statusCode, 200)
    const body = res.json()
    t.match(body, { status: 'completed', rating: 4, notes: 'solid', calories_burned: 321.5, total_volume: 8 * 80.5 + 6 * 85, total_sets: 4, total_reps: 26, actual_duration_minutes: 0 })
    t.ok(Date.parse(body.end_time) >= Date.parse(body.start_time))
    const logs = await app.mongo.db!.collection(COLLECTIONS.logs).find({ user_id: alice.id }).toArray()
    t.equal(logs.length, 5)
    t.ok(logs.every((log) => log.session_completed_at?.toISOString() === body.end_time), 'every log carries the completion time')
  })

  t.test('complete without a body; duration is rounded minutes from start to end', async (t) => {
    const session = await createSession(app, alice, 'in_progress')
    const started = new Date(Date.now() - 42 * 60_000 - 20_000)
    await app.mongo.db!.collection(COLLECTIONS.sessions).updateOne({ _id: new ObjectId(session.id) }, { $set: { start_time: started } })
    const res = await act(app, alice, session.id, 'complete')
    t.equal(res.statusCode, 200)
    t.match(res.json(), { status: 'completed', actual_duration_minutes: 42, total_volume: 0, total_sets: 0, total_reps: 0, rating: null, notes: '' })
  })

  t.test('complete rejects bad fields', async (t) => {
    const session = await createSession(app, alice, 'in_progress')
    const res = await act(app, alice, session.id, 'complete', { rating: 6, calories_burned: -1, notes: 'x'.repeat(2001), total_volume: 5 })
    t.equal(res.statusCode, 400)
    t.same(fieldsOf(res.json()), ['body/calories_burned', 'body/notes', 'body/rating', 'body/total_volume'])
    t.equal((await app.inject({ method: 'GET', url: `/api/workout-sessions/${session.id}`, headers: alice.headers })).json().status, 'in_progress')
  })

  t.test('cancel from planned and from in_progress', async (t) => {
    for (const state of ['planned', 'in_progress']) {
      const session = await createSession(app, alice, state)
      const res = await act(app, alice, session.id, 'cancel')
      t.equal(res.statusCode, 200)
      t.match(res.json(), { status: 'cancelled', end_time: null })
    }
  })

  t.test('every other move is 409 INVALID_STATE naming the current state', async (t) => {
    const refused: Array<[string, string, RegExp]> = [
      ['planned', 'complete', /that is planned; it must be in progress/],
      ['in_progress', 'start', /that is in progress; it must be planned/],
      ['completed', 'start', /that is completed/],
      ['completed', 'complete', /that is completed/],
      ['completed', 'cancel', /that is completed/],
      ['cancelled', 'start', /that is cancelled/],
      ['cancelled', 'complete', /that is cancelled/],
      ['cancelled', 'cancel', /that is cancelled/]
    ]
    for (const [state, action, message] of refused) {
      const session = await createSession(app, alice, state)
      const res = await act(app, alice, session.id, action)
      t.equal(res.statusCode, 409, `${action} from ${state}`)
      t.match(res.json(), { code: 'INVALID_STATE', message })
    }
  })

  t.test('another user\'s session is 404 for every action, and stays unchanged', async (t) => {
    const session = await createSession(app, alice, 'in_progress')
    for (const action of ['start', 'complete', 'cancel']) {
      const res = await act(app, bob, session.id, action)
      t.equal(res.statusCode, 404, action)
      t.equal(res.json().code, 'NOT_FOUND')
    }
    const after = await app.inject({ method: 'GET', url: `/api/workout-sessions/${session.id}`, headers: alice.headers })
    t.equal(after.json().status, 'in_progress')
  })

  t.test('missing id 404, malformed id 400, no token 401', async (t) => {
    t.equal((await act(app, alice, '0123456789abcdef01234567', 'start')).statusCode, 404)
    const bad = await act(app, alice, 'not-an-id', 'start')
    t.equal(bad.statusCode, 400)
    t.same(fieldsOf(bad.json()), ['params/id'])
    const anonymous = await app.inject({ method: 'POST', url: '/api/workout-sessions/0123456789abcdef01234567/start' })
    t.equal(anonymous.statusCode, 401)
  })
})
