import t from 'tap'
import { buildAuth, PASSWORD, register } from './fixtures.js'

const attempt = (username: string, password: string, remoteAddress: string) => ({
  method: 'POST' as const, url: '/api/auth/login', payload: { username, password }, remoteAddress
})

t.test('per account name: failed logins from any IP are limited, then 429 with Retry-After', async (t) => {
  const app = await buildAuth(t, { AUTH_RATE_LIMIT_MAX: 3, AUTH_RATE_LIMIT_WINDOW_MS: 60_000 })
  await register(app, { username: 'target' })
  await register(app, { username: 'bystander' })

  for (let i = 0; i < 3; i++) {
    const res = await app.inject(attempt(i % 2 ? 'TARGET' : 'target', 'wrong password', `10.0.0.${i + 1}`))
    t.equal(res.statusCode, 401, `failure ${i + 1} is a plain 401`)
  }
  const blocked = await app.inject(attempt('target', PASSWORD, '10.0.0.9'))
  t.equal(blocked.statusCode, 429, 'even the right password waits, from a fresh IP')
  t.match(blocked.json(), { statusCode: 429, error: 'Too Many Requests', code: 'RATE_LIMITED', message: /^Too many requests; retry in \d+ seconds$/ })
  const retryAfter = Number(blocked.headers['retry-after'])
  t.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${retryAfter} is within the window`)

  const other = await app.inject(attempt('bystander', PASSWORD, '10.0.0.9'))
  t.equal(other.statusCode, 200, 'other accounts are not affected')

  const unknown = await app.inject(attempt('ghost', 'wrong password', '10.0.1.1'))
  for (let i = 0; i < 3; i++) await app.inject(attempt('ghost', 'wrong password', `10.0.1.${i + 2}`))
  t.equal(unknown.statusCode, 401)
  t.equal((await app.inject(attempt('ghost', 'x', '10.0.1.9'))).statusCode, 429, 'unknown names are throttled the same way (no enumeration)')
})

t.test('a successful login clears the account\'s failures', async (t) => {
  const app = await buildAuth(t, { AUTH_RATE_LIMIT_MAX: 3, AUTH_RATE_LIMIT_WINDOW_MS: 60_000 })
  await register(app, { username: 'forgetful' })
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 2; i++) t.equal((await app.inject(attempt('forgetful', 'wrong password', `10.1.${round}.${i}`))).statusCode, 401)
    t.equal((await app.inject(attempt('forgetful', PASSWORD, `10.1.${round}.9`))).statusCode, 200, `round ${round + 1} succeeds`)
  }
})

t.test('per IP: login and register attempts are limited, then 429 with Retry-After', async (t) => {
  const app = await buildAuth(t, { AUTH_RATE_LIMIT_MAX: 2, AUTH_RATE_LIMIT_WINDOW_MS: 60_000 })
  const logins = []
  for (const name of ['a_user', 'b_user', 'c_user']) logins.push(await app.inject(attempt(name, 'wrong password', '192.0.2.7')))
  t.same(logins.map((res) => res.statusCode), [401, 401, 429])
  t.ok(Number(logins[2].headers['retry-after']) > 0, 'Retry-After set')
  t.match(logins[2].json(), { code: 'RATE_LIMITED' })
  t.equal((await app.inject(attempt('d_user', 'wrong password', '192.0.2.8'))).statusCode, 401, 'another IP is not affected')

  const registrations = []
  for (const username of ['reg_one', 'reg_two', 'reg_three']) {
    registrations.push(await app.inject({ method: 'POST', url: '/api/auth/register', payload: { username, email: `${username}@example.com`, password: PASSWORD }, remoteAddress: '192.0.2.50' }))
  }
  t.same(registrations.map((res) => res.statusCode), [201, 201, 429])
  t.ok(Number(registrations[2].headers['retry-after']) > 0)
})

t.test('per account name on register: repeated attempts at one name are limited', async (t) => {
  const app = await buildAuth(t, { AUTH_RATE_LIMIT_MAX: 2, AUTH_RATE_LIMIT_WINDOW_MS: 60_000, RATE_LIMIT_MAX: 100_000 })
  const statuses = []
  for (let i = 0; i < 3; i++) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/register', payload: { username: 'wanted', email: `wanted${i}@example.com`, password: PASSWORD }, remoteAddress: `198.51.100.${i}` })
    statuses.push(res.statusCode)
  }
  t.same(statuses, [201, 409, 429])
})

t.test('guessing the current password with a token counts against the same budget', async (t) => {
  const app = await buildAuth(t, { AUTH_RATE_LIMIT_MAX: 2, AUTH_RATE_LIMIT_WINDOW_MS: 60_000 })
  const victim = await register(app, { username: 'victim' })
  const change = (current: string) => app.inject({ method: 'POST', url: '/api/auth/password', headers: victim.headers, payload: { current_password: current, new_password: 'a brand new passphrase' } })
  t.equal((await change('guess one!')).statusCode, 400)
  t.equal((await change('guess two!')).statusCode, 400)
  const blocked = await change(PASSWORD)
  t.equal(blocked.statusCode, 429)
  t.ok(Number(blocked.headers['retry-after']) > 0)
  t.equal((await app.inject(attempt('victim', PASSWORD, '203.0.113.1'))).statusCode, 429, 'login is held back too')
})

t.test('the Petstore\'s login and token endpoint share the account budget of /api/auth/login', async (t) => {
  const app = await buildAuth(t, { AUTH_RATE_LIMIT_MAX: 3, AUTH_RATE_LIMIT_WINDOW_MS: 60_000 })
  await register(app, { username: 'shared' })
  t.equal((await app.inject(attempt('shared', 'wrong password', '10.0.3.1'))).statusCode, 401)
  t.equal((await app.inject({ method: 'GET', url: '/api/v3/user/login?username=shared&password=wrong', remoteAddress: '10.0.3.2' })).statusCode, 400)
  const token = { method: 'POST' as const, url: '/api/v3/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: '10.0.3.3' }
  t.equal((await app.inject({ ...token, payload: 'grant_type=password&username=shared&password=wrong' })).statusCode, 400)
  const blocked = await app.inject({ method: 'GET', url: `/api/v3/user/login?username=shared&password=${encodeURIComponent(PASSWORD)}`, remoteAddress: '10.0.3.4' })
  t.equal(blocked.statusCode, 429, 'three failures over three routes use up the budget')
  t.ok(Number(blocked.headers['retry-after']) > 0)
  t.equal((await app.inject({ ...token, payload: `grant_type=password&username=shared&password=${encodeURIComponent(PASSWORD)}` })).statusCode, 429)
  t.equal((await app.inject(attempt('shared', PASSWORD, '10.0.3.5'))).statusCode, 429)
})

t.test('per IP: the Petstore\'s login is limited like /api/auth/login', async (t) => {
  const app = await buildAuth(t, { AUTH_RATE_LIMIT_MAX: 2, AUTH_RATE_LIMIT_WINDOW_MS: 60_000 })
  const statuses = []
  for (let i = 0; i < 3; i++) statuses.push((await app.inject({ method: 'GET', url: `/api/v3/user/login?username=n${i}&password=x`, remoteAddress: '10.0.4.1' })).statusCode)
  t.same(statuses, [400, 400, 429])
})
