import type { FastifyReply } from 'fastify'
import { assertNotThrottled } from '../auth/context.js'
import { accountKey } from '../auth/rules.js'
import type { PetstoreContext } from './context.js'

type Account = NonNullable<Awaited<ReturnType<PetstoreContext['users']['findByUsername']>>>

/**
 * The active account `username` names when `password` is its password, else null. Throttled per
 * account on the budget /api/auth/login uses, as slow whether the account exists or not, and the
 * hash is upgraded when its parameters are outdated. Shared by /user/login and the token endpoint.
 */
export async function verifiedAccount (
  { users, passwords, throttle }: Pick<PetstoreContext, 'users' | 'passwords' | 'throttle'>,
  reply: FastifyReply, username: string, password: string
): Promise<Account | null> {
  const key = `login:${accountKey(username)}`
  await assertNotThrottled(throttle, reply, key)
  const account = await users.findByUsername(username)
  const hash = account?.isActive ? await users.passwordHash(account.user.id) : null
  const check = hash ? await passwords.verify(hash, password) : await passwords.verifyNothing(password)
  if (!account || !hash || !check.ok) {
    await throttle.hit(key)
    return null
  }
  await throttle.reset(key)
  if (check.needsRehash) await users.update(account.user.id, { passwordHash: await passwords.hash(password) })
  return account
}
