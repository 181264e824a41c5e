import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { act, createSession, fieldsOf, insertExercise, logSet } from '../sessions/fixtures.js'

const url = (id: string) => `/api/exercise-logs/${id}`

t.test('GET/PUT/PATCH/DELETE /api/exercise-logs/{id}', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const bench = await insertExercise(app, { name: 'Bench' })
  const dips = await insertExercise(app, { name: 'Dips' })
  const bobsPrivate = await insertExercise(app, { created_by_user_id: bob.id })
  const session = await createSession(app, alice, 'in_progress')
  const send = (method: 'GET' | 'PUT' | 'PATCH' | 'DELETE', id: string, payload?: Record<string, unknown>, user = alice) =>
    app.inject({ method, url: url(id), headers: user.headers, ...(payload ? { payload } : {}) })

  t.test('GET one of your sets', async (t) => {
    const log = await logSet(app, alice, session.id, { exercise: bench, reps: 8, weight: 60 })
    const res = await send('GET', log.id)
    t.equal(res.statusCode, 200)
    t.same(res.json(), log)
  })

  t.test('PATCH and PUT change only the given fields; nulls clear', async (t) => {
    const log = await logSet(app, alice, session.id, { exercise: bench, reps: 8, weight: 60, rpe: 7 })
    const patched = await send('PATCH', log.id, { reps: 6, weight: 62.5, notes: 'paused', completed_at: '2026-11-22T09:00:00+01:00' })
    t.equal(patched.statusCode, 200)
    t.match(patched.json(), { id: log.id, reps: 6, weight: 62.5, rpe: 7, notes: 'paused', completed_at: '2026-11-22T08:00:00.000Z', set_number: log.set_number, workout_session: session.id })
    const put = await send('PUT', log.id, { exercise: dips, weight: null, rpe: null, is_warmup: true, set_number: 3 })
    t.equal(put.statusCode, 200)
    t.match(put.json(), { exercise: dips, reps: 6, weight: null, rpe: null, is_warmup: true, set_number: 3 })
    t.same((await send('GET', log.id)).json(), put.json())
  })

  t.test('a change may not leave the set without a metric, nor point at a hidden exercise', async (t) => {
    const log = await logSet(app, alice, session.id, { exercise: bench, reps: 8 })
    const empty = await send('PATCH', log.id, { reps: null })
    t.equal(empty.statusCode, 400)
    t.same(empty.json().details, [{ field: 'body', message: 'must include at least one of reps, weight, duration_seconds, distance' }])
    t.equal((await send('PATCH', log.id, { reps: null, distance: 0 })).statusCode, 200, 'zero is a measurement')
    const hidden = await send('PATCH', log.id, { exercise: bobsPrivate })
    t.same(hidden.json().details, [{ field: 'body/exercise', message: 'does not exist' }])
    const bad = await send('PATCH', log.id, { workout_session: session.id, rpe: 11, weight: -1, created_at: '2026-01-01T00:00:00Z' })
    t.same(fieldsOf(bad.json()), ['body/created_at', 'body/rpe', 'body/weight', 'body/workout_session'])
  })

  t.test('DELETE a set of an open session', async (t) => {
    const log = await logSet(app, alice, session.id, { exercise: bench, reps: 1 })
    const res = await send('DELETE', log.id)
    t.equal(res.statusCode, 204)
    t.equal(res.body, '')
    t.equal((await send('GET', log.id)).statusCode, 404)
    t.equal((await send('DELETE', log.id)).statusCode, 404)
  })

  t.test("deleting an exercise's latest set gives its number back; an earlier one leaves a gap", async (t) => {
    const own = await createSession(app, alice, 'in_progress')
    const next = async () => (await logSet(app, alice, own.id, { exercise: dips, reps: 5 })).set_number
    const first = await logSet(app, alice, own.id, { exercise: dips, reps: 5 })
    const second = await logSet(app, alice, own.id, { exercise: dips, reps: 5 })
    t.equal((await send('DELETE', second.id)).statusCode, 204)
    t.equal(await next(), 2)
    t.equal((await send('DELETE', first.id)).statusCode, 204)
    t.equal(await next(), 3)
  })

  t.test('sets of completed or cancelled sessions are read-only: 409', async (t) => {
    for (const action of ['complete', 'cancel']) {
      const closing = await createSession(app, alice, 'in_progress')
      const log = await logSet(app, alice, closing.id, { exercise: bench, reps: 5, weight: 70 })
      await act(app, alice, closing.id, action)
      const state = action === 'complete' ? 'completed' : 'cancelled'
      for (const [method, payload] of [['PATCH', { reps: 6 }], ['PUT', { reps: 6 }], ['DELETE', undefined]] as const) {
        const res = await send(method, log.id, payload)
        t.equal(res.statusCode, 409, `${method} after ${action}`)
        t.match(res.json(), { code: 'INVALID_STATE', message: `Cannot change sets of a session that is ${state}` })
      }
      t.match((await send('GET', log.id)).json(), { reps: 5, weight: 70 }, 'still readable, unchanged')
    }
  })

  t.test('someone else\'s set is 404 for every verb, and stays as it was', async (t) => {
    const log = await logSet(app, alice, session.id, { exercise: bench, reps: 9 })
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE'] as const) {
      const res = await send(method, log.id, method === 'PUT' || method === 'PATCH' ? { reps: 1 } : undefined, bob)
      t.equal(res.statusCode, 404, method)
      t.equal(res.json().message, 'Log not found')
    }
    t.equal((await send('GET', log.id)).json().reps, 9)
  })

  t.test('missing 404, malformed 400, no token 401', async (t) => {
    t.equal((await send('GET', '0123456789abcdef01234567')).statusCode, 404)
    t.same(fieldsOf((await send('PATCH', 'zzz', { reps: 1 })).json()), ['params/id'])
    t.equal((await app.inject({ method: 'DELETE', url: url('0123456789abcdef01234567') })).statusCode, 401)
  })
})
