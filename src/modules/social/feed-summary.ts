import type { Db, ObjectId } from 'mongodb'
import { COLLECTIONS, type LogDoc, type SessionDoc } from '../documents.js'
import type { AuthUser } from '../../plugins/auth.js'
import { canSee } from '../../lib/access.js'
import { oid } from '../../lib/mongo.js'
import { createStatsRepository } from '../stats/repository.js'
import { currentStats } from '../stats/cache.js'
import { recordsOf } from '../stats/records.js'
import { round2 } from '../stats/rules.js'
import type { FeedSummary, PersonalRecord } from './feed-schemas.js'

export const TOP_EXERCISES = 3

interface ExerciseRow { _id: { s: ObjectId, e: ObjectId }, sets: number, volume: number }

/**
 * The summary of each feed item: totals stored on the session, its top exercises by working sets
 * (then volume), and the personal records it holds — the records of records.ts (heaviest weight,
 * best e1RM by Epley, best session volume) that the owner still holds and that were set in it.
 * Names only of exercises the viewer may see (library, public or their own); null otherwise.
 */
export function createFeedSummaries (db: Db) {
  const stats = createStatsRepository(db)
  const logs = db.collection<LogDoc>(COLLECTIONS.logs)

  async function topExercises (ids: readonly ObjectId[]): Promise<Map<string, ExerciseRow[]>> {
    const rows = await logs.aggregate<ExerciseRow>([
      { $match: { workout_session_id: { $in: [...ids] }, is_warmup: false } },
      { $group: { _id: { s: '$workout_session_id', e: '$exercise_id' }, sets: { $sum: 1 }, volume: { $sum: { $multiply: [{ $ifNull: ['$reps', 0] }, { $ifNull: ['$weight', 0] }] } } } }
    ]).toArray()
    const bySession = new Map<string, ExerciseRow[]>()
    for (const row of rows) {
      const key = row._id.s.toHexString()
      bySession.set(key, [...(bySession.get(key) ?? []), row])
    }
    for (const [key, list] of bySession) {
      list.sort((a, b) => b.sets - a.sets || b.volume - a.volume || a._id.e.toHexString().localeCompare(b._id.e.toHexString()))
      bySession.set(key, list.slice(0, TOP_EXERCISES))
    }
    return bySession
  }

  /** Records held by sessions of this page, per session id (one stats snapshot per owner with sets on the page). */
  async function records (docs: readonly SessionDoc[]): Promise<Map<string, Array<Omit<PersonalRecord, 'exercise_name'>>>> {
    const onPage = new Set(docs.map((doc) => doc._id.toHexString()))
    const owners = [...new Set(docs.filter((doc) => doc.total_sets > 0).map((doc) => doc.user_id))]
    const found = new Map<string, Array<Omit<PersonalRecord, 'exercise_name'>>>()
    const add = (session: string, record: Omit<PersonalRecord, 'exercise_name'>) => {
      if (onPage.has(session)) found.set(session, [...(found.get(session) ?? []), record])
    }
    await Promise.all(owners.map(async (owner) => {
      const { snapshot } = await currentStats(stats, owner, { without: ['days'] })
      for (const aggregate of snapshot.exercises) {
        const exercise = aggregate.exercise_id.toHexString()
        const held = recordsOf(aggregate, 'epley')
        if (held.heaviest_weight) add(held.heaviest_weight.session_id, { exercise_id: exercise, record: 'heaviest_weight', value: held.heaviest_weight.weight })
        if (held.best_e1rm) add(held.best_e1rm.session_id, { exercise_id: exercise, record: 'best_e1rm', value: held.best_e1rm.value })
        if (held.best_session_volume) add(held.best_session_volume.session_id, { exercise_id: exercise, record: 'best_session_volume', value: held.best_session_volume.volume })
      }
    }))
    return found
  }

  return {
    async of (viewer: AuthUser, docs: readonly SessionDoc[]): Promise<Map<string, FeedSummary>> {
      if (docs.length === 0) return new Map()
      const [tops, held] = await Promise.all([topExercises(docs.map((doc) => doc._id)), records(docs)])
      const exerciseIds = new Set([...tops.values()].flat().map((row) => row._id.e.toHexString()))
      for (const list of held.values()) for (const record of list) exerciseIds.add(record.exercise_id)
      const visible = (await stats.findExercises([...exerciseIds].map(oid))).filter((exercise) => canSee(viewer, exercise))
      const names = new Map(visible.map((exercise) => [exercise._id.toHexString(), exercise.name]))
      return new Map(docs.map((doc) => {
        const id = doc._id.toHexString()
        return [id, {
          duration_minutes: doc.actual_duration_minutes,
          volume: round2(doc.total_volume),
          sets: doc.total_sets,
          reps: doc.total_reps,
          personal_records: (held.get(id) ?? []).map((record) => ({ ...record, exercise_name: names.get(record.exercise_id) ?? null })),
          top_exercises: (tops.get(id) ?? []).map((row) => ({
            exercise_id: row._id.e.toHexString(),
            exercise_name: names.get(row._id.e.toHexString()) ?? null,
            sets: row.sets,
            volume: round2(row.volume)
          }))
        }]
      }))
    }
  }
}

export type FeedSummaries = ReturnType<typeof createFeedSummaries>
