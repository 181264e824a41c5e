import fp from 'fastify-plugin'
import type {} from '@fastify/redis'
import type { Redis } from 'ioredis'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'

/**
 * The one Redis client of the process (https://github.com/fastify/fastify-redis), registered only
 * when `REDIS_URL` is set: the cache, the rate limits, the login throttle, the fairness window and
 * the token-cache invalidation all use it (pub/sub takes its own `duplicate()`). Without it every
 * one of them keeps its state in this process's memory.
 */
async function redisPlugin (fastify: FastifyInstance, { config }: { config: Config }) {
  if (!config.REDIS_URL) return
  // Loaded only when used: most starts have no Redis, and the two modules cost start-up time.
  const [{ default: fastifyRedis }, { Redis }] = await Promise.all([import('@fastify/redis'), import('ioredis')])
  // No offline queue and one retry: while Redis is away a command fails at once instead of waiting.
  const redis = new Redis(config.REDIS_URL, {
    keyPrefix: config.REDIS_KEY_PREFIX,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
    connectTimeout: 5000
  })
  // Start-up waits for Redis (a set REDIS_URL that never answers is a configuration error).
  await fastify.register(fastifyRedis, { client: redis })
  // Closed here, not by the plugin: QUIT fails while Redis is away, and shutdown must not.
  fastify.addHook('onClose', async () => { await redis.quit().catch(() => redis.disconnect()) })
}

/** The shared client when this app was built with `REDIS_URL`, else undefined (state stays in process). */
export function sharedRedis (fastify: FastifyInstance): Redis | undefined {
  return fastify.hasDecorator('redis') ? fastify.redis : undefined
}

export default fp(redisPlugin, { name: 'redis' })
