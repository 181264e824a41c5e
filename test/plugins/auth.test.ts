import { randomBytes } from 'node:crypto'
import Fastify from 'fastify'
import t from 'tap'
import { configWith } from '../../src/config.js'
import errors from '../../src/plugins/errors.js'
import postgres from '../../src/plugins/postgres.js'
import auth, { type Role } from '../../src/plugins/auth.js'
import { testDatabases } from '../helpers/databases.js'

/** The auth plugin alone on a bare Fastify: a public route, a protected scope and role-gated routes. */
async function appWith (tokenCacheTtlMs: number) {
  const dbs = await testDatabases()
  const schema = `t_auth_plugin_${randomBytes(4).toString('hex')}`
  const config = configWith({ DATABASE_URL: dbs.postgresUrl, POSTGRES_SCHEMA: schema, POSTGRES_POOL_MAX: 1, LOG_LEVEL: 'silent', TOKEN_CACHE_TTL_MS: tokenCacheTtlMs })
  const app = Fastify()
  await app.register(errors)
  await app.register(postgres, { config, offline: false })
  await app.register(auth, { config })
  app.get('/public', async () => ({ ok: true }))
  await app.register(async (scope) => {
    scope.addHook('onRequest', scope.authenticate)
    scope.get('/private', async (request) => request.user)
    scope.get('/admin', { preHandler: scope.requireRole('admin') }, async () => ({ ok: true }))
    scope.get('/staff', { preHandler: scope.requireRole('trainer', 'admin') }, async () => ({ ok: true }))
  })
  await app.ready()
  t.teardown(async () => {
    await app.pg.query(`DROP SCHEMA "${schema}" CASCADE`)
    await app.close()
  })
  const userWith = async (role: Role) => {
    const name = `${role}_${randomBytes(3).toString('hex')}`
    const { rows } = await app.pg.query('INSERT INTO users (username, email, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING id', [name, `${name}@x.test`, 'x', role])
    const { token, row } = await app.tokens.issue(rows[0].id, 1)
    return { id: rows[0].id as number, tokenId: row.id, headers: { authorization: `Token ${token}` } }
  }
  return { app, userWith }
}

t.test('the boundary: public routes need nothing, protected ones a valid token', async (t) => {
  const { app, userWith } = await appWith(60_000)
  t.equal((await app.inject('/public')).statusCode, 200)
  const res = await app.inject('/private')
  t.equal(res.statusCode, 401)
  t.match(res.json(), { code: 'UNAUTHORIZED', message: /Authorization: Token <key>/ })
  const member = await userWith('member')
  const me = await app.inject({ url: '/private', headers: member.headers })
  t.match(me.json(), { id: member.id, role: 'member', tokenId: member.tokenId, username: /^member_/ })
})

t.test('requireRole answers 403 unless the caller has one of the roles', async (t) => {
  const { app, userWith } = await appWith(60_000)
  const [member, trainer, admin] = [await userWith('member'), await userWith('trainer'), await userWith('admin')]
  const status = async (url: string, headers: Record<string, string>) => (await app.inject({ url, headers })).statusCode
  t.same([await status('/admin', member.headers), await status('/admin', trainer.headers), await status('/admin', admin.headers)], [403, 403, 200])
  t.same([await status('/staff', member.headers), await status('/staff', trainer.headers), await status('/staff', admin.headers)], [403, 200, 200])
  const denied = await app.inject({ url: '/admin', headers: member.headers })
  t.match(denied.json(), { statusCode: 403, code: 'FORBIDDEN', message: 'This action requires the admin role' })
  t.equal((await app.inject('/admin')).statusCode, 401, 'authentication comes first')
})

t.test('the token cache serves revoked tokens until forgotten; with TTL 0 there is no cache', async (t) => {
  const cached = await appWith(60_000)
  const a = await cached.userWith('member')
  const b = await cached.userWith('member')
  for (const user of [a, b]) t.equal((await cached.app.inject({ url: '/private', headers: user.headers })).statusCode, 200)
  await cached.app.pg.query('DELETE FROM auth_tokens')
  t.equal((await cached.app.inject({ url: '/private', headers: a.headers })).statusCode, 200, 'served from the cache (the cross-replica delay)')
  cached.app.tokenCache.forgetToken(a.tokenId)
  t.equal((await cached.app.inject({ url: '/private', headers: a.headers })).statusCode, 401, 'forgetToken')
  t.equal((await cached.app.inject({ url: '/private', headers: b.headers })).statusCode, 200)
  cached.app.tokenCache.forgetUser(b.id)
  t.equal((await cached.app.inject({ url: '/private', headers: b.headers })).statusCode, 401, 'forgetUser')

  const uncached = await appWith(0)
  const c = await uncached.userWith('member')
  t.equal((await uncached.app.inject({ url: '/private', headers: c.headers })).statusCode, 200)
  await uncached.app.pg.query('DELETE FROM auth_tokens')
  t.equal((await uncached.app.inject({ url: '/private', headers: c.headers })).statusCode, 401, 'checked against the database every time')
})

t.test('last_used_at is written on first use, then at most once a minute', async (t) => {
  const { app, userWith } = await appWith(0)
  const user = await userWith('member')
  const lastUsed = async () => (await app.pg.query('SELECT last_used_at FROM auth_tokens WHERE id = $1', [user.tokenId])).rows[0].last_used_at as Date | null
  t.equal(await lastUsed(), null)
  await app.inject({ url: '/private', headers: user.headers })
  const first = await lastUsed()
  t.ok(first instanceof Date)
  await app.inject({ url: '/private', headers: user.headers })
  t.same(await lastUsed(), first, 'not rewritten on every request')
})
