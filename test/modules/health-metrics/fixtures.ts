import type { FastifyInstance } from 'fastify'
import type { TestUser } from '../../helpers/users.js'

export const URL = '/api/health-metrics'

type Json = Record<string, unknown>

/** A body-weight point unless overridden. */
export const point = (extra: Json = {}): Json => ({ type: 'body_weight', value: 80, measured_at: '2026-11-20T07:00:00.000Z', ...extra })

/** Sends one point through the API; the answer as `inject` gives it. */
export const post = (app: FastifyInstance, user: TestUser, payload: unknown, query = '') =>
  app.inject({ method: 'POST', url: `${URL}${query}`, headers: user.headers, payload: payload as Json })

/** A point that must be created: its id. */
export async function createPoint (app: FastifyInstance, user: TestUser, extra: Json = {}): Promise<string> {
  const res = await post(app, user, point(extra))
  if (res.statusCode !== 201) throw new Error(`createPoint: ${res.statusCode} ${res.body}`)
  return res.json().id
}
