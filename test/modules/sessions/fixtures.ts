import { ObjectId } from 'mongodb'
import type { FastifyInstance } from 'fastify'
import { COLLECTIONS, type ExerciseDoc, type WorkoutDoc } from '../../../src/modules/documents.js'
import type { TestUser } from '../../helpers/users.js'
import { exerciseDoc } from '../../helpers/documents.js'

/**
 * Exercises and workouts written straight through the driver in the documents.ts shape (their
 * routes are another module's), plus shortcuts for sessions and logs through the API.
 */
export async function insertExercise (app: FastifyInstance, overrides: Partial<ExerciseDoc> = {}): Promise<string> {
  const doc = exerciseDoc({ is_public: false, ...overrides })
  await app.mongo.db!.collection<ExerciseDoc>(COLLECTIONS.exercises).insertOne(doc)
  return doc._id.toHexString()
}

export async function insertWorkout (app: FastifyInstance, ownerId: number, overrides: Partial<WorkoutDoc> = {}): Promise<string> {
  const now = new Date()
  const doc: WorkoutDoc = {
    _id: new ObjectId(),
    name: 'Push day',
    description: '',
    exercises: [],
    difficulty_level: 'intermediate',
    difficulty_rank: 2,
    estimated_duration_minutes: 45,
    tags: [],
    is_template: true,
    is_public: false,
    total_exercises: 0,
    created_by_user_id: ownerId,
    created_at: now,
    updated_at: now,
    ...overrides
  }
  await app.mongo.db!.collection<WorkoutDoc>(COLLECTIONS.workouts).insertOne(doc)
  return doc._id.toHexString()
}

type Json = Record<string, unknown>

/** A session of `user` through the API, optionally moved along: 'planned' | 'in_progress' | 'completed' | 'cancelled'. */
export async function createSession (app: FastifyInstance, user: TestUser, state = 'planned', body: Json = {}): Promise<Json & { id: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/workout-sessions', headers: user.headers, payload: body })
  if (res.statusCode !== 201) throw new Error(`create session: ${res.statusCode} ${res.body}`)
  let session = res.json()
  const steps: Record<string, string[]> = { planned: [], in_progress: ['start'], completed: ['start', 'complete'], cancelled: ['cancel'] }
  for (const action of steps[state]) session = (await act(app, user, session.id, action)).json()
  return session
}

export function act (app: FastifyInstance, user: TestUser, id: string, action: string, payload?: Json) {
  return app.inject({ method: 'POST', url: `/api/workout-sessions/${id}/${action}`, headers: user.headers, ...(payload ? { payload } : {}) })
}

export async function logSet (app: FastifyInstance, user: TestUser, session: string, body: Json): Promise<Json & { id: string }> {
  const res = await app.inject({ method: 'POST', url: `/api/workout-sessions/${session}/logs`, headers: user.headers, payload: body })
  if (res.statusCode !== 201) throw new Error(`log set: ${res.statusCode} ${res.body}`)
  return res.json()
}

/** Field names of a 400's details, sorted, each once (a union reports every branch it tried). */
export const fieldsOf = (body: { details?: Array<{ field: string }> }) => [...new Set((body.details ?? []).map((detail) => detail.field))].sort()
