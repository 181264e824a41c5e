import t from 'tap'
import { buildAuth, login, PASSWORD, register } from './fixtures.js'

const me = (headers?: Record<string, string>) => ({ method: 'GET' as const, url: '/api/auth/me', headers })
const bearer = (token: string) => ({ authorization: `Token ${token}` })

t.test('401: missing, malformed, unknown, expired, revoked token and disabled account', async (t) => {
  const app = await buildAuth(t)
  const jane = await register(app)
  const expired = await login(app, jane.username)
  await app.pg.query("UPDATE auth_tokens SET expires_at = now() - interval '1 second' WHERE id = (SELECT max(id) FROM auth_tokens)")
  const cases: Array<[string, Record<string, string> | undefined]> = [
    ['no header', undefined],
    ['wrong scheme', { authorization: `Basic ${jane.token}` }],
    ['malformed', { authorization: 'Token !!!' }],
    ['unknown token', bearer('A'.repeat(43))],
    ['expired token', bearer(expired.json().token)]
  ]
  for (const [name, headers] of cases) {
    const res = await app.inject(me(headers))
    t.equal(res.statusCode, 401, name)
    t.match(res.json(), { statusCode: 401, code: 'UNAUTHORIZED' }, name)
  }
  t.equal((await app.inject(me(jane.headers))).statusCode, 200)
  // Deactivated straight in the database (not through the admin route, which drops the cache).
  const uncached = await buildAuth(t, { TOKEN_CACHE_TTL_MS: 0 })
  const john = await register(uncached)
  await uncached.pg.query('UPDATE users SET is_active = false WHERE id = $1', [john.id])
  t.equal((await uncached.inject(me(john.headers))).statusCode, 401, 'disabled account')
})

t.test('logout, logout-all and token management', async (t) => {
  const app = await buildAuth(t)
  const jane = await register(app, { username: 'jane' })
  const phone = (await login(app, 'jane')).json().token as string
  const laptop = (await login(app, 'jane')).json().token as string
  const john = await register(app, { username: 'john' })

  t.test('GET /tokens lists this user\'s tokens, newest first, marks the current one, never a value or hash', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/api/auth/tokens', headers: bearer(phone) })
    t.equal(res.statusCode, 200)
    const body = res.json()
    t.equal(body.count, 3)
    t.same(body.results.map((token: { current: boolean }) => token.current), [false, true, false])
    t.match(body.results[0], { id: Number, name: null, created_at: String, expires_at: String })
    for (const token of [jane.token, phone, laptop]) t.notOk(res.body.includes(token))
    t.notMatch(res.body, /hash/)
    const paged = await app.inject({ method: 'GET', url: '/api/auth/tokens?page=2&page_size=2', headers: bearer(phone) })
    t.match(paged.json(), { count: 3, next: null, previous: /\/api\/auth\/tokens\?page_size=2$/ })
    t.equal(paged.json().results.length, 1)
    const first = await app.inject({ method: 'GET', url: '/api/auth/tokens?page_size=2', headers: bearer(phone) })
    t.match(first.json(), { next: /page=2/, previous: null })
    t.equal((await app.inject({ method: 'GET', url: '/api/auth/tokens?page_size=0', headers: bearer(phone) })).statusCode, 400)
    t.equal((await app.inject({ method: 'GET', url: '/api/auth/tokens' })).statusCode, 401)
  })

  t.test('DELETE /tokens/{id}: 204 for one\'s own, 404 for another\'s or a missing one, 400 for a bad id', async (t) => {
    const list = (await app.inject({ method: 'GET', url: '/api/auth/tokens', headers: bearer(phone) })).json()
    const laptopId = list.results[0].id
    const johns = (await app.inject({ method: 'GET', url: '/api/auth/tokens', headers: john.headers })).json().results[0].id
    t.equal((await app.inject({ method: 'DELETE', url: `/api/auth/tokens/${johns}`, headers: bearer(phone) })).statusCode, 404)
    t.equal((await app.inject(me(john.headers))).statusCode, 200, 'john\'s token untouched')
    t.equal((await app.inject({ method: 'DELETE', url: '/api/auth/tokens/999999', headers: bearer(phone) })).statusCode, 404)
    t.equal((await app.inject({ method: 'DELETE', url: '/api/auth/tokens/abc', headers: bearer(phone) })).statusCode, 400)
    t.equal((await app.inject(me(bearer(laptop)))).statusCode, 200, 'cached before revocation')
    const res = await app.inject({ method: 'DELETE', url: `/api/auth/tokens/${laptopId}`, headers: bearer(phone) })
    t.equal(res.statusCode, 204)
    t.equal(res.body, '')
    t.equal((await app.inject(me(bearer(laptop)))).statusCode, 401, 'revoked at once, cache included')
  })

  t.test('POST /logout revokes only this token', async (t) => {
    t.equal((await app.inject(me(bearer(phone)))).statusCode, 200)
    const res = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(phone) })
    t.equal(res.statusCode, 204)
    t.equal((await app.inject(me(bearer(phone)))).statusCode, 401)
    t.equal((await app.inject(me(jane.headers))).statusCode, 200, 'the other token still works')
    t.equal((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(phone) })).statusCode, 401, 'twice is 401')
  })

  t.test('POST /logout-all revokes every token of the caller only', async (t) => {
    const extra = (await login(app, 'jane')).json().token as string
    const res = await app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: jane.headers })
    t.equal(res.statusCode, 204)
    t.equal((await app.inject(me(jane.headers))).statusCode, 401)
    t.equal((await app.inject(me(bearer(extra)))).statusCode, 401)
    t.equal((await app.inject(me(john.headers))).statusCode, 200)
    t.equal((await app.inject({ method: 'POST', url: '/api/auth/logout-all' })).statusCode, 401)
  })
})

