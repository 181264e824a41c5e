import type { Db } from 'mongodb'
import { COLLECTIONS, type GoalDoc, type HealthMetricDoc, type LogDoc, type SessionDoc } from '../documents.js'
import { createProfileRepository } from '../auth/profile-repository.js'
import { createStatsRepository } from '../stats/repository.js'
import { estimateOneRepMax, round2 } from '../stats/rules.js'
import type { Week } from './rules.js'

/**
 * The figures goals are measured against, from the user's own data. Like the stats module, only
 * completed sessions and their working sets count.
 */
export function createMeasurements (db: Db) {
  const sessions = db.collection<SessionDoc>(COLLECTIONS.sessions)
  const logs = db.collection<LogDoc>(COLLECTIONS.logs)
  const metrics = db.collection<HealthMetricDoc>(COLLECTIONS.healthMetrics) // the health-metrics module's points, read only
  const profiles = createProfileRepository(db)
  const stats = createStatsRepository(db)

  return {
    timezoneOf: (userId: number) => stats.timezoneOf(userId),

    /** Sessions completed in the week (by end_time, user_status_end_time index) and their total volume. */
    async week (userId: number, week: Week): Promise<{ sessions: number, volume: number }> {
      const done = await sessions.find(
        { user_id: userId, status: 'completed', end_time: { $gte: week.from, $lt: week.to } },
        { projection: { total_volume: 1 } }
      ).toArray()
      return { sessions: done.length, volume: round2(done.reduce((sum, session) => sum + (session.total_volume ?? 0), 0)) }
    },

    /** The heaviest working set of the exercise, or its best Epley e1RM; null when never lifted with load. */
    async liftBest (userId: number, goal: Pick<GoalDoc, 'exercise_id' | 'lift_measure'>): Promise<number | null> {
      if (goal.exercise_id === null) return null
      // Most reps per weight is all either measure needs (e1RM grows with reps at a fixed weight).
      const rows = await logs.aggregate<{ _id: number, reps: number }>([
        { $match: { user_id: userId, exercise_id: goal.exercise_id, session_completed_at: { $ne: null }, is_warmup: false, weight: { $gt: 0 }, reps: { $gte: 1 } } },
        { $group: { _id: '$weight', reps: { $max: '$reps' } } }
      ]).toArray()
      let best: number | null = null
      for (const row of rows) {
        const value = goal.lift_measure === 'e1rm' ? estimateOneRepMax('epley', row._id, row.reps) : row._id
        if (value !== null && (best === null || value > best)) best = value
      }
      return best === null ? null : round2(best)
    },

    /** The latest body-weight metric, else the profile's weight, else null. */
    async bodyWeight (userId: number): Promise<number | null> {
      const [latest] = await metrics.find({ user_id: userId, type: 'body_weight' }).sort({ measured_at: -1 }).limit(1).toArray()
      if (latest !== undefined && typeof latest.value === 'number') return latest.value
      return (await profiles.find(userId))?.weight ?? null
    }
  }
}

export type Measurements = ReturnType<typeof createMeasurements>
