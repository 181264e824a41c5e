import type { Static } from '@sinclair/typebox'
import type { Cache } from '../../plugins/cache.js'
import { currentStats } from './cache.js'
import type { StatsRepository } from './repository.js'
import { round2 } from './rules.js'
import type { Summary } from './schemas.js'
import { statsScope } from './stats-scope.js'
import { streakRuns, type StreakRuns } from './streaks.js'
import { timezoneScope } from './timezones.js'

/**
 * Without the REDIS_URL store each replica keeps its own copy, which another replica's writes do
 * not invalidate: this bounds how long it may then lag (README, Several replicas).
 */
export const SUMMARY_TTL_SECONDS = 60

/**
 * The summary of a user's sessions as far as it does not depend on today (the current streak is
 * derived from `runs` at read time, so midnight needs no write) nor on exercise names (an exercise
 * can be renamed without any write to this user's data). Cached in the user's stats scope, which
 * every write that changes it bumps (stats-scope.ts), and the time-zone scope.
 */
export interface SummaryTotals extends Omit<Static<typeof Summary>, 'current_streak_days' | 'longest_streak_days' | 'favourite_exercises'> {
  runs: StreakRuns
  favourites: Array<{ exercise_id: string, sets: number }>
}

async function summaryTotals (repo: StatsRepository, userId: number, now: Date): Promise<SummaryTotals> {
  const { snapshot, totalSessions, timezone } = await currentStats(repo, userId, { now, without: ['exercises.rep_records'] })
  const { totals } = snapshot
  return {
    total_sessions: totalSessions,
    completed_sessions: totals.completed,
    total_duration_minutes: round2(totals.duration_minutes),
    total_volume: round2(totals.volume),
    total_sets: totals.sets,
    total_reps: totals.reps,
    last_workout_at: totals.last_workout_at?.toISOString() ?? null,
    timezone,
    runs: streakRuns(snapshot.days),
    // Top 5 by working sets, ties by id.
    favourites: snapshot.exercises
      .filter((e) => e.sets > 0)
      .map((e) => ({ exercise_id: e.exercise_id.toHexString(), sets: e.sets }))
      .sort((a, b) => b.sets - a.sets || a.exercise_id.localeCompare(b.exercise_id))
      .slice(0, 5)
  }
}

/** What the summary totals of a user are made of: their sessions and their time zone. */
export const summaryScopes = (userId: number) => [statsScope(userId), timezoneScope(userId)]

export function cachedSummaryTotals (repo: StatsRepository, cache: Cache, userId: number, now: Date): Promise<SummaryTotals> {
  const options = { scopes: summaryScopes(userId), ttlSeconds: SUMMARY_TTL_SECONDS }
  return cache.remember(`stats-summary:${userId}`, options, () => summaryTotals(repo, userId, now))
}
