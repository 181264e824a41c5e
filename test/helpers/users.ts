import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Role } from '../../src/plugins/auth.js'
import { createTokenRepository } from '../../src/modules/auth/token-repository.js'

export interface TestUser {
  id: number
  username: string
  email: string
  role: Role
  token: string
  /** `{ authorization: 'Token …' }`, ready for `app.inject({ headers })`. */
  headers: { authorization: string }
}

/**
 * A user with a token, written straight through the app's own pool and token repository —
 * fast, and independent of the register endpoint (which has its own tests).
 */
export async function createUser (app: FastifyInstance, options: { username?: string, role?: Role } = {}): Promise<TestUser> {
  const username = options.username ?? `user_${randomBytes(4).toString('hex')}`
  const email = `${username}@example.test`
  const role = options.role ?? 'member'
  const { rows } = await app.pg.query<{ id: number }>(
    'INSERT INTO users (username, email, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING id',
    [username, email, '$argon2id$not-a-real-hash', role]
  )
  const id = rows[0].id
  // The auth plugin's decorators live inside the modules' scope, so the root app has no `tokens`.
  const { token } = await createTokenRepository(app.pg.pool).issue(id, 1, { name: 'test' })
  return { id, username, email, role, token, headers: { authorization: `Token ${token}` } }
}