t.test('POST /api/auth/password', async (t) => {
  const app = await buildAuth(t)
  const jane = await register(app, { username: 'jane' })
  const other = (await login(app, 'jane')).json().token as string
  const url = '/api/auth/password'

  const cases: Array<[Record<string, unknown>, string]> = [
    [{ current_password: 'wrong password', new_password: 'a new passphrase' }, 'body/current_password'],
    [{ current_password: PASSWORD, new_password: PASSWORD }, 'body/new_password'],
    [{ current_password: PASSWORD, new_password: 'short' }, 'body/new_password'],
    [{ current_password: PASSWORD, new_password: '123456789' }, 'body/new_password'],
    [{ current_password: PASSWORD, new_password: 'JANE' + '@example.test' }, 'body/new_password'],
    [{ current_password: PASSWORD }, 'body/new_password'],
    [{ current_password: PASSWORD, new_password: 'a new passphrase', logout: true }, 'body/logout']
  ]
  for (const [payload, field] of cases) {
    const res = await app.inject({ method: 'POST', url, headers: jane.headers, payload })
    t.equal(res.statusCode, 400, JSON.stringify(payload))
    t.match(res.json(), { details: [{ field }] })
  }
  t.equal((await app.inject({ method: 'POST', url, payload: { current_password: PASSWORD, new_password: 'a new passphrase' } })).statusCode, 401)
  t.equal((await login(app, 'jane')).statusCode, 200, 'nothing changed so far')

  const res = await app.inject({ method: 'POST', url, headers: jane.headers, payload: { current_password: PASSWORD, new_password: 'a new passphrase' } })
  t.equal(res.statusCode, 200)
  t.same(res.json(), { revoked_tokens: 2 })
  t.equal((await app.inject(me(jane.headers))).statusCode, 200, 'this token stays')
  t.equal((await app.inject(me(bearer(other)))).statusCode, 401, 'the others are revoked')
  t.equal((await login(app, 'jane')).statusCode, 401, 'the old password is gone')
  t.equal((await login(app, 'jane', 'a new passphrase')).statusCode, 200)
})

t.test('expired tokens are deleted when the user gets a new one', async (t) => {
  const app = await buildAuth(t)
  const jane = await register(app, { username: 'jane' })
  await app.pg.query("UPDATE auth_tokens SET expires_at = now() - interval '1 day' WHERE user_id = $1", [jane.id])
  t.equal((await login(app, 'jane')).statusCode, 200)
  const { rows } = await app.pg.query('SELECT count(*)::int AS n FROM auth_tokens WHERE user_id = $1', [jane.id])
  t.equal(rows[0].n, 1, 'only the new token is left')
})

t.test('POST /api/auth/tokens mints a named token, with Petstore scopes when asked', async (t) => {
  const app = await buildAuth(t, { TOKEN_TTL_DAYS: 30 })
  const jane = await register(app)
  const mint = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/auth/tokens', headers: jane.headers, payload })
  const scoped = await mint({ name: 'petstore script', scopes: ['read:pets', 'write:pets'], expires_in_days: 7 })
  t.equal(scoped.statusCode, 201)
  t.match(scoped.json(), { token: String, id: Number, name: 'petstore script', scopes: ['read:pets', 'write:pets'], expires_at: String })
  t.notOk('current' in scoped.json())
  const days = (Date.parse(scoped.json().expires_at) - Date.now()) / 86_400_000
  t.ok(days > 6.9 && days <= 7, 'expires when asked')
  const petstore = { authorization: `Bearer ${scoped.json().token}` }
  t.equal((await app.inject({ method: 'GET', url: '/api/v3/pet/findByStatus', headers: petstore })).statusCode, 200, 'the scopes authorize petstore_auth')

  const plain = await mint({ name: 'plain' })
  t.same(plain.json().scopes, [])
  t.equal((await app.inject({ method: 'GET', url: '/api/v3/pet/findByStatus', headers: bearer(plain.json().token) })).statusCode, 403)
  const listed = (await app.inject({ method: 'GET', url: '/api/auth/tokens', headers: jane.headers })).json()
  t.match(listed.results[0], { name: 'plain', scopes: [] })
  t.match(listed.results[1], { name: 'petstore script', scopes: ['read:pets', 'write:pets'] })

  t.equal((await mint({ name: 'x', scopes: ['admin'] })).statusCode, 400, 'unknown scope')
  t.equal((await mint({ name: 'x', expires_in_days: 31 })).statusCode, 400, 'longer than TOKEN_TTL_DAYS')
  t.equal((await app.inject({ method: 'POST', url: '/api/auth/tokens', payload: { name: 'x' } })).statusCode, 401)
})
