import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../../../src/config.js'
import { build } from '../../helpers/build.js'

export { CHEAP_ARGON2 } from '../../helpers/isolation.js'

/** The app with the login limit out of the way (argon2 is cheap in every test config); throttle tests lower AUTH_RATE_LIMIT_MAX. */
export function buildAuth (t: Parameters<typeof build>[0], overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  return build(t, { AUTH_RATE_LIMIT_MAX: 10_000, ...overrides })
}

export const PASSWORD = 'correct horse battery'

export interface Registered {
  id: number
  username: string
  email: string
  token: string
  headers: { authorization: string }
}

/** Registers through the HTTP endpoint and returns the account and its first token. */
export async function register (app: FastifyInstance, fields: { username?: string, email?: string, password?: string } = {}): Promise<Registered> {
  const username = fields.username ?? `u_${randomBytes(4).toString('hex')}`
  const email = fields.email ?? `${username}@example.test`
  const res = await app.inject({ method: 'POST', url: '/api/auth/register', payload: { username, email, password: fields.password ?? PASSWORD } })
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`)
  const body = res.json()
  return { id: body.user.id, username, email, token: body.token, headers: { authorization: `Token ${body.token}` } }
}

export async function login (app: FastifyInstance, username: string, password = PASSWORD, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers })
}
