import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { TestUser } from '../../helpers/users.js'

/** A valid create body; override any field. */
export function exerciseBody (overrides: Record<string, unknown> = {}) {
  return {
    name: `Exercise ${randomBytes(3).toString('hex')}`,
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['quadriceps'],
    ...overrides
  }
}

/** Creates an exercise through the API as `user` and returns its body. */
export async function createExercise (app: FastifyInstance, user: TestUser, overrides: Record<string, unknown> = {}) {
  const res = await app.inject({ method: 'POST', url: '/api/exercises', headers: user.headers, payload: exerciseBody(overrides) })
  if (res.statusCode !== 201) throw new Error(`create exercise: ${res.statusCode} ${res.body}`)
  return res.json() as { id: string, name: string, [key: string]: unknown }
}
