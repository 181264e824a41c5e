import type { Static } from '@sinclair/typebox'
import type { ObjectId } from 'mongodb'
import type { AuthUser } from '../../plugins/auth.js'
import type { Cache } from '../../plugins/cache.js'
import { oid } from '../../lib/mongo.js'
import { canSee } from '../../lib/access.js'
import { FieldError, NotFoundError } from '../../errors.js'
import { addDays, localDate, localToday, startOfLocalDay, type Period } from './calendar.js'
import { currentStats } from './cache.js'
import { foldIntoBuckets, resolveRange } from './periods.js'
import { recordsOf } from './records.js'
import type { StatsRepository } from './repository.js'
import { estimateOneRepMax, round2, setVolume, type Formula } from './rules.js'
import type { ExerciseProgress, MuscleGroups, Progress, Records, Summary } from './schemas.js'
import { currentStreak } from './streaks.js'
import { cachedSummaryTotals, SUMMARY_TTL_SECONDS, summaryScopes } from './summary.js'
import { exerciseScope } from '../exercises/cache-scopes.js'
import { EXERCISE_CACHE_TTL_SECONDS } from '../exercises/reads.js'

/** What the handlers answer, computed from the repository; HTTP stays in routes.ts. */
export function createStatsService (repo: StatsRepository, cache: Cache) {
  /**
   * What stats show of the exercises `user` may see among `ids` (name, primary muscles): one cache
   * entry for the list, under each exercise's own scope, which every edit and delete of it bumps
   * (exercises/cache-scopes.ts). Ids are never reused, so a missing one stays missing.
   */
  const names = async (user: AuthUser, keys: string[]) => {
    const options = { scopes: keys.map(exerciseScope), ttlSeconds: EXERCISE_CACHE_TTL_SECONDS }
    const found = await cache.remember(`exercise-info:${keys.join(',')}`, options, async () =>
      (await repo.findExercises(keys.map(oid))).map((e) => ({ id: e._id.toHexString(), name: e.name, primary_muscles: e.primary_muscles, created_by_user_id: e.created_by_user_id, is_public: e.is_public })))
    return new Map(found.flatMap((e) => canSee(user, e) ? [[e.id, e]] : []))
  }

  /** Local-day range of a period query, and the instants that bound it in the user's zone. */
  const rangeOf = (timezone: string, period: Period, dateFrom?: string, dateTo?: string, now = new Date()) => {
    const range = resolveRange(period, localDate(now, timezone), dateFrom, dateTo)
    if ('field' in range) throw new FieldError(`querystring/${range.field}`, range.message)
    const instants = { from: startOfLocalDay(range.from, timezone), before: startOfLocalDay(addDays(range.to, 1), timezone) }
    return { ...range, instants, head: { period, date_from: range.from, date_to: range.to, timezone } }
  }

  return {
    /**
     * The summary as the JSON `serialize` writes, cached per local day under everything it is made
     * of: the totals' scopes and each favourite exercise's (a rename shows at once). Visibility
     * depends on the user's id only, and the current streak only on the day.
     */
    async summary (user: AuthUser, serialize: (summary: Static<typeof Summary>) => string, now = new Date()): Promise<string> {
      const { runs, favourites, ...totals } = await cachedSummaryTotals(repo, cache, user.id, now)
      const today = localToday(totals.timezone, now)
      const scopes = [...summaryScopes(user.id), ...favourites.map((e) => exerciseScope(e.exercise_id))]
      return await cache.remember(`stats-summary-json:${user.id}:${today}`, { scopes, ttlSeconds: SUMMARY_TTL_SECONDS }, async () => {
        const exercises = await names(user, favourites.map((e) => e.exercise_id))
        return serialize({
          ...totals,
          current_streak_days: currentStreak(runs, today),
          longest_streak_days: runs.longest,
          favourite_exercises: favourites.map((e) => ({ ...e, name: exercises.get(e.exercise_id)?.name ?? null }))
        })
      })
    },

    async records (user: AuthUser, formula: Formula, now = new Date()): Promise<Static<typeof Records>> {
      const { snapshot } = await currentStats(repo, user.id, { now, without: ['days'] })
      const exercises = await names(user, snapshot.exercises.map((e) => e.exercise_id.toHexString()))
      const results = snapshot.exercises.map((aggregate) => {
        const id = aggregate.exercise_id.toHexString()
        return { exercise_id: id, exercise_name: exercises.get(id)?.name ?? null, ...recordsOf(aggregate, formula) }
      })
      results.sort((a, b) => (a.exercise_name ?? '\uffff').localeCompare(b.exercise_name ?? '\uffff') || a.exercise_id.localeCompare(b.exercise_id))
      return { formula, results }
    },

    async progress (user: AuthUser, period: Period, dateFrom?: string, dateTo?: string): Promise<Static<typeof Progress>> {
      const timezone = await repo.timezoneOf(user.id)
      const range = rangeOf(timezone, period, dateFrom, dateTo)
      const rows = await repo.sessionDays(user.id, range.instants, timezone)
      const buckets = foldIntoBuckets(rows, (row) => row._id, range, period,
        () => ({ sessions: 0, duration_minutes: 0, volume: 0, sets: 0 }),
        (bucket, row) => {
          bucket.sessions += row.sessions
          bucket.duration_minutes += row.duration_minutes
          bucket.volume = round2(bucket.volume + row.volume)
          bucket.sets += row.sets
        })
      return { ...range.head, buckets }
    },

    async exerciseProgress (user: AuthUser, exerciseId: ObjectId, period: Period, formula: Formula, dateFrom?: string, dateTo?: string): Promise<Static<typeof ExerciseProgress>> {
      const exercise = await repo.findExercise(exerciseId)
      if (exercise === null || !canSee(user, exercise)) throw new NotFoundError('Exercise')
      const timezone = await repo.timezoneOf(user.id)
      const range = rangeOf(timezone, period, dateFrom, dateTo)
      const rows = await repo.exerciseDays(user.id, exerciseId, range.instants, timezone)
      const buckets = foldIntoBuckets(rows, (row) => row._id.day, range, period,
        () => ({ max_weight: null as number | null, best_e1rm: null as number | null, volume: 0, reps: 0, sets: 0 }),
        (bucket, { _id: { weight, reps }, sets }) => {
          if (weight !== null && weight > 0 && (bucket.max_weight === null || weight > bucket.max_weight)) bucket.max_weight = weight
          const e1rm = weight !== null && reps !== null ? estimateOneRepMax(formula, weight, reps) : null
          if (e1rm !== null && (bucket.best_e1rm === null || e1rm > bucket.best_e1rm)) bucket.best_e1rm = round2(e1rm)
          bucket.volume = round2(bucket.volume + setVolume(reps, weight) * sets)
          bucket.reps += (reps ?? 0) * sets
          bucket.sets += sets
        })
      return { exercise_id: exerciseId.toHexString(), formula, ...range.head, buckets }
    },

    async muscleGroups (user: AuthUser, period: Period, dateFrom?: string, dateTo?: string): Promise<Static<typeof MuscleGroups>> {
      const timezone = await repo.timezoneOf(user.id)
      const range = rangeOf(timezone, period, dateFrom, dateTo)
      const rows = await repo.exerciseVolumeDays(user.id, range.instants, timezone)
      const exercises = await names(user, [...new Set(rows.map((r) => r._id.exercise_id.toHexString()))])
      const buckets = foldIntoBuckets(rows, (row) => row._id.day, range, period,
        () => ({ muscles: new Map<string, { muscle: string, volume: number, sets: number }>() }),
        (bucket, row) => {
          // A set trains every primary muscle of its exercise fully; nothing is split.
          for (const muscle of exercises.get(row._id.exercise_id.toHexString())?.primary_muscles ?? []) {
            const entry = bucket.muscles.get(muscle) ?? { muscle, volume: 0, sets: 0 }
            entry.volume = round2(entry.volume + row.volume)
            entry.sets += row.sets
            bucket.muscles.set(muscle, entry)
          }
        })
      return {
        ...range.head,
        buckets: buckets.map(({ start, muscles }) => ({
          start,
          muscle_groups: [...muscles.values()].sort((a, b) => b.volume - a.volume || a.muscle.localeCompare(b.muscle))
        }))
      }
    }
  }
}
