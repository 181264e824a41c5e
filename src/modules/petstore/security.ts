import type { FastifyInstance, FastifyRequest } from 'fastify'
import { UnauthorizedError } from '../../errors.js'
import type { AuthUser, Scope } from '../../plugins/auth.js'
import { tokenFromHeader } from '../auth/tokens.js'
import { InsufficientScopeError } from './errors.js'

/**
 * Who may call an operation, per the contract's `security` (docs/petstore.md):
 * - `scope`: petstore_auth — `Authorization: Bearer <token>` whose token carries the scope;
 *   with `apiKey` too, an `api_key` header (any token of the user) is accepted instead.
 * - `apiKeyOnly`: the `api_key` header only.
 * - `account`: any valid token of the user, in either header (user update and delete).
 * - `optional`: identifies the caller when a valid token is sent; never refuses.
 */
export type Access = { scope: Scope, apiKey?: boolean } | 'apiKeyOnly' | 'account' | 'optional'

declare module 'fastify' {
  interface FastifyContextConfig { petstoreAccess?: Access }
  interface FastifyRequest {
    /** The caller on /api/v3, or null (public operations and `optional`). */
    petstoreUser: AuthUser | null
    /** The token value the caller authenticated with (logout revokes it). */
    petstoreToken: string | null
  }
}

const REALM = 'realm="petstore"'
const API_KEY = /^[A-Za-z0-9_-]{20,128}$/

const challenge = (scope: Scope | null, error?: string) =>
  `Bearer ${REALM}${scope ? `, scope="${scope}"` : ''}${error ? `, error="${error}"` : ''}`
const API_KEY_CHALLENGE = `ApiKey ${REALM}, name="api_key"`

const unauthorized = (message: string, wwwAuthenticate: string) => Object.assign(new UnauthorizedError(message), { challenge: wwwAuthenticate })

function apiKeyOf (request: FastifyRequest): string | null {
  const value = request.headers.api_key
  return typeof value === 'string' && API_KEY.test(value.trim()) ? value.trim() : null
}

export function registerSecurity (fastify: FastifyInstance) {
  fastify.decorateRequest('petstoreUser', null)
  fastify.decorateRequest('petstoreToken', null)

  async function identifyWith (request: FastifyRequest, token: string | null): Promise<AuthUser | null> {
    if (!token) return null
    const user = await fastify.identify(token)
    if (user) {
      request.user = user // so the service-wide per-user limits (fairness) count Petstore callers too
      request.petstoreUser = user
      request.petstoreToken = token
    }
    return user
  }

  fastify.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.petstoreAccess
    if (!access) return
    const bearer = tokenFromHeader(request.headers.authorization)
    const apiKey = apiKeyOf(request)

    if (access === 'optional') {
      await identifyWith(request, bearer) ?? await identifyWith(request, apiKey)
      return
    }
    if (access === 'apiKeyOnly') {
      if (!apiKey) throw unauthorized('Send an API key in the api_key header', API_KEY_CHALLENGE)
      if (!await identifyWith(request, apiKey)) throw unauthorized('Invalid or expired API key', API_KEY_CHALLENGE)
      return
    }
    if (access === 'account') {
      if (!bearer && !apiKey) throw unauthorized('Authentication credentials were not provided', challenge(null))
      if (!await identifyWith(request, bearer) && !await identifyWith(request, apiKey)) {
        throw unauthorized('Invalid or expired token', challenge(null, 'invalid_token'))
      }
      return
    }
    const challenges = (error?: string) => [challenge(access.scope, error), ...(access.apiKey ? [API_KEY_CHALLENGE] : [])].join(', ')
    if (access.apiKey && apiKey && await identifyWith(request, apiKey)) return
    if (!bearer) {
      if (access.apiKey && apiKey) throw unauthorized('Invalid or expired API key', challenges())
      throw unauthorized('Send an OAuth2 access token: "Authorization: Bearer <token>"', challenges())
    }
    const user = await identifyWith(request, bearer)
    if (!user) throw unauthorized('Invalid or expired token', challenges('invalid_token'))
    if (!user.scopes.includes(access.scope)) {
      throw Object.assign(new InsufficientScopeError(access.scope), { challenge: challenge(access.scope, 'insufficient_scope') })
    }
  })
}
