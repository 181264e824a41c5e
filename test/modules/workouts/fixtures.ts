import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { TestUser } from '../../helpers/users.js'

export { createExercise } from '../exercises/fixtures.js'

/** A valid workout body over the given exercise ids (orders 1, 2, …); override any field. */
export function workoutBody (exerciseIds: readonly string[], overrides: Record<string, unknown> = {}) {
  return {
    name: `Workout ${randomBytes(3).toString('hex')}`,
    exercises: exerciseIds.map((exercise, index) => ({ exercise, order: index + 1, target_sets: 3, target_reps_min: 8, target_reps_max: 12 })),
    ...overrides
  }
}

/** Creates a workout through the API as `user` and returns its body. */
export async function createWorkout (app: FastifyInstance, user: TestUser, exerciseIds: readonly string[], overrides: Record<string, unknown> = {}) {
  const res = await app.inject({ method: 'POST', url: '/api/workouts', headers: user.headers, payload: workoutBody(exerciseIds, overrides) })
  if (res.statusCode !== 201) throw new Error(`create workout: ${res.statusCode} ${res.body}`)
  return res.json() as { id: string, name: string, [key: string]: unknown }
}

export const fieldsOf = (body: { details?: Array<{ field: string }> }) => (body.details ?? []).map((detail) => detail.field).sort()
