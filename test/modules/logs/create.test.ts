import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { createSession, fieldsOf, insertExercise } from '../sessions/fixtures.js'

const flat = '/api/exercise-logs'
const nested = (id: string) => `/api/workout-sessions/${id}/logs`

t.test('POST /api/exercise-logs and /api/workout-sessions/{id}/logs', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const library = await insertExercise(app, { name: 'Deadlift' })
  const bobsPublic = await insertExercise(app, { created_by_user_id: bob.id, is_public: true })
  const bobsPrivate = await insertExercise(app, { created_by_user_id: bob.id })
  const alicesOwn = await insertExercise(app, { created_by_user_id: alice.id })
  const session = await createSession(app, alice, 'in_progress')
  const post = (url: string, payload: Record<string, unknown>, user = alice) => app.inject({ method: 'POST', url, headers: user.headers, payload })

  t.test('flat: every field stored and answered; defaults for the rest', async (t) => {
    const res = await post(flat, { workout_session: session.id, exercise: library, reps: 5, weight: 142.5, rpe: 8.5, notes: 'belt', completed_at: '2026-11-22T08:40:00Z' })
    t.equal(res.statusCode, 201)
    const body = res.json()
    t.match(body, {
      id: /^[0-9a-f]{24}$/,
      workout_session: session.id,
      exercise: library,
      set_number: 1,
      reps: 5,
      weight: 142.5,
      duration_seconds: null,
      distance: null,
      rpe: 8.5,
      is_warmup: false,
      notes: 'belt',
      completed_at: '2026-11-22T08:40:00.000Z',
      created_at: String
    })
    t.same(Object.keys(body).sort(), ['completed_at', 'created_at', 'distance', 'duration_seconds', 'entered_by_user_id', 'exercise', 'id', 'is_warmup', 'notes', 'reps', 'rpe', 'set_number', 'updated_at', 'weight', 'workout_session'])
    const stored = await app.mongo.db!.collection(COLLECTIONS.logs).findOne({ notes: 'belt' })
    t.match(stored, { user_id: alice.id, session_completed_at: null })
  })

  t.test('nested: the session comes from the path; set_number continues per exercise', async (t) => {
    const second = await post(nested(session.id), { exercise: library, reps: 5, weight: 150 })
    t.equal(second.statusCode, 201)
    t.match(second.json(), { workout_session: session.id, set_number: 2 })
    t.ok(Date.now() - Date.parse(second.json().completed_at) < 60_000, 'completed_at defaults to now')
    const other = await post(nested(session.id), { exercise: alicesOwn, distance: 2.5, duration_seconds: 600 })
    t.match(other.json(), { set_number: 1, distance: 2.5, duration_seconds: 600 })
    const explicit = await post(nested(session.id), { exercise: library, set_number: 7, reps: 1, weight: 160, is_warmup: true })
    t.match(explicit.json(), { set_number: 7, is_warmup: true })
  })

  t.test('a public exercise of someone else is usable; a private one "does not exist"', async (t) => {
    t.equal((await post(nested(session.id), { exercise: bobsPublic, reps: 10 })).statusCode, 201)
    for (const exercise of [bobsPrivate, '0123456789abcdef01234567']) {
      const res = await post(flat, { workout_session: session.id, exercise, reps: 10 })
      t.equal(res.statusCode, 400)
      t.same(res.json().details, [{ field: 'body/exercise', message: 'does not exist' }])
    }
  })

  t.test('at least one metric: details field "body"', async (t) => {
    for (const payload of [{ exercise: library }, { exercise: library, reps: null, weight: null, rpe: 7, notes: 'x' }]) {
      const res = await post(nested(session.id), payload)
      t.equal(res.statusCode, 400)
      t.same(res.json().details, [{ field: 'body', message: 'must include at least one of reps, weight, duration_seconds, distance' }])
    }
  })

  t.test('bounds and types are named per field', async (t) => {
    const res = await post(flat, {
      workout_session: session.id,
      exercise: 'bench',
      set_number: 0,
      reps: -1,
      weight: 2000.5,
      duration_seconds: 86_401,
      distance: 1001,
      rpe: 7.3,
      is_warmup: 'sometimes',
      notes: 'x'.repeat(1001),
      completed_at: 'now',
      user_id: bob.id
    })
    t.equal(res.statusCode, 400)
    t.same(fieldsOf(res.json()), ['body/completed_at', 'body/distance', 'body/duration_seconds', 'body/exercise', 'body/is_warmup', 'body/notes', 'body/reps', 'body/rpe', 'body/set_number', 'body/user_id', 'body/weight'])
    const zero = await post(nested(session.id), { exercise: library, rpe: 0, reps: 3 })
    t.same(fieldsOf(zero.json()), ['body/rpe'], 'rpe 0 is refused, not stored as null')
    const missing = await post(flat, { reps: 3 })
    t.same(fieldsOf(missing.json()), ['body/exercise', 'body/workout_session'])
    const sessionInBody = await post(nested(session.id), { workout_session: session.id, exercise: library, reps: 3 })
    t.same(fieldsOf(sessionInBody.json()), ['body/workout_session'], 'the nested route takes the session from the path only')
  })

  t.test('someone else\'s session: 400 on the flat route, 404 on the nested one; nothing written', async (t) => {
    const before = await app.mongo.db!.collection(COLLECTIONS.logs).countDocuments()
    const bobs = await createSession(app, bob, 'in_progress')
    const viaFlat = await post(flat, { workout_session: bobs.id, exercise: library, reps: 1 })
    t.equal(viaFlat.statusCode, 400)
    t.same(viaFlat.json().details, [{ field: 'body/workout_session', message: 'does not exist' }])
    const viaNested = await post(nested(bobs.id), { exercise: library, reps: 1 })
    t.equal(viaNested.statusCode, 404)
    t.equal(viaNested.json().message, 'Session not found')
    t.equal((await post(nested('0123456789abcdef01234567'), { exercise: library, reps: 1 })).statusCode, 404)
    t.equal(await app.mongo.db!.collection(COLLECTIONS.logs).countDocuments(), before)
  })

  t.test('planned sessions take sets; completed and cancelled ones are 409', async (t) => {
    const planned = await createSession(app, alice)
    t.equal((await post(nested(planned.id), { exercise: library, reps: 1 })).statusCode, 201)
    for (const state of ['completed', 'cancelled']) {
      const closed = await createSession(app, alice, state)
      for (const res of [await post(nested(closed.id), { exercise: library, reps: 1 }), await post(flat, { workout_session: closed.id, exercise: library, reps: 1 })]) {
        t.equal(res.statusCode, 409, state)
        t.match(res.json(), { code: 'INVALID_STATE', message: `Cannot log sets into a session that is ${state}` })
      }
    }
  })

  t.test('401 without a token', async (t) => {
    t.equal((await app.inject({ method: 'POST', url: flat, payload: {} })).statusCode, 401)
    t.equal((await app.inject({ method: 'POST', url: nested(session.id), payload: {} })).statusCode, 401)
  })
})
