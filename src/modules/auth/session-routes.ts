import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { FieldError, NotFoundError, UnauthorizedError } from '../../errors.js'
import { pageOf, pageWindow } from '../../lib/pagination.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { assertNotThrottled, type AuthContext } from './context.js'
import { CreateTokenRoute, ListTokensRoute, LogoutAllRoute, LogoutRoute, PasswordRoute, RefreshTokenRoute, RevokeTokenRoute } from './route-schemas.js'
import { accountKey, assertPasswordAllowed } from './rules.js'
import type { TokenRow } from './token-repository.js'

// These answers carry a new token, and the password body would be kept as a hash: not kept for Idempotency-Key replay.
const noIdempotencyKey = { idempotencyKey: false }

/** The caller's tokens and password (inside the authenticate boundary). */
const sessionRoutes: FastifyPluginAsyncTypebox<AuthContext> = async (fastify, { config, users, passwords, throttle }) => {
  fastify.post('/logout', { schema: LogoutRoute }, logout)
  fastify.post('/logout-all', { schema: LogoutAllRoute }, logoutAll)
  fastify.post('/password', { schema: PasswordRoute, config: noIdempotencyKey }, changePassword)
  fastify.get('/tokens', { schema: ListTokensRoute }, listTokens)
  fastify.post('/tokens', { schema: CreateTokenRoute, config: noIdempotencyKey }, createToken)
  fastify.delete('/tokens/:id', { schema: RevokeTokenRoute }, revokeToken)
  fastify.post('/token/refresh', { schema: RefreshTokenRoute, config: noIdempotencyKey }, refreshToken)

  async function logout (request: RequestOf<typeof LogoutRoute>, reply: ReplyOf<typeof LogoutRoute>) {
    await fastify.tokens.revoke(request.user.id, request.user.tokenId)
    await fastify.tokenCache.forgetToken(request.user.tokenId)
    return reply.code(204).send(null)
  }

  async function logoutAll (request: RequestOf<typeof LogoutAllRoute>, reply: ReplyOf<typeof LogoutAllRoute>) {
    await fastify.tokens.revokeAll(request.user.id)
    await fastify.tokenCache.forgetUser(request.user.id)
    return reply.code(204).send(null)
  }

  async function changePassword (request: RequestOf<typeof PasswordRoute>, reply: ReplyOf<typeof PasswordRoute>) {
    const { id, username, email, tokenId } = request.user
    const { current_password: current, new_password: next } = request.body
    // Guessing the current password with a stolen token counts against the same budget as logins.
    const key = `login:${accountKey(username)}`
    await assertNotThrottled(throttle, reply, key)
    const stored = await users.passwordHash(id)
    const check = stored ? await passwords.verify(stored, current) : await passwords.verifyNothing(current)
    if (!check.ok) {
      await throttle.hit(key)
      throw new FieldError('body/current_password', 'is not correct')
    }
    if (next === current) throw new FieldError('body/new_password', 'must differ from the current password')
    assertPasswordAllowed('body/new_password', next, { username, email })
    await users.setPassword(id, await passwords.hash(next))
    const revoked = await fastify.tokens.revokeAll(id, tokenId)
    await fastify.tokenCache.forgetUser(id)
    return { revoked_tokens: revoked }
  }

  async function listTokens (request: RequestOf<typeof ListTokensRoute>) {
    const window = pageWindow(request.query)
    const { count, rows } = await fastify.tokens.list(request.user.id, { limit: window.pageSize, offset: window.skip })
    return pageOf(request, window, count, rows.map((row) => tokenJson(row, request.user.tokenId)))
  }

  async function createToken (request: RequestOf<typeof CreateTokenRoute>, reply: ReplyOf<typeof CreateTokenRoute>) {
    const { name, scopes = [], expires_in_days: days = config.TOKEN_TTL_DAYS } = request.body
    if (days > config.TOKEN_TTL_DAYS) throw new FieldError('body/expires_in_days', `must be at most ${config.TOKEN_TTL_DAYS}`)
    const { token, row } = await fastify.tokens.issue(request.user.id, days, { name, scopes, userAgent: request.headers['user-agent'] })
    const { current: _current, ...shown } = tokenJson(row, request.user.tokenId)
    return reply.code(201).send({ token, ...shown })
  }

  async function revokeToken (request: RequestOf<typeof RevokeTokenRoute>, reply: ReplyOf<typeof RevokeTokenRoute>) {
    // Another user's token id answers like a missing one.
    if (!await fastify.tokens.revoke(request.user.id, request.params.id)) throw new NotFoundError('Token')
    await fastify.tokenCache.forgetToken(request.params.id)
    return reply.code(204).send(null)
  }

  async function refreshToken (request: RequestOf<typeof RefreshTokenRoute>) {
    const { id, tokenId } = request.user
    const refreshed = await fastify.tokens.refresh(id, tokenId, config.TOKEN_TTL_DAYS, request.headers['user-agent'])
    // Dropped either way: when another request refreshed it first, this entry is stale too.
    await fastify.tokenCache.forgetToken(tokenId)
    if (!refreshed) throw new UnauthorizedError('Invalid or expired token')
    const { current: _current, ...shown } = tokenJson(refreshed.row, tokenId)
    return { token: refreshed.token, ...shown }
  }
}

function tokenJson (row: TokenRow, currentId: number) {
  return {
    ...row,
    created_at: row.created_at.toISOString(),
    expires_at: row.expires_at.toISOString(),
    last_used_at: row.last_used_at?.toISOString() ?? null,
    current: row.id === currentId
  }
}

export default sessionRoutes
