import type { FastifyInstance } from 'fastify'
import { ObjectId } from 'mongodb'
import { COLLECTIONS, type ExerciseDoc, type LogDoc, type ProfileDoc, type SessionDoc, type SessionStatus } from '../../../src/modules/documents.js'
import { DEFAULT_PROFILE } from '../../../src/modules/auth/profile-repository.js'
import { exerciseDoc } from '../../helpers/documents.js'
import { timezoneScope } from '../../../src/modules/stats/timezones.js'
import { statsChanged } from '../../../src/modules/stats/stats-scope.js'

/** One set of a fixture session; reps and weight default to null, warm-up to false. */
export interface SetSpec {
  exercise: ObjectId
  reps?: number | null
  weight?: number | null
  warmup?: boolean
  duration_seconds?: number | null
}

const db = (app: FastifyInstance) => app.mongo.db!

/** A library (or, with an owner, custom) exercise inserted straight through the driver. */
export async function exercise (app: FastifyInstance, name: string, primaryMuscles: string[] = [], owner: number | null = null, isPublic = owner === null): Promise<ObjectId> {
  const doc = exerciseDoc({ name, primary_muscles: primaryMuscles, created_by_user_id: owner, is_public: isPublic })
  await db(app).collection<ExerciseDoc>(COLLECTIONS.exercises).insertOne(doc)
  return doc._id
}

/**
 * A session with its logs, as the sessions and logs modules store them: when completed, totals
 * of the non-warm-up sets on the session and its end time copied into every log.
 */
export async function session (
  app: FastifyInstance,
  userId: number,
  options: { end?: string, status?: SessionStatus, duration?: number, sets?: SetSpec[] } = {}
): Promise<ObjectId> {
  const status = options.status ?? (options.end !== undefined ? 'completed' : 'in_progress')
  const end = options.end !== undefined ? new Date(options.end) : null
  const completed = status === 'completed' ? end : null
  const sets = options.sets ?? []
  const work = sets.filter((s) => s.warmup !== true)
  const id = new ObjectId()
  const start = end === null ? new Date() : new Date(end.getTime() - (options.duration ?? 60) * 60_000)
  const doc: SessionDoc = {
    _id: id,
    user_id: userId,
    workout_id: null,
    name: 'Session',
    status,
    scheduled_for: null,
    start_time: status === 'planned' ? null : start,
    end_time: completed,
    session_date: start,
    actual_duration_minutes: completed === null ? null : options.duration ?? 60,
    notes: '',
    rating: null,
    calories_burned: null,
    total_volume: completed === null ? 0 : work.reduce((sum, s) => sum + (s.reps ?? 0) * (s.weight ?? 0), 0),
    total_sets: completed === null ? 0 : work.length,
    total_reps: completed === null ? 0 : work.reduce((sum, s) => sum + (s.reps ?? 0), 0),
    created_at: start,
    updated_at: start
  }
  await db(app).collection<SessionDoc>(COLLECTIONS.sessions).insertOne(doc)
  const logs: LogDoc[] = sets.map((s, i) => ({
    _id: new ObjectId(),
    user_id: userId,
    workout_session_id: id,
    exercise_id: s.exercise,
    set_number: i + 1,
    reps: s.reps ?? null,
    weight: s.weight ?? null,
    duration_seconds: s.duration_seconds ?? null,
    distance: null,
    rpe: null,
    is_warmup: s.warmup ?? false,
    notes: '',
    completed_at: start,
    session_completed_at: completed,
    created_at: start
  }))
  if (logs.length > 0) await db(app).collection<LogDoc>(COLLECTIONS.logs).insertMany(logs)
  // As the sessions module does after every session write that changes the stats.
  await statsChanged(app.cache, userId)
  return id
}

export async function setTimezone (app: FastifyInstance, userId: number, timezone: string): Promise<void> {
  const now = new Date()
  const profile: Omit<ProfileDoc, '_id'> = {
    ...DEFAULT_PROFILE,
    preferred_workout_types: [],
    user_id: userId,
    timezone,
    created_at: now,
    updated_at: now
  }
  await db(app).collection(COLLECTIONS.profiles).updateOne({ user_id: userId }, { $set: profile }, { upsert: true })
  // As the profile route does: stats cache the zone.
  await Promise.all([app.cache.bump(timezoneScope(userId)), statsChanged(app.cache, userId)])
}
