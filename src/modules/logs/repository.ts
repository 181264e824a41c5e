import { type Db, type Document, type Filter, ObjectId } from 'mongodb'
import { COLLECTIONS, type ExerciseDoc, type LogDoc } from '../documents.js'
import { findPage, oid, sortFrom } from '../../lib/mongo.js'
import { dateRange } from '../../lib/date-range.js'
import type { IndexDeclaration } from '../../lib/mongo-indexes.js'
import type { Log, LogQuery } from './schemas.js'
import { canSee, type Owned } from '../../lib/access.js'
import { nextUpdatedAt, type WriteVersion } from '../../lib/versioned-write.js'
import { createWriteBatcher } from '../../lib/write-batcher.js'

const logs = COLLECTIONS.logs
/** Lists start with user_id (or a session); each filter and sort offered has an index. */
export const logIndexes: IndexDeclaration[] = [
  { collection: logs, key: { user_id: 1, completed_at: -1 }, options: { name: 'user_completed' } },
  { collection: logs, key: { workout_session_id: 1, exercise_id: 1, set_number: 1 }, options: { name: 'session_exercise_set' } },
  { collection: logs, key: { user_id: 1, exercise_id: 1, completed_at: -1 }, options: { name: 'user_exercise_completed' } },
  { collection: logs, key: { user_id: 1, session_completed_at: 1 }, options: { name: 'user_session_completed' } },
  { collection: logs, key: { user_id: 1, set_number: 1 }, options: { name: 'user_set_number' } },
  { collection: logs, key: { user_id: 1, weight: -1 }, options: { name: 'user_weight' } },
  { collection: logs, key: { user_id: 1, reps: -1 }, options: { name: 'user_reps' } }
]

export type LogRecord = Log & { user_id: number }

/** The exercises among these that `userId` may log (canSee: library, own or public ones). */
export const usableBy = (exercises: ReadonlyMap<string, Owned>, userId: number): Set<string> =>
  new Set([...exercises].filter(([, exercise]) => canSee({ id: userId }, exercise)).map(([id]) => id))
export type NewLog = Omit<LogDoc, '_id' | 'user_id' | 'workout_session_id' | 'exercise_id' | 'session_completed_at' | 'created_at' | 'updated_at' | 'entered_by_user_id'> & { workout_session: string, exercise: string }
export type LogChanges = Partial<Omit<NewLog, 'workout_session'>>

export function toLog (doc: LogDoc): LogRecord {
  return {
    id: doc._id.toHexString(),
    user_id: doc.user_id,
    workout_session: doc.workout_session_id.toHexString(),
    exercise: doc.exercise_id.toHexString(),
    set_number: doc.set_number,
    reps: doc.reps,
    weight: doc.weight,
    duration_seconds: doc.duration_seconds,
    distance: doc.distance,
    rpe: doc.rpe,
    is_warmup: doc.is_warmup,
    notes: doc.notes,
    completed_at: doc.completed_at.toISOString(),
    created_at: doc.created_at.toISOString(),
    updated_at: (doc.updated_at ?? doc.created_at).toISOString(),
    entered_by_user_id: doc.entered_by_user_id === undefined ? doc.user_id : doc.entered_by_user_id
  }
}

/**
 * versioned-write.ts's `stillAt` for sets: those stored before `updated_at` existed are at the
 * version of their created_at (toLog), until their first write stamps them.
 */
function stillAt ({ expected }: WriteVersion): Filter<LogDoc> {
  if (expected === undefined) return {}
  const at = new Date(expected)
  return { $or: [{ updated_at: at }, { updated_at: { $exists: false }, created_at: at }] }
}

/** What exercisesToLog reads of an exercise, and the Owned it makes of it (usableBy's input). */
export const EXERCISE_TO_LOG = { created_by_user_id: 1, is_public: 1 } as const
export const toLoggable = (docs: readonly Document[]): Map<string, Owned> =>
  // As the query `created_by_user_id: null` did, a missing owner counts as the library's.
  new Map(docs.map((doc) => [(doc._id as ObjectId).toHexString(), { created_by_user_id: (doc.created_by_user_id as number | undefined) ?? null, is_public: doc.is_public as boolean }]))

export function createLogRepository (db: Db) {
  const collection = db.collection<LogDoc>(logs)
  // Every set write ends in one insert: under load, those of concurrent writes go in one command.
  const inserts = createWriteBatcher(collection)
  const exercises = db.collection<ExerciseDoc>(COLLECTIONS.exercises)

  /** These exercises' owners and publicity (missing ones are left out). */
  async function exercisesToLog (ids: readonly string[]): Promise<Map<string, Owned>> {
    return toLoggable(await exercises.find({ _id: { $in: ids.map(oid) } }, { projection: EXERCISE_TO_LOG }).toArray())
  }

  return {
    async findById (id: string): Promise<LogRecord | null> {
      const doc = await collection.findOne({ _id: oid(id) })
      return doc ? toLog(doc) : null
    },

    async list (userId: number, query: LogQuery) {
      const filter: Filter<LogDoc> = { user_id: userId }
      if (query.session) filter.workout_session_id = oid(query.session)
      if (query.exercise) filter.exercise_id = oid(query.exercise)
      const range = dateRange(query.date_from, query.date_to)
      if (range) filter.completed_at = range
      const { window, count, docs } = await findPage(collection, filter, sortFrom(query.ordering, '-completed_at'), query)
      return { window, count, results: docs.map(toLog) }
    },

    /**
     * Which of these exercises the user may log: library, own, or public ones. Split in two so a
     * write can read them before it knows whose sets it writes (with their leases, writer.ts):
     * toLoggable(docs), then usableBy.
     */
    async usableExercises (ids: readonly string[], userId: number): Promise<Set<string>> {
      return usableBy(await exercisesToLog(ids), userId)
    },

    /** One write for all of them (the caller has validated every one). */
    async insertMany (userId: number, items: readonly NewLog[], enteredBy = userId): Promise<LogRecord[]> {
      const now = new Date()
      const docs: LogDoc[] = items.map(({ workout_session: session, exercise, ...set }) => ({
        _id: new ObjectId(),
        ...set,
        user_id: userId,
        workout_session_id: oid(session),
        exercise_id: oid(exercise),
        session_completed_at: null,
        entered_by_user_id: enteredBy,
        created_at: now,
        updated_at: now
      }))
      await inserts.insertMany(docs)
      return docs.map(toLog)
    },

    /**
     * Changes a set that is not yet sealed by its session's completion (and, under If-Match, is still
     * at the expected version); null when it is sealed, gone or at another version.
     */
    async update (id: string, changes: LogChanges, version: WriteVersion = {}): Promise<LogRecord | null> {
      const { exercise, ...set } = changes
      const doc = await collection.findOneAndUpdate(
        { _id: oid(id), session_completed_at: null, ...stillAt(version) },
        { $set: { ...set, ...(exercise ? { exercise_id: oid(exercise) } : {}), updated_at: nextUpdatedAt(version) } },
        { returnDocument: 'after' }
      )
      return doc ? toLog(doc) : null
    },

    async remove (id: string, version: WriteVersion = {}): Promise<boolean> {
      const { deletedCount } = await collection.deleteOne({ _id: oid(id), session_completed_at: null, ...stillAt(version) })
      return deletedCount === 1
    }
  }
}

export type LogRepository = ReturnType<typeof createLogRepository>
