import { ObjectId } from 'mongodb'
import type { FastifyInstance } from 'fastify'
import { COLLECTIONS, type LogDoc, type SessionDoc } from '../../../src/modules/documents.js'
import { exerciseDoc } from '../../helpers/documents.js'
import type { TestUser } from '../../helpers/users.js'

export const HOUR = 3_600_000

const db = (app: FastifyInstance) => app.mongo.db!

export async function setProfile (app: FastifyInstance, userId: number, fields: { timezone?: string, weight?: number | null }) {
  await db(app).collection(COLLECTIONS.profiles).updateOne({ user_id: userId }, { $set: fields }, { upsert: true })
}

/** A completed session ending at `end` (or one in another state), straight through the driver. */
export async function addSession (app: FastifyInstance, userId: number, end: Date, fields: Partial<SessionDoc> = {}): Promise<ObjectId> {
  const doc: SessionDoc = {
    _id: new ObjectId(),
    user_id: userId,
    workout_id: null,
    name: 'Session',
    status: 'completed',
    scheduled_for: null,
    start_time: new Date(end.getTime() - HOUR),
    end_time: end,
    session_date: end,
    actual_duration_minutes: 60,
    notes: '',
    rating: null,
    calories_burned: null,
    total_volume: 0,
    total_sets: 0,
    total_reps: 0,
    created_at: end,
    updated_at: end,
    ...fields
  }
  await db(app).collection<SessionDoc>(COLLECTIONS.sessions).insertOne(doc)
  return doc._id
}

/** A set of `exercise`; completed (session_completed_at set) unless told otherwise. */
export async function addSet (app: FastifyInstance, userId: number, exercise: ObjectId, weight: number, reps: number, fields: Partial<LogDoc> = {}) {
  const at = new Date(Date.now() - HOUR)
  await db(app).collection<LogDoc>(COLLECTIONS.logs).insertOne({
    _id: new ObjectId(),
    user_id: userId,
    workout_session_id: new ObjectId(),
    exercise_id: exercise,
    set_number: 1,
    reps,
    weight,
    duration_seconds: null,
    distance: null,
    rpe: null,
    is_warmup: false,
    notes: '',
    completed_at: at,
    session_completed_at: at,
    created_at: at,
    ...fields
  })
}

export async function addExercise (app: FastifyInstance, owner: number | null = null): Promise<ObjectId> {
  const doc = exerciseDoc({ created_by_user_id: owner })
  await db(app).collection(COLLECTIONS.exercises).insertOne(doc)
  return doc._id
}

export async function addBodyWeight (app: FastifyInstance, userId: number, value: number, measuredAt: Date) {
  await db(app).collection('health_metrics').insertOne({ user_id: userId, type: 'body_weight', value, measured_at: measuredAt })
}

export const goalsOf = (app: FastifyInstance, user: TestUser) => ({
  create: (payload: unknown) => app.inject({ method: 'POST', url: '/api/goals', headers: user.headers, payload: payload as object }),
  get: (id: string) => app.inject({ method: 'GET', url: `/api/goals/${id}`, headers: user.headers }),
  list: (query = '') => app.inject({ method: 'GET', url: `/api/goals${query}`, headers: user.headers }),
  patch: (id: string, payload: unknown) => app.inject({ method: 'PATCH', url: `/api/goals/${id}`, headers: user.headers, payload: payload as object }),
  remove: (id: string) => app.inject({ method: 'DELETE', url: `/api/goals/${id}`, headers: user.headers })
})
