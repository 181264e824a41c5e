import type { FastifyInstance } from 'fastify'
import type { Config } from '../../config.js'
import { createPasswordHasher } from './passwords.js'
import { createProfileRepository } from './profile-repository.js'
import { passwordProblem } from './rules.js'
import { createTokenRepository } from './token-repository.js'
import { createUserRepository, type UserRow } from './user-repository.js'

export interface CreateAdminInput { username: string, email: string, password?: string }
export interface CreateAdminResult { action: 'created' | 'promoted' | 'unchanged', password_changed: boolean, user: UserRow }

/** A failure the operator can fix (bad input, a name owned by someone else): exit code 1, no stack. */
export class CommandError extends Error {}

const USERNAME = /^[A-Za-z0-9_.+-]{3,150}$/
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/

/**
 * Idempotent bootstrap of an admin account. A new user needs a password. An existing user (same
 * username and email) is made an active admin; its password changes only when one is given, and
 * then its tokens are revoked. A username or email held by two different accounts is refused.
 */
export async function createAdmin (app: FastifyInstance, config: Config, input: CreateAdminInput): Promise<CreateAdminResult> {
  if (!USERNAME.test(input.username)) throw new CommandError('--username must be 3–150 letters, digits or . + - _')
  if (input.email.length > 254 || !EMAIL.test(input.email)) throw new CommandError('--email must be an email address')
  if (input.password !== undefined) {
    const problem = input.password.length < 8 || input.password.length > 256 ? 'must be 8–256 characters' : passwordProblem(input.password, input)
    if (problem) throw new CommandError(`the password ${problem}`)
  }
  const users = createUserRepository(app.pg.pool)
  const passwords = createPasswordHasher(config)
  const byName = await users.findForLogin(input.username)
  const byEmail = await users.findForLogin(input.email)

  if (!byName && !byEmail) {
    if (input.password === undefined) throw new CommandError('a new admin needs a password: set ADMIN_PASSWORD or pipe it on stdin')
    const user = await users.create({ username: input.username, email: input.email, passwordHash: await passwords.hash(input.password), role: 'admin' })
    await createProfileRepository(app.mongo.db!).create(user.id).catch(async (error) => {
      await users.remove(user.id)
      throw error
    })
    return { action: 'created', password_changed: true, user }
  }
  if (!byName || !byEmail || byName.id !== byEmail.id) {
    throw new CommandError(`${byName ? 'the username' : 'the email'} belongs to an account with ${byName ? 'another email' : 'another username'}`)
  }

  const { password_hash: _hash, ...existing } = byName
  const changed = existing.role !== 'admin' || !existing.is_active
  const user = changed ? (await users.update(existing.id, { role: 'admin', is_active: true }))! : existing
  if (input.password !== undefined) {
    await users.setPassword(user.id, await passwords.hash(input.password))
    // A reset password ends every session (replicas drop cached tokens within TOKEN_CACHE_TTL_MS,
    // or at once when this command runs with the deployment's REDIS_URL).
    await createTokenRepository(app.pg.pool).revokeAll(user.id)
  }
  if (changed || input.password !== undefined) await app.tokenCache.forgetUser(user.id)
  return { action: changed ? 'promoted' : 'unchanged', password_changed: input.password !== undefined, user }
}
