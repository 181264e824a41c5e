import type { Db, Filter } from 'mongodb'
import { COLLECTIONS, type LogDoc, type SessionDoc, type SessionStatus, type WorkoutDoc } from '../documents.js'
import { findPage, oid, sortFrom } from '../../lib/mongo.js'
import { dateRange } from '../../lib/date-range.js'
import type { IndexDeclaration } from '../../lib/mongo-indexes.js'
import { newSessionDoc, totalsFrom, totalsPipeline, type SessionTotals } from './rules.js'
import type { Session, SessionQuery } from './schemas.js'
import { sessionVisibility } from '../social/visibility-rules.js'
import type { Visibility } from '../social/audience.js'
import { forgetReactionsOn } from '../social/reactions-cleanup.js'
import { nextUpdatedAt, stillAt, type WriteVersion } from '../../lib/versioned-write.js'

/** Every list query starts with user_id; each filter and sort the list offers has an index. */
export const sessionIndexes: IndexDeclaration[] = [
  { collection: COLLECTIONS.sessions, key: { user_id: 1, created_at: -1 }, options: { name: 'user_created' } },
  { collection: COLLECTIONS.sessions, key: { user_id: 1, session_date: -1 }, options: { name: 'user_session_date' } },
  { collection: COLLECTIONS.sessions, key: { user_id: 1, status: 1, session_date: -1 }, options: { name: 'user_status_session_date' } },
  { collection: COLLECTIONS.sessions, key: { user_id: 1, workout_id: 1, session_date: -1 }, options: { name: 'user_workout_session_date' } },
  { collection: COLLECTIONS.sessions, key: { user_id: 1, start_time: -1 }, options: { name: 'user_start_time' } },
  { collection: COLLECTIONS.sessions, key: { user_id: 1, end_time: -1 }, options: { name: 'user_end_time' } },
  { collection: COLLECTIONS.sessions, key: { user_id: 1, total_volume: -1 }, options: { name: 'user_total_volume' } }
]

export type SessionRecord = Session & { user_id: number }

const iso = (date: Date | null) => date ? date.toISOString() : null

export function toSession (doc: SessionDoc): SessionRecord {
  return {
    id: doc._id.toHexString(),
    user_id: doc.user_id,
    workout: doc.workout_id ? doc.workout_id.toHexString() : null,
    name: doc.name,
    status: doc.status,
    scheduled_for: iso(doc.scheduled_for),
    start_time: iso(doc.start_time),
    end_time: iso(doc.end_time),
    session_date: doc.session_date.toISOString(),
    actual_duration_minutes: doc.actual_duration_minutes,
    notes: doc.notes,
    rating: doc.rating,
    calories_burned: doc.calories_burned,
    total_volume: doc.total_volume,
    total_sets: doc.total_sets,
    total_reps: doc.total_reps,
    visibility: sessionVisibility(doc),
    like_count: doc.like_count ?? 0,
    comment_count: doc.comment_count ?? 0,
    created_at: doc.created_at.toISOString(),
    updated_at: doc.updated_at.toISOString()
  }
}

export interface NewSessionInput { workout: string | null, name: string, scheduled_for: Date | null, notes: string, start: boolean, visibility: Visibility }
export type SessionChanges = Partial<Omit<SessionDoc, '_id' | 'user_id' | 'created_at'>>

