import argon2 from 'argon2'
import t from 'tap'
import { buildAuth, CHEAP_ARGON2, login, PASSWORD, register } from './fixtures.js'

t.test('POST /api/auth/login', async (t) => {
  const app = await buildAuth(t)
  const jane = await register(app, { username: 'Jane', email: 'Jane@Example.com' })

  t.test('200 with a new token, its expiry and the account, by username or email in any case', async (t) => {
    for (const payload of [{ username: 'jane' }, { username: 'JANE@example.COM' }, { email: 'jane@example.com' }]) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { ...payload, password: PASSWORD, token_name: 'laptop' }, headers: { 'user-agent': 'tap-test' } })
      t.equal(res.statusCode, 200, JSON.stringify(payload))
      const body = res.json()
      t.match(body, { token: /^[A-Za-z0-9_-]{43}$/, expires_at: String, user: { id: jane.id, username: 'Jane', role: 'member', last_login_at: String } })
      t.notMatch(res.body, /password|hash/i)
      t.not(body.token, jane.token, 'a fresh token per login')
      const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${body.token}` } })
      t.equal(me.statusCode, 200, 'the Bearer scheme works too')
    }
    const { rows } = await app.pg.query("SELECT name, user_agent FROM auth_tokens WHERE user_id = $1 AND name = 'laptop'", [jane.id])
    t.same(rows[0], { name: 'laptop', user_agent: 'tap-test' }, 'name and user agent are kept')
  })

  t.test('no enumeration: unknown user, wrong password and disabled account answer alike', async (t) => {
    const disabled = await register(app, { username: 'disabled_user' })
    await app.pg.query('UPDATE users SET is_active = false WHERE id = $1', [disabled.id])
    const answers = [
      await login(app, 'nobody_here'),
      await login(app, 'nobody@example.com'),
      await login(app, 'jane', 'wrong password!'),
      await login(app, 'disabled_user')
    ]
    for (const res of answers) {
      t.equal(res.statusCode, 401)
      t.same(res.json(), { statusCode: 401, error: 'Unauthorized', code: 'INVALID_CREDENTIALS', message: 'Unable to log in with the provided credentials' })
    }
  })

  t.test('400 for missing or ambiguous names and injected operators', async (t) => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['no name', { password: PASSWORD }, 'body/username'],
      ['both names', { username: 'jane', email: 'jane@example.com', password: PASSWORD }, 'body/email'],
      ['no password', { username: 'jane' }, 'body/password'],
      ['password too long', { username: 'jane', password: 'x'.repeat(257) }, 'body/password'],
      ['operator as name', { username: { $gt: '' }, password: PASSWORD }, 'body/username'],
      ['operator as password', { username: 'jane', password: { $ne: null } }, 'body/password'],
      ['unknown field', { username: 'jane', password: PASSWORD, remember: true }, 'body/remember']
    ]
    for (const [name, payload, field] of cases) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload })
      t.equal(res.statusCode, 400, name)
      t.match(res.json(), { code: 'VALIDATION_ERROR', details: [{ field }] }, name)
    }
  })

  t.test('the hash is renewed on login when the argon2 parameters changed', async (t) => {
    const old = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 2048, timeCost: 2, parallelism: 1 })
    await app.pg.query('UPDATE users SET password_hash = $2 WHERE id = $1', [jane.id, old])
    const res = await login(app, 'jane')
    t.equal(res.statusCode, 200)
    const { rows } = await app.pg.query('SELECT password_hash FROM users WHERE id = $1', [jane.id])
    const renewed: string = rows[0].password_hash
    t.not(renewed, old)
    t.match(renewed, `$argon2id$v=19$m=${CHEAP_ARGON2.ARGON2_MEMORY_KIB},t=${CHEAP_ARGON2.ARGON2_TIME_COST},p=${CHEAP_ARGON2.ARGON2_PARALLELISM}$`)
    t.ok(await argon2.verify(renewed, PASSWORD), 'the new hash still verifies')
    const again = await login(app, 'jane')
    t.equal(again.statusCode, 200)
    const after = await app.pg.query('SELECT password_hash FROM users WHERE id = $1', [jane.id])
    t.equal(after.rows[0].password_hash, renewed, 'not re-hashed when the parameters match')
  })

  t.test('an unusable stored hash fails like a wrong password, not with a 500', async (t) => {
    const broken = await register(app, { username: 'broken_hash' })
    await app.pg.query("UPDATE users SET password_hash = '$argon2id$garbage' WHERE id = $1", [broken.id])
    const res = await login(app, 'broken_hash')
    t.equal(res.statusCode, 401)
  })
})
