import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance, RouteOptions } from 'fastify'
import { ErrorResponse } from '../schemas/common.js'

export const API_VERSION = '1.0.0'

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * The statuses any route can answer whatever its module says — bad input or URL (400), a body too
 * large or not JSON (413, 415), a path parameter over the router's maxParamLength (414),
 * throttling (429), shedding or shutting down (503), a bug (500) —
 * added to each route's documented responses so the document lists every status the service sends.
 */
export function documentCommonErrors (route: RouteOptions): void {
  if (!route.schema || route.schema.hide) return
  const common: Record<number, typeof ErrorResponse> = { 400: ErrorResponse, 500: ErrorResponse, 503: ErrorResponse }
  if ([route.method].flat().some((method) => BODY_METHODS.has(method))) Object.assign(common, { 413: ErrorResponse, 415: ErrorResponse })
  if (route.url.includes(':')) common[414] = ErrorResponse
  if ((route.config as { rateLimit?: unknown } | undefined)?.rateLimit !== false) common[429] = ErrorResponse
  route.schema = { ...route.schema, response: { ...common, ...(route.schema.response as object | undefined) } }
}

const ETAG_HEADER = {
  ETag: { type: 'string', description: 'Strong entity tag of this representation (docs/idempotency-and-etags.md): send it back in If-Match or If-None-Match' }
}
const IF_NONE_MATCH = {
  'if-none-match': { type: 'string', maxLength: 4096, description: 'An ETag from an earlier answer (or `*`): 304 Not Modified, without a body, when the object is still that version' }
}
const NOT_MODIFIED = { type: 'null', description: 'Not Modified: the object is still the version named in If-None-Match' }

/**
 * Lost-update protection in the document (plugins/etags.ts marks the routes): ETag on single-object
 * answers, If-None-Match and 304 on their GETs, 412 where the route declares If-Match.
 */
export function documentPreconditions (route: RouteOptions): void {
  const { etag, ifMatch } = route.config ?? {}
  if (!route.schema || route.schema.hide || (!etag && !ifMatch)) return
  const response = { ...(route.schema.response as Record<number, object> | undefined) }
  for (const status of [200, 201]) {
    const schema = response[status] as { headers?: object } | undefined
    if (etag && schema) response[status] = { ...schema, headers: { ...schema.headers, ...ETAG_HEADER } }
  }
  let headers = route.schema.headers as { type?: string, properties?: object } | undefined
  if (etag === 'read') {
    response[304] = NOT_MODIFIED
    headers = { type: 'object', ...headers, properties: { ...headers?.properties, ...IF_NONE_MATCH } }
  }
  if (ifMatch || etag === 'read') response[412] = ErrorResponse
  route.schema = { ...route.schema, response, ...(headers ? { headers } : {}) }
}

// https://github.com/fastify/fastify-swagger — the document is generated from the route schemas.
async function openapiPlugin (fastify: FastifyInstance) {
  fastify.addHook('onRoute', documentCommonErrors)
  fastify.addHook('onRoute', documentPreconditions)
  await fastify.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Workout API',
        version: API_VERSION,
        description: 'Exercise library, workout templates, live sessions logged set by set, and progress analytics. ' +
          'Authenticate with `Authorization: Token <key>` (from register or login). Lists are paginated ' +
          '(`page`, `page_size`) and answer `{count, next, previous, results}`. Every error has the body ' +
          '`{statusCode, error, code, message, details?}`.',
        license: { name: 'MIT' }
      },
      components: {
        securitySchemes: {
          token: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Token <key> (Bearer <key> is accepted too)' },
          // The Petstore's (/api/v3) schemes; its own document is at /api/v3/openapi.json.
          petstore_auth: {
            type: 'oauth2',
            description: 'Petstore: Bearer tokens carrying scopes (password grant, GET /api/v3/user/login, or POST /api/auth/tokens)',
            flows: { password: { tokenUrl: '/api/v3/oauth/token', scopes: { 'write:pets': 'modify pets in your account', 'read:pets': 'read your pets' } } }
          },
          api_key: { type: 'apiKey', in: 'header', name: 'api_key', description: 'Petstore: any token of the account' }
        }
      },
      security: [{ token: [] }],
      tags: [
        { name: 'health', description: 'Liveness and readiness probes' },
        { name: 'auth', description: 'Accounts, tokens and the fitness profile' },
        { name: 'exercises', description: 'Exercise library and custom exercises' },
        { name: 'workouts', description: 'Workout templates' },
        { name: 'sessions', description: 'Workout sessions and their state machine' },
        { name: 'logs', description: 'Set-by-set exercise logs' },
        { name: 'stats', description: 'Progress analytics' },
        { name: 'goals', description: 'Weekly, lift and body-weight goals with progress' },
        { name: 'pet', description: 'Petstore (/api/v3): everything about your pets' },
        { name: 'store', description: 'Petstore (/api/v3): access to Petstore orders' },
        { name: 'user', description: 'Petstore (/api/v3): the service\'s accounts, the Petstore way' }
      ],
      // Extensions are copied through but cannot be typed (fastify-swagger's openapi/utils.js).
      ...{
        'x-tagGroups': [
          { name: 'Workout API', tags: ['health', 'auth', 'exercises', 'workouts', 'sessions', 'logs', 'stats', 'goals'] },
          { name: 'Petstore (/api/v3, Swagger Petstore v3 contract)', tags: ['pet', 'store', 'user'] }
        ]
      }
    }
  })
  // https://github.com/fastify/fastify-swagger-ui
  await fastify.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { persistAuthorization: true } })

  fastify.get('/api/schema', {
    config: { rateLimit: false },
    schema: { hide: true }
  }, async () => fastify.swagger())
}

export default fp(openapiPlugin, { name: 'openapi' })