export function createSessionRepository (db: Db) {
  const sessions = db.collection<SessionDoc>(COLLECTIONS.sessions)
  const logs = db.collection<LogDoc>(COLLECTIONS.logs)
  const workouts = db.collection<WorkoutDoc>(COLLECTIONS.workouts)
  const stats = db.collection<{ user_id: number }>(COLLECTIONS.statsCache)

  return {
    /** A workout the user may start a session from (own or public), or null. */
    async findStartableWorkout (workoutId: string, userId: number): Promise<{ id: string, name: string } | null> {
      const doc = await workouts.findOne(
        { _id: oid(workoutId), $or: [{ created_by_user_id: userId }, { is_public: true }] },
        { projection: { name: 1 } }
      )
      return doc ? { id: doc._id.toHexString(), name: doc.name } : null
    },

    async create (userId: number, input: NewSessionInput): Promise<SessionRecord> {
      const now = new Date()
      const session = newSessionDoc({
        user_id: userId,
        workout_id: input.workout ? oid(input.workout) : null,
        name: input.name,
        status: input.start ? 'in_progress' : 'planned',
        scheduled_for: input.scheduled_for,
        start_time: input.start ? now : null,
        notes: input.notes,
        visibility: input.visibility,
        now
      })
      const { insertedId } = await sessions.insertOne({ ...session } as SessionDoc)
      return toSession({ ...session, _id: insertedId })
    },

    async findById (id: string): Promise<SessionRecord | null> {
      const doc = await sessions.findOne({ _id: oid(id) })
      return doc ? toSession(doc) : null
    },

    /** Status of each of these sessions that the user owns; others are absent. */
    async ownedStatuses (ids: readonly string[], userId: number): Promise<Map<string, SessionStatus>> {
      const docs = await sessions.find({ _id: { $in: ids.map(oid) }, user_id: userId }, { projection: { status: 1 } }).toArray()
      return new Map(docs.map((doc) => [doc._id.toHexString(), doc.status]))
    },

    async list (userId: number, query: SessionQuery) {
      const filter: Filter<SessionDoc> = { user_id: userId }
      if (query.status) filter.status = query.status
      if (query.workout) filter.workout_id = oid(query.workout)
      const range = dateRange(query.date_from, query.date_to)
      if (range) filter.session_date = range
      const { window, count, docs } = await findPage(sessions, filter, sortFrom(query.ordering, '-created_at'), query)
      return { window, count, results: docs.map(toSession) }
    },

    /** Applies the changes when the session is (still) in one of the given states — and with `version.expected`, that version; null otherwise. */
    async update (id: string, userId: number, states: readonly SessionStatus[], changes: SessionChanges, version: WriteVersion = {}): Promise<SessionRecord | null> {
      const doc = await sessions.findOneAndUpdate(
        { _id: oid(id), user_id: userId, status: { $in: [...states] }, ...stillAt(version) },
        { $set: { ...changes, updated_at: nextUpdatedAt(version) } },
        { returnDocument: 'after' }
      )
      return doc ? toSession(doc) : null
    },

    /** The session's totals, computed by the database from its non-warm-up logs. */
    async totals (id: string): Promise<SessionTotals> {
      const [group] = await logs.aggregate<SessionTotals>(totalsPipeline({ workout_session_id: oid(id) })).toArray()
      return totalsFrom(group)
    },

    /** Stamps the session's logs as completed history: the stats module reads only these. */
    async sealLogs (id: string, completedAt: Date): Promise<void> {
      await logs.updateMany({ workout_session_id: oid(id) }, { $set: { session_completed_at: completedAt } })
    },

    /** Moves the session to a new version if it is still `version.expected` (a delete under If-Match); false otherwise. */
    async claimVersion (id: string, userId: number, version: WriteVersion): Promise<boolean> {
      const { matchedCount } = await sessions.updateOne({ _id: oid(id), user_id: userId, ...stillAt(version) }, { $set: { updated_at: nextUpdatedAt(version) } })
      return matchedCount === 1
    },

    /** Deletes the session, its logs, likes and comments; completed ones also invalidate the owner's stats cache. */
    async remove (session: SessionRecord): Promise<void> {
      const _id = oid(session.id)
      await logs.deleteMany({ workout_session_id: _id })
      await sessions.deleteOne({ _id, user_id: session.user_id })
      await forgetReactionsOn(db, _id)
      if (session.status === 'completed') await stats.deleteOne({ user_id: session.user_id })
    }
  }
}

export type SessionRepository = ReturnType<typeof createSessionRepository>
