import t, { type Test } from 'tap'
import { buildAuth, PASSWORD, register } from '../modules/auth/fixtures.js'
import { createSession, insertExercise } from '../modules/sessions/fixtures.js'
import { MAX_ERROR_DETAILS } from '../../src/plugins/errors.js'

// Regression tests for issue 9, classes 2, 3, 4 and 7: input that used to be stored and then
// broke every read (non-finite numbers), reached a driver (NUL), cost seconds to validate, or
// was silently rewritten (nullable coercion). Each case names the class it covers.
t.test('hostile input is refused at the edge with the error body', async (t) => {
  const app = await buildAuth(t)
  const ana = await register(app)
  const exercise = await insertExercise(app)
  const session = await createSession(app, ana as never, 'in_progress')
  const json = (method: string, url: string, body: string, headers = ana.headers) =>
    app.inject({ method: method as 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload: body })
  const expect400 = (t: Test, res: { statusCode: number, json: () => unknown }, field: RegExp) => {
    t.equal(res.statusCode, 400)
    t.match(res.json(), { statusCode: 400, error: 'Bad Request', code: 'VALIDATION_ERROR', details: [{ field }] })
  }

  t.test('class 2: non-finite numbers — strings and 1e400 — in bodies and query strings', async (t) => {
    for (const value of ['"Infinity"', '"-Infinity"', '"1e400"', '1e400', '-1e400']) {
      const log = `{"workout_session":"${session.id}","exercise":"${exercise}","reps":5,"weight":${value}}`
      expect400(t, await json('POST', '/api/exercise-logs', log), /^body\/weight$/)
      expect400(t, await json('PATCH', '/api/auth/profile', `{"profile":{"height":${value}}}`), /^body\/profile\/height$/)
    }
    for (const value of ['Infinity', '-Infinity', '1e400', 'NaN']) {
      expect400(t, await app.inject({ url: `/api/exercises?page=${value}`, headers: ana.headers }), /^querystring\/page$/)
    }
    const logs = await app.inject({ url: '/api/exercise-logs', headers: ana.headers })
    t.equal(logs.json().count, 0, 'nothing was stored')
    t.equal((await app.inject({ url: '/api/auth/me', headers: ana.headers })).statusCode, 200, 'reads still work')
  })

  t.test('class 2: a register with a non-finite profile creates no account', async (t) => {
    const body = `{"username":"inf_user","email":"inf@example.test","password":"${PASSWORD}","profile":{"weight":1e400}}`
    expect400(t, await json('POST', '/api/auth/register', body, {} as never), /^body\/profile\/weight$/)
    const { rows } = await app.pg.query("SELECT 1 FROM users WHERE username = 'inf_user'")
    t.equal(rows.length, 0)
  })

  t.test('class 3: NUL and unpaired surrogates in query strings, login fields and token names', async (t) => {
    expect400(t, await app.inject({ url: '/api/exercises?search=a%00b', headers: ana.headers }), /^querystring\/search$/)
    for (const field of ['username', 'email', 'token_name']) {
      const body = { username: ana.username, password: PASSWORD, [field]: 'x\u0000y' }
      expect400(t, await app.inject({ method: 'POST', url: '/api/auth/login', payload: body }), new RegExp(`^body/${field}$`))
    }
    expect400(t, await json('POST', '/api/workout-sessions', '{"notes":"a\\ud800b"}'), /^body\/notes$/)
  })

  t.test('class 4: huge bodies cost one bounded answer, not one error per item', async (t) => {
    const logs = Array.from({ length: 10_000 }, () => ({ workout_session: 'x', exercise: 'y', reps: 'many' }))
    const bulk = await json('POST', '/api/exercise-logs/bulk_create', JSON.stringify({ logs }))
    expect400(t, bulk, /^body\/logs$/)
    t.match(bulk.json().message, /must NOT have more than 100 items/)
    t.ok(bulk.body.length < 500, `error body of ${bulk.body.length} bytes`)

    const fields = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`f${i}`, i]))
    const wide = await json('POST', '/api/auth/register', JSON.stringify({ ...fields, username: 'wide' }), {} as never)
    expect400(t, wide, /^body$/)
    t.ok(wide.body.length < 500, `error body of ${wide.body.length} bytes`)

    const wrong = Array.from({ length: 100 }, () => ({ workout_session: 1, exercise: 2, reps: 'x', weight: 'y', rpe: 'z', notes: 3 }))
    const many = await json('POST', '/api/exercise-logs/bulk_create', JSON.stringify({ logs: wrong }))
    t.equal(many.statusCode, 400)
    t.equal(many.json().details.length, MAX_ERROR_DETAILS, 'details are capped')
    t.match(many.json().message, /only the first 20 failing fields are listed$/)
    t.ok(many.body.length < 8_000, `error body of ${many.body.length} bytes`)
  })

  t.test('class 7: a nullable field takes null or a valid value; 0, false and "" are refused, not stored as null', async (t) => {
    const set = await app.inject({ method: 'PATCH', url: '/api/auth/profile', headers: ana.headers, payload: { profile: { height: 180, weight: 80 } } })
    t.equal(set.statusCode, 200)
    for (const [field, value] of [['height', 0], ['weight', false], ['weight', ''], ['height', '180']] as const) {
      const res = await app.inject({ method: 'PATCH', url: '/api/auth/profile', headers: ana.headers, payload: { profile: { [field]: value } } })
      expect400(t, res, new RegExp(`^body/profile/${field}$`))
    }
    const me = (await app.inject({ url: '/api/auth/me', headers: ana.headers })).json()
    t.match(me.profile, { height: 180, weight: 80 }, 'the stored values are untouched')
    const cleared = await app.inject({ method: 'PATCH', url: '/api/auth/profile', headers: ana.headers, payload: { profile: { height: null } } })
    t.equal(cleared.json().profile.height, null, 'null still clears')
  })
})
