import t from 'tap'
import { hashToken } from '../../../src/modules/auth/tokens.js'
import { buildAuth, PASSWORD, register } from './fixtures.js'

const url = '/api/auth/register'
const valid = { username: 'jane_doe', email: 'jane@example.com', password: PASSWORD }

t.test('POST /api/auth/register', async (t) => {
  const app = await buildAuth(t)

  t.test('201 with the account, its profile and a first token; nothing secret in the body', async (t) => {
    const res = await app.inject({ method: 'POST', url, payload: { ...valid, profile: { fitness_goal: 'strength', timezone: 'europe/paris', height: 170 } } })
    t.equal(res.statusCode, 201)
    const body = res.json()
    t.match(body, {
      token: /^[A-Za-z0-9_-]{43}$/,
      expires_at: String,
      user: { id: Number, username: 'jane_doe', email: 'jane@example.com', role: 'member', is_active: true, last_login_at: null }
    })
    t.same(body.user.profile, {
      bio: '', height: 170, weight: null, date_of_birth: null, fitness_goal: 'strength', experience_level: null, preferred_workout_types: [], units: 'metric', timezone: 'Europe/Paris'
    })
    t.notMatch(res.body, /password|hash|argon2/i, 'no password or hash in the response')
    const days = (Date.parse(body.expires_at) - Date.now()) / 86_400_000
    t.ok(days > 29.9 && days <= 30, 'expires after TOKEN_TTL_DAYS')

    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Token ${body.token}` } })
    t.equal(me.statusCode, 200, 'the token works at once')

    const profile = await app.mongo.db!.collection('profiles').findOne({ user_id: body.user.id })
    t.match(profile, { user_id: body.user.id, fitness_goal: 'strength', timezone: 'Europe/Paris' }, 'the Mongo profile exists')
  })

  t.test('the users table holds argon2id hashes and the tokens table no plain token', async (t) => {
    const res = await app.inject({ method: 'POST', url, payload: { username: 'hash_check', email: 'hash@example.com', password: PASSWORD } })
    const { token, user } = res.json()
    const users = await app.pg.query('SELECT password_hash FROM users')
    t.ok(users.rows.length >= 1)
    for (const row of users.rows) t.match(row.password_hash, /^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/)
    const tokens = await app.pg.query('SELECT * FROM auth_tokens WHERE user_id = $1', [user.id])
    t.equal(tokens.rows.length, 1)
    t.equal(tokens.rows[0].token_hash, hashToken(token), 'stored as its SHA-256')
    t.notOk(JSON.stringify(tokens.rows).includes(token), 'the plain token is nowhere in the row')
  })

  t.test('409 for a taken username or email, whatever the case', async (t) => {
    for (const payload of [
      { ...valid, email: 'other@example.com', username: 'JANE_DOE' },
      { ...valid, username: 'someone_else', email: 'JANE@Example.com' }
    ]) {
      const res = await app.inject({ method: 'POST', url, payload })
      t.equal(res.statusCode, 409)
      const field = payload.username === 'JANE_DOE' ? 'body/username' : 'body/email'
      t.match(res.json(), { code: 'DUPLICATE', details: [{ field }] })
    }
    const { rows } = await app.pg.query("SELECT count(*)::int AS n FROM users WHERE lower(username) = 'someone_else'")
    t.equal(rows[0].n, 0, 'nothing written')
  })

  t.test('400 per invalid field', async (t) => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['short username', { ...valid, username: 'jd' }, 'body/username'],
      ['username with @', { ...valid, username: 'jane@doe' }, 'body/username'],
      ['bad email', { ...valid, email: 'not-an-email' }, 'body/email'],
      ['short password', { ...valid, password: 'short' }, 'body/password'],
      ['password of 257 characters', { ...valid, password: 'x'.repeat(257) }, 'body/password'],
      ['numeric password', { ...valid, username: 'numeric_pw', email: 'n@example.com', password: '1234567890' }, 'body/password'],
      ['password equal to the username', { ...valid, username: 'samesame', email: 's@example.com', password: 'SameSame' }, 'body/password'],
      ['missing password', { username: 'x_missing', email: 'x@example.com' }, 'body/password'],
      ['unknown field', { ...valid, role: 'admin' }, 'body/role'],
      ['unknown profile field', { ...valid, profile: { is_admin: true } }, 'body/profile/is_admin'],
      ['bad height', { ...valid, profile: { height: 10 } }, 'body/profile/height'],
      ['bad units', { ...valid, profile: { units: 'furlongs' } }, 'body/profile/units'],
      ['unknown time zone', { ...valid, username: 'tz_user', email: 'tz@example.com', profile: { timezone: 'Mars/Base' } }, 'body/profile/timezone'],
      ['birth date in the future', { ...valid, username: 'dob_user', email: 'dob@example.com', profile: { date_of_birth: '2999-01-01' } }, 'body/profile/date_of_birth'],
      ['NoSQL operator', { ...valid, username: { $gt: '' } }, 'body/username']
    ]
    for (const [name, payload, field] of cases) {
      const res = await app.inject({ method: 'POST', url, payload })
      t.equal(res.statusCode, 400, name)
      t.match(res.json(), { code: 'VALIDATION_ERROR' }, name)
      t.ok(res.json().details.some((detail: { field: string }) => detail.field === field), `${name}: details name ${field}`)
    }
  })

  t.test('a __proto__ key is refused, not merged', async (t) => {
    const payload = `{"username":"proto_user","email":"p@example.com","password":"${PASSWORD}","__proto__":{"role":"admin"}}`
    const res = await app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json' } })
    t.equal(res.statusCode, 400)
    const { rows } = await app.pg.query("SELECT count(*)::int AS n FROM users WHERE username = 'proto_user'")
    t.equal(rows[0].n, 0)
  })

  t.test('nothing half written: when the profile cannot be stored, the account is removed', async (t) => {
    const { rows } = await app.pg.query<{ taken: string }>("SELECT nextval(pg_get_serial_sequence('users', 'id')) AS taken")
    // A stray profile holding the next user id makes the Mongo insert fail on the unique index.
    await app.mongo.db!.collection('profiles').insertOne({ user_id: Number(rows[0].taken) + 1 })
    const res = await app.inject({ method: 'POST', url, payload: { username: 'half_written', email: 'half@example.com', password: PASSWORD } })
    t.equal(res.statusCode, 500)
    t.notMatch(res.body, /E11000|duplicate/i, 'no driver message')
    const users = await app.pg.query("SELECT count(*)::int AS n FROM users WHERE username = 'half_written'")
    t.equal(users.rows[0].n, 0, 'the user row was deleted')
    const retry = await register(app, { username: 'half_written', email: 'half@example.com' })
    t.ok(retry.token, 'the same name can register afterwards')
  })
})
