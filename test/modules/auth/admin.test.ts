import t from 'tap'
import { createUser } from '../../helpers/users.js'
import { buildAuth, login, register, type Registered } from './fixtures.js'

t.test('admin-only account management', async (t) => {
  const app = await buildAuth(t)
  const admin = await createUser(app, { username: 'root_admin', role: 'admin' })
  const trainer = await createUser(app, { username: 'tina_trainer', role: 'trainer' })
  const members: Registered[] = []
  for (const name of ['m_alpha', 'm_bravo', 'm_charlie']) members.push(await register(app, { username: name }))

  t.test('requireRole: 401 without a token, 403 for members and trainers, 200 for admins', async (t) => {
    t.equal((await app.inject({ method: 'GET', url: '/api/auth/users' })).statusCode, 401)
    for (const headers of [members[0].headers, trainer.headers]) {
      const res = await app.inject({ method: 'GET', url: '/api/auth/users', headers })
      t.equal(res.statusCode, 403)
      t.match(res.json(), { code: 'FORBIDDEN', message: 'This action requires the admin role' })
      const patch = await app.inject({ method: 'PATCH', url: `/api/auth/users/${members[1].id}`, headers, payload: { role: 'admin' } })
      t.equal(patch.statusCode, 403, 'no self-service promotion')
    }
    t.equal((await app.inject({ method: 'GET', url: '/api/auth/users', headers: admin.headers })).statusCode, 200)
  })

  t.test('GET /users pages, filters and orders', async (t) => {
    const all = await app.inject({ method: 'GET', url: '/api/auth/users?page_size=2', headers: admin.headers })
    t.match(all.json(), { count: 5, next: /page=2/, previous: null })
    t.same(all.json().results.map((user: { username: string }) => user.username), ['root_admin', 'tina_trainer'])
    t.notMatch(all.body, /password|hash/i)
    const last = await app.inject({ method: 'GET', url: '/api/auth/users?page_size=2&page=3', headers: admin.headers })
    t.match(last.json(), { count: 5, next: null, previous: /page=2/ })
    t.equal(last.json().results.length, 1)
    const beyond = await app.inject({ method: 'GET', url: '/api/auth/users?page_size=2&page=9', headers: admin.headers })
    t.same(beyond.json().results, [])
    const byRole = await app.inject({ method: 'GET', url: '/api/auth/users?role=member&ordering=-username', headers: admin.headers })
    t.same(byRole.json().results.map((user: { username: string }) => user.username), ['m_charlie', 'm_bravo', 'm_alpha'])
    for (const query of ['role=king', 'ordering=password_hash', 'is_active=maybe', 'search[$gt]=a']) {
      t.equal((await app.inject({ method: 'GET', url: `/api/auth/users?${query}`, headers: admin.headers })).statusCode, 400, query)
    }
  })

  t.test('PATCH /users/{id}: role and active state; the change applies to cached tokens at once', async (t) => {
    const target = members[2]
    t.equal((await app.inject({ method: 'GET', url: '/api/auth/me', headers: target.headers })).statusCode, 200, 'token cached')
    const promoted = await app.inject({ method: 'PATCH', url: `/api/auth/users/${target.id}`, headers: admin.headers, payload: { role: 'trainer' } })
    t.equal(promoted.statusCode, 200)
    t.match(promoted.json(), { id: target.id, role: 'trainer', is_active: true })
    t.equal((await app.inject({ method: 'GET', url: '/api/auth/me', headers: target.headers })).json().role, 'trainer')

    const disabled = await app.inject({ method: 'PATCH', url: `/api/auth/users/${target.id}`, headers: admin.headers, payload: { is_active: false } })
    t.equal(disabled.json().is_active, false)
    t.equal((await app.inject({ method: 'GET', url: '/api/auth/me', headers: target.headers })).statusCode, 401, 'its tokens stop at once')
    t.equal((await login(app, target.username)).statusCode, 401, 'and it cannot log in')
    await app.inject({ method: 'PATCH', url: `/api/auth/users/${target.id}`, headers: admin.headers, payload: { is_active: true } })
    t.equal((await app.inject({ method: 'GET', url: '/api/auth/me', headers: target.headers })).statusCode, 200, 'reactivation restores its tokens')
  })

  t.test('PATCH /users/{id} errors', async (t) => {
    const url = `/api/auth/users/${members[0].id}`
    t.equal((await app.inject({ method: 'PATCH', url: '/api/auth/users/99999', headers: admin.headers, payload: { role: 'member' } })).statusCode, 404)
    t.equal((await app.inject({ method: 'PATCH', url: '/api/auth/users/abc', headers: admin.headers, payload: { role: 'member' } })).statusCode, 400)
    for (const [payload, field] of [[{}, 'body'], [{ role: 'owner' }, 'body/role'], [{ username: 'x_renamed' }, 'body/username']] as const) {
      const res = await app.inject({ method: 'PATCH', url, headers: admin.headers, payload })
      t.equal(res.statusCode, 400)
      t.ok(res.json().details.some((detail: { field: string }) => detail.field === field), field)
    }
    const self = await app.inject({ method: 'PATCH', url: `/api/auth/users/${admin.id}`, headers: admin.headers, payload: { role: 'member' } })
    t.equal(self.statusCode, 409, 'an admin cannot demote or disable themselves')
    t.match(self.json(), { code: 'CONFLICT' })
  })
})
