import t from 'tap'
import { inParallel, listen } from '../../helpers/http.js'
import { createUser } from '../../helpers/users.js'
import { buildAuth } from './fixtures.js'

const REFRESH = '/api/auth/token/refresh'
const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

t.test('refresh: a new token with the same name and scopes and a fresh expiry; the old one is 401 at once', async (t) => {
  // The default token cache is on: the old token is cached by the refresh request itself.
  const app = await buildAuth(t, { TOKEN_TTL_DAYS: 10 })
  const user = await createUser(app)
  await app.pg.query("UPDATE auth_tokens SET scopes = '{read:pets}', expires_at = now() + interval '1 hour' WHERE user_id = $1", [user.id])
  t.equal((await app.inject({ method: 'GET', url: '/api/auth/me', headers: user.headers })).statusCode, 200, 'old token cached')

  const res = await app.inject({ method: 'POST', url: REFRESH, headers: { ...user.headers, 'user-agent': 'phone/1' } })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.match(body, { token: /^[A-Za-z0-9_-]{43}$/, id: Number, name: 'test', scopes: ['read:pets'], user_agent: 'phone/1' })
  t.not(body.token, user.token)
  const days = (Date.parse(body.expires_at) - Date.now()) / 86_400_000
  t.ok(days > 9.99 && days <= 10, `expires TOKEN_TTL_DAYS from now (${days.toFixed(3)} days)`)

  t.equal((await app.inject({ method: 'GET', url: '/api/auth/me', headers: user.headers })).statusCode, 401, 'old token revoked, cache dropped')
  t.equal((await app.inject({ method: 'POST', url: REFRESH, headers: user.headers })).statusCode, 401, 'old token cannot refresh again')
  const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(body.token) })
  t.equal(me.statusCode, 200)
  const { rows } = await app.pg.query<{ id: number }>('SELECT id FROM auth_tokens WHERE user_id = $1', [user.id])
  t.same(rows.map((row) => row.id), [body.id], 'exactly one token left')
})

t.test('401 without a token, with an unknown or an expired one; other users\' tokens untouched', async (t) => {
  const app = await buildAuth(t, { TOKEN_CACHE_TTL_MS: 0 })
  const jane = await createUser(app)
  const john = await createUser(app)
  for (const headers of [undefined, { authorization: 'Token !!' }, bearer('A'.repeat(43))]) {
    const res = await app.inject({ method: 'POST', url: REFRESH, headers })
    t.equal(res.statusCode, 401)
    t.match(res.json(), { statusCode: 401, code: 'UNAUTHORIZED' })
  }
  await app.pg.query("UPDATE auth_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1", [jane.id])
  t.equal((await app.inject({ method: 'POST', url: REFRESH, headers: jane.headers })).statusCode, 401, 'expired')
  t.equal((await app.inject({ method: 'GET', url: '/api/auth/me', headers: john.headers })).statusCode, 200)
})

t.test('20 parallel refreshes of one token: exactly one succeeds, the others 401, one new token exists', async (t) => {
  const app = await buildAuth(t)
  const user = await createUser(app)
  const other = await createUser(app)
  const client = await listen(app)
  const answers = await inParallel(20, () => client(user)('POST', REFRESH))
  const won = answers.filter((answer) => answer.status === 200)
  t.equal(won.length, 1, 'one 200')
  t.equal(answers.filter((answer) => answer.status === 401).length, 19, 'nineteen 401')
  const { rows } = await app.pg.query<{ id: number }>('SELECT id FROM auth_tokens WHERE user_id = $1', [user.id])
  t.same(rows.map((row) => row.id), [won[0].body.id], 'only the winner\'s token exists')
  t.equal((await client({ ...user, headers: bearer(won[0].body.token) })('GET', '/api/auth/me')).status, 200)
  t.equal((await client(user)('GET', '/api/auth/me')).status, 401)
  t.equal((await client(other)('GET', '/api/auth/me')).status, 200)
})
