import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { SCOPES, type Scope } from '../../plugins/auth.js'
import { FORM_TYPE, JSON_TYPE } from './content.js'
import type { PetstoreContext } from './context.js'
import { verifiedAccount } from './credentials.js'
import { TokenRoute } from './route-schemas.js'

type OAuthErrorCode = 'invalid_request' | 'invalid_grant' | 'unsupported_grant_type' | 'invalid_scope'
const DEFAULT_SCOPES: Scope[] = ['read:pets']

/**
 * POST /oauth/token — OAuth2 password grant (RFC 6749 §4.3) for petstore_auth, the flow the
 * served document names so Swagger UI's Authorize works. Errors follow RFC 6749 §5.2 (`error`,
 * `error_description`) inside the service's error body; throttled like /api/auth/login.
 */
const oauthRoutes: FastifyPluginAsyncTypebox<PetstoreContext> = async (fastify, context) => {
  const { config } = context
  const perIp = { max: config.AUTH_RATE_LIMIT_MAX, timeWindow: config.AUTH_RATE_LIMIT_WINDOW_MS }
  fastify.post('/oauth/token', { schema: TokenRoute, config: { rateLimit: perIp, petstore: { consumes: [FORM_TYPE], produces: [JSON_TYPE] } } }, token)

  function refuse (reply: ReplyOf<typeof TokenRoute>, error: OAuthErrorCode, description: string) {
    return reply.code(400).header('cache-control', 'no-store').send({
      statusCode: 400, error, code: error.toUpperCase(), message: description, error_description: description
    })
  }

  async function token (request: RequestOf<typeof TokenRoute>, reply: ReplyOf<typeof TokenRoute>) {
    const { grant_type: grant, username, password, scope } = request.body
    if (grant !== 'password') return refuse(reply, 'unsupported_grant_type', 'Only grant_type=password is supported')
    if (!username || !password) return refuse(reply, 'invalid_request', 'username and password are required')
    const requested = scope?.trim() ? [...new Set(scope.trim().split(/\s+/))] : DEFAULT_SCOPES
    const unknown = requested.filter((name) => !SCOPES.includes(name as Scope))
    if (unknown.length > 0) return refuse(reply, 'invalid_scope', `Unknown scope ${unknown[0].slice(0, 50)}; use ${SCOPES.join(' ')}`)

    const account = await verifiedAccount(context, reply, username, password)
    if (!account) return refuse(reply, 'invalid_grant', 'Invalid username or password')
    const issued = await fastify.tokens.issue(account.user.id, config.TOKEN_TTL_DAYS, {
      name: 'oauth2 password grant', scopes: requested as Scope[], userAgent: request.headers['user-agent']
    })
    const expiresIn = Math.floor((issued.row.expires_at.getTime() - Date.now()) / 1000)
    return reply.header('cache-control', 'no-store').header('pragma', 'no-cache')
      .send({ access_token: issued.token, token_type: 'Bearer' as const, expires_in: expiresIn, scope: issued.row.scopes.join(' ') })
  }
}

export default oauthRoutes
