import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { fieldsOf, insertWorkout } from './fixtures.js'

const url = '/api/workout-sessions'

t.test('POST /api/workout-sessions', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const own = await insertWorkout(app, alice.id, { name: 'Leg day' })
  const bobsPublic = await insertWorkout(app, bob.id, { name: 'Bob public', is_public: true })
  const bobsPrivate = await insertWorkout(app, bob.id, { name: 'Bob private' })

  t.test('free training is planned, named "Free training", with zero totals', async (t) => {
    const res = await app.inject({ method: 'POST', url, headers: alice.headers, payload: {} })
    t.equal(res.statusCode, 201)
    const body = res.json()
    t.match(body, {
      id: /^[0-9a-f]{24}$/,
      workout: null,
      name: 'Free training',
      status: 'planned',
      scheduled_for: null,
      start_time: null,
      end_time: null,
      actual_duration_minutes: null,
      notes: '',
      rating: null,
      calories_burned: null,
      total_volume: 0,
      total_sets: 0,
      total_reps: 0
    })
    t.equal(body.session_date, body.created_at)
    t.notOk('user_id' in body, 'the owner id is not exposed')
    const again = await app.inject({ method: 'GET', url: `${url}/${body.id}`, headers: alice.headers })
    t.same(again.json(), body)
  })

  t.test('from an own workout: its name by default, scheduled_for becomes session_date', async (t) => {
    const res = await app.inject({ method: 'POST', url, headers: alice.headers, payload: { workout: own, scheduled_for: '2026-12-01T07:00:00Z', notes: 'early' } })
    t.equal(res.statusCode, 201)
    t.match(res.json(), { workout: own, name: 'Leg day', status: 'planned', scheduled_for: '2026-12-01T07:00:00.000Z', session_date: '2026-12-01T07:00:00.000Z', notes: 'early' })
  })

  t.test('from another user\'s public workout, with an own name', async (t) => {
    const res = await app.inject({ method: 'POST', url, headers: alice.headers, payload: { workout: bobsPublic, name: 'My version' } })
    t.equal(res.statusCode, 201)
    t.match(res.json(), { workout: bobsPublic, name: 'My version' })
  })

  t.test('start_now creates it in progress, started now', async (t) => {
    const res = await app.inject({ method: 'POST', url, headers: alice.headers, payload: { start_now: true } })
    t.equal(res.statusCode, 201)
    const body = res.json()
    t.equal(body.status, 'in_progress')
    t.equal(body.start_time, body.created_at)
    t.equal(body.session_date, body.start_time)
  })

  t.test('a private workout of someone else, or a missing one, "does not exist"', async (t) => {
    for (const workout of [bobsPrivate, '0123456789abcdef01234567']) {
      const res = await app.inject({ method: 'POST', url, headers: alice.headers, payload: { workout } })
      t.equal(res.statusCode, 400)
      t.same(res.json().details, [{ field: 'body/workout', message: 'does not exist' }])
    }
  })

  t.test('bad fields are each named', async (t) => {
    const res = await app.inject({
      method: 'POST',
      url,
      headers: alice.headers,
      payload: { workout: 'nope', name: '', scheduled_for: 'tomorrow', notes: 'x'.repeat(2001), start_now: 'maybe' }
    })
    t.equal(res.statusCode, 400)
    t.match(res.json(), { code: 'VALIDATION_ERROR' })
    t.same(fieldsOf(res.json()), ['body/name', 'body/notes', 'body/scheduled_for', 'body/start_now', 'body/workout'])
  })

  t.test('status, times and totals are read-only', async (t) => {
    const res = await app.inject({
      method: 'POST',
      url,
      headers: alice.headers,
      payload: { status: 'completed', start_time: '2026-01-01T00:00:00Z', total_volume: 1e6, user_id: bob.id, $where: '1' }
    })
    t.equal(res.statusCode, 400)
    t.same(fieldsOf(res.json()), ['body/$where', 'body/start_time', 'body/status', 'body/total_volume', 'body/user_id'])
  })

  t.test('401 without a token', async (t) => {
    const res = await app.inject({ method: 'POST', url, payload: {} })
    t.equal(res.statusCode, 401)
  })
})
