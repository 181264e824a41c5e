import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'
import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import { RateLimitedError } from '../errors.js'
import { sharedRedis } from './redis.js'

function corsOrigin (setting: string): boolean | string[] {
  if (setting.trim() === '') return false
  if (setting.trim() === '*') return true
  return setting.split(',').map((origin) => origin.trim()).filter(Boolean)
}

async function securityPlugin (fastify: FastifyInstance, { config }: { config: Config }) {
  const redis = sharedRedis(fastify)
  // https://github.com/fastify/fastify-helmet — the docs UI needs inline styles and data: images.
  await fastify.register(helmet, {
    contentSecurityPolicy: {
      directives: { 'img-src': ["'self'", 'data:', 'validator.swagger.io'], 'style-src': ["'self'", "'unsafe-inline'"] }
    }
  })
  // https://github.com/fastify/fastify-cors
  await fastify.register(cors, { origin: corsOrigin(config.CORS_ORIGINS), exposedHeaders: ['X-Request-Id', 'traceparent', 'Retry-After', 'WWW-Authenticate', 'X-Rate-Limit', 'X-Expires-After'] })
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
