import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Config } from '../../config.js'
import { RateLimitedError } from '../../errors.js'
import { PeriodicWarning } from '../../lib/periodic-warning.js'
import { sharedRedis } from '../../plugins/redis.js'
import { createAttemptThrottle, type AttemptThrottle } from './attempt-throttle.js'
import { createPasswordHasher, type PasswordHasher } from './passwords.js'
import { createProfileRepository, type ProfileRepository } from './profile-repository.js'
import { createUserRepository, type UserRepository } from './user-repository.js'

/** What the auth route plugins share: repositories, the hasher and the per-account throttle. */
export interface AuthContext {
  config: Config
  users: UserRepository
  profiles: ProfileRepository
  passwords: PasswordHasher
  throttle: AttemptThrottle
}

/**
 * The per-account login throttle is shared by every route that checks a password (here and the
 * Petstore's login and token endpoint), so a client cannot double its budget by switching routes.
 */
export function createAuthContext (fastify: FastifyInstance, config: Config, throttle: AttemptThrottle): AuthContext {
  return {
    config,
    users: createUserRepository(fastify.pg.pool),
    profiles: createProfileRepository(fastify.mongo.db!),
    passwords: createPasswordHasher(config),
    throttle
  }
}

/** Shared through Redis when the app has it (plugins/redis.ts); a Redis failure falls back to this process's count. */
export function createLoginThrottle (config: Config, fastify: FastifyInstance): AttemptThrottle {
  const failures = new PeriodicWarning(fastify.log, 'login throttle: Redis failed; attempts counted in this process only', 10_000)
  fastify.addHook('onClose', async () => failures.stop())
  return createAttemptThrottle({
    max: config.AUTH_RATE_LIMIT_MAX,
    windowMs: config.AUTH_RATE_LIMIT_WINDOW_MS,
    redis: sharedRedis(fastify),
    onRedisError: () => failures.add('redis')
  })
}

/** 429 with Retry-After when any of the keys has used up its attempts. */
export async function assertNotThrottled (throttle: AttemptThrottle, reply: FastifyReply, ...keys: string[]): Promise<void> {
  const wait = Math.max(...await Promise.all(keys.map((key) => throttle.blockedFor(key))))
  if (wait > 0) {
    reply.header('retry-after', String(wait))
    throw new RateLimitedError(`${wait} seconds`)
  }
}
