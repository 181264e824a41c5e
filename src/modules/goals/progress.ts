import type { GoalDoc } from '../documents.js'
import { localDate } from '../stats/calendar.js'
import type { Measurements } from './measurements.js'
import type { GoalRepository } from './repository.js'
import { isMet, isWeekly, percentOf, statusOf, weekOf, type Week } from './rules.js'
import type { Goal } from './schemas.js'

/** The caller's clock, read once per request: now, their zone, today and this week there. */
export interface Clock { now: Date, zone: string, today: string, week: Week }

export function createProgress (goals: GoalRepository, measure: Measurements) {
  async function currentOf (goal: GoalDoc, clock: Clock): Promise<number | null> {
    switch (goal.type) {
      case 'sessions_per_week': return (await measure.week(goal.user_id, clock.week)).sessions
      case 'volume_per_week': return (await measure.week(goal.user_id, clock.week)).volume
      case 'lift': return await measure.liftBest(goal.user_id, goal)
      case 'body_weight': return await measure.bodyWeight(goal.user_id)
    }
  }

  return {
    async clockOf (userId: number): Promise<Clock> {
      const now = new Date()
      const zone = await measure.timezoneOf(userId)
      return { now, zone, today: localDate(now, zone), week: weekOf(now, zone) }
    },

    /**
     * The goal as the API shows it, progress computed now. A non-weekly goal found met while
     * active gets achieved_at (once; concurrent reads all answer the instant that was stored).
     */
    async view (goal: GoalDoc, clock: Clock): Promise<Goal> {
      const current = await currentOf(goal, clock)
      const met = isMet(goal, current)
      let achievedAt = goal.achieved_at
      if (met && !isWeekly(goal.type) && statusOf(goal, clock.today) === 'active') {
        achievedAt = await goals.achieve(goal, clock.now)
      }
      const shown = { ...goal, achieved_at: achievedAt }
      return {
        id: goal._id.toHexString(),
        type: goal.type,
        target: goal.target,
        exercise_id: goal.exercise_id?.toHexString() ?? null,
        measure: goal.lift_measure,
        direction: goal.direction,
        start_value: goal.start_value,
        deadline: goal.deadline,
        status: statusOf(shown, clock.today),
        achieved_at: achievedAt?.toISOString() ?? null,
        progress: {
          current,
          target: goal.target,
          percent: percentOf(goal, current),
          met,
          week: isWeekly(goal.type) ? { start: clock.week.start, end: clock.week.end } : null
        },
        created_at: goal.created_at.toISOString(),
        updated_at: goal.updated_at.toISOString()
      }
    }
  }
}
