import fp from 'fastify-plugin'
import type { Socket } from 'node:net'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Config } from '../config.js'
import { ForbiddenError, UnauthorizedError } from '../errors.js'
import { createTokenRepository, type TokenRepository } from '../modules/auth/token-repository.js'
import { hashToken, tokenFromHeader } from '../modules/auth/tokens.js'
import { sharedRedis } from './redis.js'
import { createTokenCache, type TokenCache } from './token-cache.js'

export type Role = 'member' | 'trainer' | 'admin'
export const ROLES: readonly Role[] = ['member', 'trainer', 'admin']

/** OAuth2 scopes a token may carry (the Petstore's petstore_auth); tokens from login carry none. */
export type Scope = 'read:pets' | 'write:pets'
export const SCOPES: readonly Scope[] = ['read:pets', 'write:pets']

/** The caller, as set by `authenticate`. */
export interface AuthUser { id: number, username: string, email: string, role: Role, tokenId: number, scopes: Scope[] }

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authenticate boundary; only read it inside protected routes. */
    user: AuthUser
  }
  interface FastifyInstance {
    /** onRequest hook of the authenticate boundary: 401 unless a valid token is presented. */
    authenticate: (request: FastifyRequest) => Promise<void>
    /** The user a token value belongs to (cached, touches last_used_at), or null when it is unknown or expired. */
    identify: (token: string) => Promise<AuthUser | null>
    /** preHandler that answers 403 unless the caller has one of the roles. */
    requireRole: (...roles: Role[]) => (request: FastifyRequest) => Promise<void>
    tokens: TokenRepository
    /**
     * The token cache; await a forget after every write that revokes a token or changes its user.
     * With REDIS_URL every replica has forgotten when it resolves; without, other replicas keep
     * their entries until TOKEN_CACHE_TTL_MS passes (docs/auth.md).
     */
    tokenCache: Pick<TokenCache, 'forgetToken' | 'forgetUser'>
  }
}

const LAST_TOKEN = Symbol('lastToken')
type SocketWithToken = Socket & { [LAST_TOKEN]?: { header: string, hash: string } }

// last_used_at is written at most this often per token, not on every request.
const TOUCH_INTERVAL_MS = 60_000

async function authPlugin (fastify: FastifyInstance, { config }: { config: Config }) {
  const tokens = createTokenRepository(fastify.pg.pool)
  const cache = await createTokenCache({
    ttlMs: config.TOKEN_CACHE_TTL_MS,
    log: fastify.log,
    redis: sharedRedis(fastify),
    channel: `${config.REDIS_KEY_PREFIX}token-invalidation`
  })
  fastify.addHook('onClose', async () => cache.close())
  const lookup = (tokenHash: string) => cache.lookup(tokenHash, tokens.findActive)

  fastify.decorate('tokens', tokens)
  fastify.decorate('tokenCache', { forgetToken: cache.forgetToken, forgetUser: cache.forgetUser })
  fastify.decorateRequest('user', null as unknown as AuthUser)

  const identify = (token: string): Promise<AuthUser | null> => identifyHash(hashToken(token))
  async function identifyHash (tokenHash: string): Promise<AuthUser | null> {
    const active = await lookup(tokenHash)
    if (!active) return null
    if (!active.lastUsedAt || Date.now() - active.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      active.lastUsedAt = new Date()
      await tokens.touch(active.user.tokenId)
    }
    return active.user
  }
  fastify.decorate('identify', identify)

  fastify.decorate('authenticate', async (request: FastifyRequest) => {
    const header = request.headers.authorization
    // A keep-alive connection sends the same header on every request: its token's hash is kept on
    // the socket (for as long as the connection, which carries the token anyway), not recomputed.
    const socket = request.raw.socket as SocketWithToken | undefined
    const known = socket?.[LAST_TOKEN]
    let tokenHash: string
    if (known !== undefined && known.header === header) {
      tokenHash = known.hash
    } else {
      const token = tokenFromHeader(header)
      if (!token) throw new UnauthorizedError('Authentication credentials were not provided or are malformed; send "Authorization: Token <key>"')
      tokenHash = hashToken(token)
      if (socket) socket[LAST_TOKEN] = { header: header!, hash: tokenHash }
    }
    const user = await identifyHash(tokenHash)
    if (!user) throw new UnauthorizedError('Invalid or expired token')
    request.user = user
  })

  fastify.decorate('requireRole', (...roles: Role[]) => async (request: FastifyRequest) => {
    if (!roles.includes(request.user.role)) {
      throw new ForbiddenError(`This action requires the ${roles.join(' or ')} role`)
    }
  })
}

export default fp(authPlugin, { name: 'auth', dependencies: ['postgres'] })
