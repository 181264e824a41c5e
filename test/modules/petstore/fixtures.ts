import type { FastifyInstance } from 'fastify'
import type { Config } from '../../../src/config.js'
import type { Role, Scope } from '../../../src/plugins/auth.js'
import { createTokenRepository } from '../../../src/modules/auth/token-repository.js'
import { buildAuth } from '../auth/fixtures.js'
import { createUser, type TestUser } from '../../helpers/users.js'

export function buildPetstore (t: Parameters<typeof buildAuth>[0], overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  return buildAuth(t, overrides)
}

/** Credentials of one account: an unscoped token, tokens per scope, and both. */
export interface Caller extends TestUser {
  bearer: (scopes: Scope[]) => Promise<{ authorization: string }>
  apiKey: { api_key: string }
}

export async function caller (app: FastifyInstance, role: Role = 'member'): Promise<Caller> {
  const user = await createUser(app, { role })
  const tokens = createTokenRepository(app.pg.pool)
  const bearer = async (scopes: Scope[]) => ({ authorization: `Bearer ${(await tokens.issue(user.id, 1, { name: 'test', scopes })).token}` })
  return { ...user, bearer, apiKey: { api_key: user.token } }
}

export { PNG, petBody } from './samples.js'
