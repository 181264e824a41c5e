import type { FastifyInstance } from 'fastify'
import type { UserRepository } from './user-repository.js'

/**
 * Deletes the account and everything every module keeps about it: first each module's cleaner
 * (so a failure leaves the account in place, and a retry finishes the job), then the users row,
 * whose foreign keys take the tokens and any coaching rows left with it. False when there is no such user.
 */
export async function deleteAccount (fastify: FastifyInstance, users: UserRepository, userId: number): Promise<boolean> {
  if (!await users.findById(userId)) return false
  await fastify.accountCleanup.run(userId)
  await users.remove(userId)
  await fastify.tokenCache.forgetUser(userId)
  return true
}
