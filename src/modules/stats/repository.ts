import type { Db, Document, ObjectId } from 'mongodb'
import { COLLECTIONS, type ExerciseDoc, type ProfileDoc, type SessionDoc } from '../documents.js'
import type { IndexDeclaration } from '../../lib/mongo-indexes.js'
import { isTimeZone, offsetSegments } from './calendar.js'
import * as pipelines from './pipelines.js'
import type { Range } from './pipelines.js'
import { snapshotOf, type BestSessionRow, type SessionDayRow, type SetShapeRow, type Snapshot } from './snapshot.js'

/** The derived per-user document in `stats_cache`: a snapshot of everything completed up to `watermark`. */
export interface StatsCacheDoc extends Snapshot {
  user_id: number
  timezone: string // days are local to this zone; another zone means a rebuild
  watermark: Date
  updated_at: Date
}

export interface DayExerciseRow { _id: { day: string, weight: number | null, reps: number | null }, sets: number }
export interface DayVolumeRow { _id: { day: string, exercise_id: ObjectId }, sets: number, volume: number }
export type ExerciseInfo = Pick<ExerciseDoc, '_id' | 'name' | 'primary_muscles' | 'created_by_user_id' | 'is_public'>

// Names match the sessions/logs modules' declarations where they need the same keys.
export const statsIndexes: IndexDeclaration[] = [
  { collection: COLLECTIONS.logs, key: { user_id: 1, session_completed_at: 1 }, options: { name: 'user_session_completed' } },
  { collection: COLLECTIONS.logs, key: { user_id: 1, exercise_id: 1, session_completed_at: 1 }, options: { name: 'user_exercise_session_completed' } },
  { collection: COLLECTIONS.sessions, key: { user_id: 1, status: 1, end_time: 1 }, options: { name: 'user_status_end_time' } },
  { collection: COLLECTIONS.statsCache, key: { user_id: 1 }, options: { name: 'user_unique', unique: true } }
]

// Where an open-ended range starts its offset table; earlier instants use the 2000 offset.
const SEGMENTS_FROM = new Date('2000-01-01T00:00:00Z')
const DAY_MS = 86_400_000

/** The zone's offsets over a range (open ends: from 2000, to two days from now). */
function zoneOver (timezone: string, range: Range) {
  const from = range.after ?? range.from ?? SEGMENTS_FROM
  const to = range.before ?? range.until ?? new Date(Date.now() + 2 * DAY_MS)
  return offsetSegments(timezone, from < to ? from : to, to)
}

export function createStatsRepository (db: Db) {
  const sessions = db.collection<SessionDoc>(COLLECTIONS.sessions)
  const cache = db.collection<StatsCacheDoc>(COLLECTIONS.statsCache)
  const run = <T extends Document>(collection: string, pipeline: Document[]) => db.collection(collection).aggregate<T>(pipeline).toArray()

  return {
    /** The profile's zone; UTC without a profile or with a zone the platform does not know. */
    async timezoneOf (userId: number): Promise<string> {
      const profile = await db.collection<ProfileDoc>(COLLECTIONS.profiles).findOne({ user_id: userId }, { projection: { timezone: 1 } })
      const zone = profile?.timezone
      return typeof zone === 'string' && isTimeZone(zone) ? zone : 'UTC'
    },

    /** Sessions not (or never to be) completed; the completed ones are counted by the snapshot. */
    async countOpenSessions (userId: number): Promise<number> {
      return await sessions.countDocuments({ user_id: userId, status: { $in: ['planned', 'in_progress', 'cancelled'] } })
    },

    /** The cached snapshot; `without` leaves out what the caller does not need (e.g. rep records). */
    async readCache (userId: number, without: ReadonlyArray<'days' | 'exercises.rep_records'> = []): Promise<StatsCacheDoc | null> {
      const projection = Object.fromEntries([['_id', 0], ...without.map((field) => [field, 0])])
      return await cache.findOne({ user_id: userId }, { projection })
    },

    /** Whether any session completed after `instant` — one indexed probe instead of three aggregations. */
    async completedAfter (userId: number, instant: Date): Promise<boolean> {
      const found = await sessions.findOne({ user_id: userId, status: 'completed', end_time: { $gt: instant } }, { projection: { _id: 1 } })
      return found !== null
    },

    async writeCache (doc: StatsCacheDoc): Promise<void> {
      await cache.replaceOne({ user_id: doc.user_id }, doc, { upsert: true })
    },

    /** Everything completed in `range`, folded into a snapshot by three aggregations. */
    async snapshot (userId: number, range: Range, timezone: string): Promise<{ snapshot: Snapshot, latest: Date | null }> {
      const [days, shapes, bests] = await Promise.all([
        run<SessionDayRow>(COLLECTIONS.sessions, pipelines.sessionDays(userId, range, zoneOver(timezone, range))),
        run<SetShapeRow>(COLLECTIONS.logs, pipelines.setShapes(userId, range)),
        run<BestSessionRow>(COLLECTIONS.logs, pipelines.bestSessionVolumes(userId, range))
      ])
      const latest = [...days.map((d) => d.last), ...shapes.map((s) => s.last)].reduce<Date | null>((a, b) => a === null || b > a ? b : a, null)
      return { snapshot: snapshotOf(days, shapes, bests), latest }
    },

    async sessionDays (userId: number, range: Range, timezone: string): Promise<SessionDayRow[]> {
      return await run<SessionDayRow>(COLLECTIONS.sessions, pipelines.sessionDays(userId, range, zoneOver(timezone, range)))
    },

    async exerciseDays (userId: number, exerciseId: ObjectId, range: Range, timezone: string): Promise<DayExerciseRow[]> {
      return await run<DayExerciseRow>(COLLECTIONS.logs, pipelines.exerciseDays(userId, exerciseId, range, zoneOver(timezone, range)))
    },

    async exerciseVolumeDays (userId: number, range: Range, timezone: string): Promise<DayVolumeRow[]> {
      return await run<DayVolumeRow>(COLLECTIONS.logs, pipelines.exerciseVolumeDays(userId, range, zoneOver(timezone, range)))
    },

    async findExercise (id: ObjectId): Promise<ExerciseInfo | null> {
      return await db.collection<ExerciseDoc>(COLLECTIONS.exercises).findOne({ _id: id }, { projection: exerciseFields })
    },

    async findExercises (ids: readonly ObjectId[]): Promise<ExerciseInfo[]> {
      if (ids.length === 0) return []
      return await db.collection<ExerciseDoc>(COLLECTIONS.exercises).find({ _id: { $in: [...ids] } }, { projection: exerciseFields }).toArray()
    }
  }
}

const exerciseFields = { name: 1, primary_muscles: 1, created_by_user_id: 1, is_public: 1 }

export type StatsRepository = ReturnType<typeof createStatsRepository>
