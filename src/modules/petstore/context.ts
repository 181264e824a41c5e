import type { FastifyInstance } from 'fastify'
import type { Config } from '../../config.js'
import type { AttemptThrottle } from '../auth/attempt-throttle.js'
import { createPasswordHasher, type PasswordHasher } from '../auth/passwords.js'
import { createProfileRepository, type ProfileRepository } from '../auth/profile-repository.js'
import { createImageRepository } from './images.js'
import { createOrderRepository } from './order-repository.js'
import { createPetRepository } from './pet-repository.js'
import type { Queryable } from './sql.js'
import { createPetstoreUserRepository } from './user-repository.js'

/** What the Petstore's route plugins share. */
export interface PetstoreContext {
  config: Config
  pets: ReturnType<typeof createPetRepository>
  orders: ReturnType<typeof createOrderRepository>
  images: ReturnType<typeof createImageRepository>
  users: ReturnType<typeof createPetstoreUserRepository>
  /** The accounts' fitness profiles (MongoDB): removed with the account. */
  profiles: ProfileRepository
  passwords: PasswordHasher
  throttle: AttemptThrottle
}

export function createPetstoreContext (fastify: FastifyInstance, config: Config, throttle: AttemptThrottle): PetstoreContext {
  const pool = fastify.pg.pool
  const transact = <T>(work: (db: Queryable) => Promise<T>) => fastify.pg.transact(work)
  return {
    config,
    pets: createPetRepository(pool, transact),
    orders: createOrderRepository(pool, transact),
    images: createImageRepository(pool, transact),
    users: createPetstoreUserRepository(pool, transact),
    profiles: createProfileRepository(fastify.mongo.db!),
    passwords: createPasswordHasher(config),
    throttle
  }
}
