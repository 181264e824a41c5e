/** Pure rules of goals: which fields each type takes, target ranges, progress, status. */
import { FieldError } from '../../errors.js'
import type { GoalDoc, GoalType } from '../documents.js'
import { addDays, localDate, startOfLocalDay, weekStart } from '../stats/calendar.js'
import { round2 } from '../stats/rules.js'
import type { GoalStatus } from './schemas.js'

export const TARGET_RANGES: Record<GoalType, { min: number, max: number, integer: boolean }> = {
  sessions_per_week: { min: 1, max: 21, integer: true },
  volume_per_week: { min: 1, max: 10_000_000, integer: false },
  lift: { min: 0.5, max: 1000, integer: false },
  body_weight: { min: 20, max: 500, integer: false }
}

export const isWeekly = (type: GoalType) => type === 'sessions_per_week' || type === 'volume_per_week'

/** The fields that decide what a goal measures; the schema has already checked their shapes. */
export interface GoalShape {
  type: GoalType
  target: number
  exercise_id?: string | null
  measure?: 'weight' | 'e1rm' | null
  direction?: 'lose' | 'gain' | null
}

/** 400 on the first field that does not fit the goal's type (prefix: 'body'). */
export function assertShape (goal: GoalShape): void {
  const range = TARGET_RANGES[goal.type]
  if (goal.target < range.min || goal.target > range.max) throw new FieldError('body/target', `must be between ${range.min} and ${range.max} for ${goal.type}`)
  if (range.integer && !Number.isInteger(goal.target)) throw new FieldError('body/target', `must be a whole number for ${goal.type}`)
  const lift = goal.type === 'lift'
  if (lift && goal.exercise_id == null) throw new FieldError('body/exercise_id', 'is required for lift goals')
  if (!lift && goal.exercise_id != null) throw new FieldError('body/exercise_id', 'is only for lift goals')
  if (!lift && goal.measure != null) throw new FieldError('body/measure', 'is only for lift goals')
  if (goal.type !== 'body_weight' && goal.direction != null) throw new FieldError('body/direction', 'is only for body_weight goals')
}

/** lose when the target is below the starting weight, else gain; gain without a starting weight. */
export const deriveDirection = (target: number, start: number | null): 'lose' | 'gain' =>
  start !== null && target < start ? 'lose' : 'gain'

export interface Week { start: string, end: string, from: Date, to: Date }

/** The ISO week (Monday to Sunday) holding `now` in the zone, with its instants [from, to). */
export function weekOf (now: Date, zone: string): Week {
  const start = weekStart(localDate(now, zone))
  const next = addDays(start, 7)
  return { start, end: addDays(start, 6), from: startOfLocalDay(start, zone), to: startOfLocalDay(next, zone) }
}

export function isMet (goal: Pick<GoalDoc, 'type' | 'target' | 'direction'>, current: number | null): boolean {
  if (current === null) return false
  return goal.type === 'body_weight' && goal.direction === 'lose' ? current <= goal.target : current >= goal.target
}

const clampPercent = (value: number) => round2(Math.min(100, Math.max(0, value)))

/** Share of the way to the target: from 0 up (counts, volumes, lifts) or from the starting weight (body weight). */
export function percentOf (goal: Pick<GoalDoc, 'type' | 'target' | 'direction' | 'start_value'>, current: number | null): number {
  if (current === null) return 0
  if (isMet(goal, current)) return 100
  if (goal.type !== 'body_weight') return clampPercent(current / goal.target * 100)
  const start = goal.start_value
  if (start === null || start === goal.target) return 0
  return clampPercent((start - current) / (start - goal.target) * 100)
}

/** achieved once achieved_at is set; expired when not achieved and the deadline (a local day) has passed. */
export function statusOf (goal: Pick<GoalDoc, 'achieved_at' | 'deadline'>, today: string): GoalStatus {
  if (goal.achieved_at !== null) return 'achieved'
  return goal.deadline !== null && goal.deadline < today ? 'expired' : 'active'
}
