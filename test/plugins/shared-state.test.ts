import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { build, buildReplica } from '../helpers/build.js'
import { createUser, type TestUser } from '../helpers/users.js'

/**
 * Two replicas of one deployment (same databases, same Redis, separate processes' state) with
 * REDIS_URL set: limits count once across both, and a credential revoked or demoted through one is
 * refused by the other on its very next request, though the other had it cached a moment before.
 */
const redisUrl = process.env.REDIS_URL
if (!redisUrl) {
  t.pass('skipped: needs REDIS_URL (Redis at 127.0.0.1:6379; .ci/run sets it)')
} else {
  t.test('replicas sharing Redis', async (t) => {
    // A fixed IP per group below, so the limits tested in one group do not spill into another.
    const a = await build(t, { REDIS_URL: redisUrl, RATE_LIMIT_MAX: 40, AUTH_RATE_LIMIT_MAX: 3, EXPENSIVE_RATE_LIMIT_MAX: 4, TOKEN_CACHE_TTL_MS: 60_000 })
    const b = await buildReplica(t, a)
    const status = async (app: FastifyInstance, url: string, user: Pick<TestUser, 'headers'>, remoteAddress = '127.0.0.1') =>
      (await app.inject({ url, headers: user.headers, remoteAddress })).statusCode

    t.test('the per-IP rate limit counts requests to both replicas once', async (t) => {
      const user = await createUser(a)
      const codes: number[] = []
      for (let i = 0; i < 40; i++) codes.push(await status(i % 2 ? b : a, '/api/auth/me', user, '192.0.2.1'))
      t.same(new Set(codes), new Set([200]), '40 requests, 20 on each replica, within the limit')
      t.equal(await status(a, '/api/auth/me', user, '192.0.2.1'), 429, 'the 41st is refused')
      t.equal(await status(b, '/api/auth/me', user, '192.0.2.1'), 429, 'on either replica')
    })

    t.test('the per-account login throttle counts failures on both replicas once', async (t) => {
      const login = (app: FastifyInstance, i: number) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'victim', password: 'wrong password' }, remoteAddress: `192.0.2.${10 + i}` })
      for (let i = 0; i < 3; i++) t.equal((await login(i % 2 ? b : a, i)).statusCode, 401, `failure ${i + 1}`)
      const refused = await login(b, 3)
      t.equal(refused.statusCode, 429, 'the fourth, from yet another IP, on the replica that saw one failure')
      t.equal(refused.json().code, 'RATE_LIMITED')
    })

    t.test('the per-user window of expensive requests counts both replicas once', async (t) => {
      const user = await createUser(a)
      for (let i = 0; i < 4; i++) t.equal(await status(i % 2 ? b : a, '/api/stats/muscle-groups', user, '192.0.2.30'), 200, `expensive request ${i + 1}`)
      t.equal(await status(b, '/api/stats/muscle-groups', user, '192.0.2.30'), 429)
    })

    t.test('a token revoked on one replica is refused by the other on its next request', async (t) => {
      const user = await createUser(a)
      t.equal(await status(b, '/api/auth/me', user), 200, 'b has the token cached')
      t.equal((await a.inject({ method: 'POST', url: '/api/auth/logout', headers: user.headers })).statusCode, 204)
      t.equal(await status(b, '/api/auth/me', user), 401)
    })

    t.test('a demoted or deactivated admin loses access on the other replica at once', async (t) => {
      const root = await createUser(a, { role: 'admin' })
      const demoted = await createUser(a, { role: 'admin' })
      const disabled = await createUser(a, { role: 'admin' })
      for (const user of [demoted, disabled]) t.equal(await status(b, '/api/auth/users', user), 200, 'b has the admin cached')
      t.equal((await a.inject({ method: 'PATCH', url: `/api/auth/users/${demoted.id}`, headers: root.headers, payload: { role: 'member' } })).statusCode, 200)
      t.equal(await status(b, '/api/auth/users', demoted), 403, 'the new role applies on b')
      t.equal((await a.inject({ method: 'PATCH', url: `/api/auth/users/${disabled.id}`, headers: root.headers, payload: { is_active: false } })).statusCode, 200)
      t.equal(await status(b, '/api/auth/users', disabled), 401, 'the deactivation applies on b')
    })

    t.test("a password change on one replica ends the user's other sessions on the other", async (t) => {
      const password = 'correct horse battery'
      const registered = await a.inject({ method: 'POST', url: '/api/auth/register', payload: { username: 'changer', email: 'changer@example.com', password }, remoteAddress: '192.0.2.40' })
      t.equal(registered.statusCode, 201)
      const phone = { headers: { authorization: `Token ${registered.json<{ token: string }>().token}` } }
      const laptop = { headers: { authorization: `Token ${(await a.inject({ method: 'POST', url: '/api/auth/tokens', headers: phone.headers, payload: { name: 'laptop' } })).json<{ token: string }>().token}` } }
      t.equal(await status(b, '/api/auth/me', laptop), 200, 'b has the laptop token cached')
      const changed = await a.inject({ method: 'POST', url: '/api/auth/password', headers: phone.headers, payload: { current_password: password, new_password: 'a different horse' } })
      t.equal(changed.statusCode, 200)
      t.equal(await status(b, '/api/auth/me', laptop), 401)
      t.equal(await status(b, '/api/auth/me', phone), 200, 'the session that changed it stays')
    })
  })
}
