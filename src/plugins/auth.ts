import fp from 'fastify-plugin'
import { LRUCache } from 'lru-cache'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Config } from '../config.js'
import { ForbiddenError, UnauthorizedError } from '../errors.js'
import { createTokenRepository, type ActiveToken, type TokenRepository } from '../modules/auth/token-repository.js'
import { hashToken, tokenFromHeader } from '../modules/auth/tokens.js'

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
     * The in-process token cache; forget entries when tokens are revoked or their user changes.
     * Other replicas keep their entries until TOKEN_CACHE_TTL_MS passes (docs/auth.md).
     */
    tokenCache: { forgetToken: (tokenId: number) => void, forgetUser: (userId: number) => void }
  }
}

// last_used_at is written at most this often per token, not on every request.
const TOUCH_INTERVAL_MS = 60_000

async function authPlugin (fastify: FastifyInstance, { config }: { config: Config }) {
  const tokens = createTokenRepository(fastify.pg.pool)
  const cache = config.TOKEN_CACHE_TTL_MS > 0
    ? new LRUCache<string, ActiveToken>({ max: 10_000, ttl: config.TOKEN_CACHE_TTL_MS })
    : undefined

  async function lookup (tokenHash: string): Promise<ActiveToken | null> {
    const cached = cache?.get(tokenHash)
    if (cached && cached.expiresAt.getTime() > Date.now()) return cached
    const found = await tokens.findActive(tokenHash)
    if (found) cache?.set(tokenHash, found)
    return found
  }

  fastify.decorate('tokens', tokens)
  // Revocations are rare, so a scan of the (bounded) cache beats keeping a second index.
  const forgetWhere = (match: (entry: ActiveToken) => boolean) => {
    for (const [key, entry] of cache?.entries() ?? []) if (match(entry)) cache?.delete(key)
  }
  fastify.decorate('tokenCache', {
    forgetToken: (tokenId: number) => forgetWhere((entry) => entry.user.tokenId === tokenId),
    forgetUser: (userId: number) => forgetWhere((entry) => entry.user.id === userId)
  })
  fastify.decorateRequest('user', null as unknown as AuthUser)

  async function identify (token: string): Promise<AuthUser | null> {
    const active = await lookup(hashToken(token))
    if (!active) return null
    if (!active.lastUsedAt || Date.now() - active.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      active.lastUsedAt = new Date()
      await tokens.touch(active.user.tokenId)
    }
    return active.user
  }
  fastify.decorate('identify', identify)

  fastify.decorate('authenticate', async (request: FastifyRequest) => {
    const token = tokenFromHeader(request.headers.authorization)
    if (!token) throw new UnauthorizedError('Authentication credentials were not provided or are malformed; send "Authorization: Token <key>"')
    const user = await identify(token)
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
