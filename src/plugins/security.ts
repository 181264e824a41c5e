import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'
import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import { RateLimitedError } from '../errors.js'
import { sharedRedis } from './redis.js'

const DOCS_PREFIX = '/api/docs'
/**
 * What protects clients of a JSON API (OWASP REST Security Cheat Sheet): no MIME sniffing, and a
 * policy that loads nothing and may be framed by nothing, should a response be opened in a browser.
 * Helmet's other headers (COOP, CORP, Origin-Agent-Cluster, Referrer-Policy, X-DNS-Prefetch-Control,
 * X-Download-Options, X-Frame-Options — superseded by frame-ancestors —, X-Permitted-Cross-Domain-Policies,
 * X-XSS-Protection) only steer how browsers treat HTML documents.
 */
const API_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'"
}
// Sent over TLS only (X-Forwarded-Proto when TRUST_PROXY is set): browsers ignore it over plain HTTP.
const HSTS = 'max-age=31536000; includeSubDomains'

function corsOrigin (setting: string): boolean | string[] {
  if (setting.trim() === '') return false
  if (setting.trim() === '*') return true
  return setting.split(',').map((origin) => origin.trim()).filter(Boolean)
}

async function securityPlugin (fastify: FastifyInstance, { config }: { config: Config }) {
  const redis = sharedRedis(fastify)
  // The docs UI is the one HTML the service serves: it gets helmet's full set (CSP allowing the
  // inline styles and data: images it needs). @fastify/helmet rebuilds its middleware on every
  // request, so it is kept off the JSON routes, which get API_HEADERS from one precomputed list.
  fastify.addHook('onRoute', (route) => {
    if (route.url.startsWith(DOCS_PREFIX) && route.helmet === undefined) route.helmet = {}
  })
  // https://github.com/fastify/fastify-helmet
  await fastify.register(helmet, {
    global: false,
    contentSecurityPolicy: {
      directives: { 'img-src': ["'self'", 'data:', 'validator.swagger.io'], 'style-src': ["'self'", "'unsafe-inline'"] }
    }
  })
  fastify.addHook('onRequest', (request, reply, done) => {
    // @fastify/helmet's onRoute hook moved the docs routes' `helmet` option into their config.
    if ((request.routeOptions.config as { helmet?: unknown }).helmet === undefined) {
      reply.headers(API_HEADERS)
      if (request.protocol === 'https') reply.header('strict-transport-security', HSTS)
    }
    done()
  })
  // https://github.com/fastify/fastify-cors — not registered when CORS is off: with `origin: false`
  // its hook still copied its options on every request to conclude there was nothing to add
  // (OPTIONS is answered without it, lib/route-methods.ts).
  const origin = corsOrigin(config.CORS_ORIGINS)
  if (origin !== false) await fastify.register(cors, { origin, exposedHeaders: ['X-Request-Id', 'traceparent', 'Retry-After', 'WWW-Authenticate', 'X-Rate-Limit', 'X-Expires-After'] })
  // https://github.com/fastify/fastify-rate-limit — per client IP; routes may set stricter limits.
  await fastify.register(rateLimit, {
    global: true,
    max: config.RATE_LIMIT_MAX,
    timeWindow: config.RATE_LIMIT_WINDOW_MS,
    errorResponseBuilder: (_request, context) => new RateLimitedError(context.after),
    onExceeded: () => fastify.appMetrics?.rateLimited.inc({ limiter: 'ip' }),
    // One count for every replica when REDIS_URL is set. While Redis is away the per-IP limit is
    // skipped rather than failing every request; load shedding and the login throttle still hold.
    ...(redis ? { redis, nameSpace: 'rate-limit:', skipOnError: true } : {})
  })
  // The API speaks JSON only: without this parser Fastify answers text/plain bodies with 415.
  fastify.removeContentTypeParser('text/plain')
}

export default fp(securityPlugin, { name: 'security', dependencies: ['errors'] })
