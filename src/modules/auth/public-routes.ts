import createError from '@fastify/error'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { FieldError } from '../../errors.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { assertNotThrottled, type AuthContext } from './context.js'
import { LoginRoute, RegisterRoute } from './route-schemas.js'
import { accountKey, assertPasswordAllowed, checkedProfile } from './rules.js'

// Unknown user, wrong password and disabled account: one answer, so logins cannot enumerate accounts.
const InvalidCredentialsError = createError('INVALID_CREDENTIALS', 'Unable to log in with the provided credentials', 401)

/** Register and login: outside the authenticate boundary, throttled per IP and per account name. */
const publicRoutes: FastifyPluginAsyncTypebox<AuthContext> = async (fastify, context) => {
  const { config, users, profiles, passwords, throttle } = context
  // https://github.com/fastify/fastify-rate-limit#route-specific-rate-limit — per client IP, per route.
  const perIp = { rateLimit: { max: config.AUTH_RATE_LIMIT_MAX, timeWindow: config.AUTH_RATE_LIMIT_WINDOW_MS } }

  fastify.post('/register', { schema: RegisterRoute, config: perIp }, register)
  fastify.post('/login', { schema: LoginRoute, config: perIp }, login)

  async function register (request: RequestOf<typeof RegisterRoute>, reply: ReplyOf<typeof RegisterRoute>) {
    const { username, email, password } = request.body
    const keys = [`register:${accountKey(username)}`, `register:${accountKey(email)}`]
    await assertNotThrottled(throttle, reply, ...keys)
    await Promise.all(keys.map((key) => throttle.hit(key)))
    assertPasswordAllowed('body/password', password, { username, email })
    const profileFields = checkedProfile(request.body.profile ?? {}, 'body/profile')

    const user = await users.create({ username, email, passwordHash: await passwords.hash(password) })
    try {
      // Postgres first (it owns uniqueness), then Mongo; any failure removes the account again.
      const profile = await profiles.create(user.id, profileFields)
      const { token, row } = await fastify.tokens.issue(user.id, config.TOKEN_TTL_DAYS, { name: 'register', userAgent: request.headers['user-agent'] })
      return reply.code(201).send({ token, expires_at: row.expires_at.toISOString(), user: { ...user, profile } })
    } catch (error) {
      // Undo the account first. When that fails too (Postgres is the database that went away), the
      // account stays whole with its profile and can log in; a missing profile reads as the defaults
      // and the first profile write creates it. A profile left behind by a removed account belongs
      // to an id Postgres never hands out again. See docs/operations.md.
      const undone = await users.remove(user.id).then(() => true, () => false)
      if (undone) await profiles.remove(user.id).catch(() => {})
      throw error
    }
  }

  async function login (request: RequestOf<typeof LoginRoute>, reply: ReplyOf<typeof LoginRoute>) {
    const { password, token_name: name } = request.body
    if (request.body.username !== undefined && request.body.email !== undefined) throw new FieldError('body/email', 'must not be sent together with username')
    const identifier = request.body.username ?? request.body.email
    if (identifier === undefined) throw new FieldError('body/username', 'is required (a username or an email address)')
    const key = `login:${accountKey(identifier)}`
    await assertNotThrottled(throttle, reply, key)

    const user = await users.findForLogin(identifier)
    const check = user ? await passwords.verify(user.password_hash, password) : await passwords.verifyNothing(password)
    if (!user || !check.ok || !user.is_active) {
      await throttle.hit(key)
      throw new InvalidCredentialsError()
    }
    await throttle.reset(key)
    const account = await users.recordLogin(user.id, check.needsRehash ? await passwords.hash(password) : null)
    const { token, row } = await fastify.tokens.issue(user.id, config.TOKEN_TTL_DAYS, { name, userAgent: request.headers['user-agent'] })
    return { token, expires_at: row.expires_at.toISOString(), user: account }
  }
}

export default publicRoutes
