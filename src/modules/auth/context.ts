import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Config } from '../../config.js'
import { RateLimitedError } from '../../errors.js'
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

export const createLoginThrottle = (config: Config) => createAttemptThrottle({ max: config.AUTH_RATE_LIMIT_MAX, windowMs: config.AUTH_RATE_LIMIT_WINDOW_MS })

/** 429 with Retry-After when any of the keys has used up its attempts. */
export function assertNotThrottled (throttle: AttemptThrottle, reply: FastifyReply, ...keys: string[]): void {
  const wait = Math.max(...keys.map((key) => throttle.blockedFor(key)))
  if (wait > 0) {
    reply.header('retry-after', String(wait))
    throw new RateLimitedError(`${wait} seconds`)
  }
}
