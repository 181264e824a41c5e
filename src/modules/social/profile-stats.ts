import type { Db } from 'mongodb'
import type { Cache } from '../../plugins/cache.js'
import { statsScope } from '../stats/stats-scope.js'
import { daysBetween, localDate } from '../stats/calendar.js'
import { currentStats } from '../stats/cache.js'
import { createStatsRepository } from '../stats/repository.js'
import { round2 } from '../stats/rules.js'
import { streaks } from '../stats/streaks.js'

/** Profile stats are cached for an hour (the TTL for profiles), invalidated on every write that changes them. */
export const PROFILE_STATS_TTL_SECONDS = 3600

export interface ProfileStats {
  completed_workouts: number
  current_streak_days: number
  last_workout_at: string | null
  total_volume: number
}

/**
 * What is cached: everything but the current streak, which depends on today. The run of training
 * days that ends on the last one is stored, so the streak is still right after midnight without a write.
 */
interface CachedStats {
  completed_workouts: number
  total_volume: number
  last_workout_at: string | null
  last_day: string | null
  last_run_days: number
  timezone: string
}

/** The public stats of a profile: the stats module's snapshot (summary and streak code reused), cached per user. */
export function createProfileStats (db: Db, cache: Cache) {
  const repo = createStatsRepository(db)

  async function compute (userId: number): Promise<CachedStats> {
    const { snapshot, timezone } = await currentStats(repo, userId, { without: ['exercises.rep_records'] })
    const lastDay = snapshot.days.at(-1) ?? null
    return {
      completed_workouts: snapshot.totals.completed,
      total_volume: round2(snapshot.totals.volume),
      last_workout_at: snapshot.totals.last_workout_at?.toISOString() ?? null,
      last_day: lastDay,
      last_run_days: lastDay === null ? 0 : streaks(snapshot.days, lastDay).current,
      timezone
    }
  }

  return async function profileStats (userId: number, now = new Date()): Promise<ProfileStats> {
    const cached = await cache.remember(`profile-stats:${userId}`, { scopes: [statsScope(userId)], ttlSeconds: PROFILE_STATS_TTL_SECONDS }, () => compute(userId))
    const { last_day: lastDay, last_run_days: run, timezone, ...shown } = cached
    const alive = lastDay !== null && daysBetween(lastDay, localDate(now, timezone)) <= 1
    return { ...shown, current_streak_days: alive ? run : 0 }
  }
}
