import type { SessionDoc, SessionStatus } from '../documents.js'
import type { Visibility } from '../social/audience.js'

export type SessionAction = 'start' | 'complete' | 'cancel'

/** The session state machine: planned → in_progress → completed, and either open state → cancelled. */
export const TRANSITIONS: Readonly<Record<SessionAction, { from: readonly SessionStatus[], to: SessionStatus }>> = {
  start: { from: ['planned'], to: 'in_progress' },
  complete: { from: ['in_progress'], to: 'completed' },
  cancel: { from: ['planned', 'in_progress'], to: 'cancelled' }
}

/** The next status, or null when the action is not allowed from `status`. */
export function nextStatus (status: SessionStatus, action: SessionAction): SessionStatus | null {
  const transition = TRANSITIONS[action]
  return transition.from.includes(status) ? transition.to : null
}

/** Why an action is refused, naming the current state (the 409 message). */
export function refusal (status: SessionStatus, action: SessionAction): string {
  const allowed = TRANSITIONS[action].from.join(' or ')
  return `Cannot ${action} a session that is ${status.replace('_', ' ')}; it must be ${allowed.replace('_', ' ')}`
}

/** Completed and cancelled sessions are history: their logs may not be added, changed or deleted. */
export const isClosed = (status: SessionStatus) => status === 'completed' || status === 'cancelled'

/** Whole minutes between start and end, rounded; never negative (clock skew). */
export function durationMinutes (start: Date, end: Date): number {
  return Math.max(0, Math.round((end.getTime() - start.getTime()) / 60_000))
}

/** The timestamp the date filters use: when it started, else when it is planned for, else when it was created. */
export function sessionDate (session: { start_time: Date | null, scheduled_for: Date | null, created_at: Date }): Date {
  return session.start_time ?? session.scheduled_for ?? session.created_at
}

export interface SessionTotals { total_volume: number, total_sets: number, total_reps: number }

/**
 * The one definition of a session's totals, as an aggregation over its logs so the database does
 * the work: warm-up sets do not count; a set's volume is reps × weight (a missing value counts 0).
 */
export const totalsPipeline = (match: Record<string, unknown>) => [
  { $match: { ...match, is_warmup: { $ne: true } } },
  {
    $group: {
      _id: null,
      total_sets: { $sum: 1 },
      total_reps: { $sum: { $ifNull: ['$reps', 0] } },
      total_volume: { $sum: { $multiply: [{ $ifNull: ['$reps', 0] }, { $ifNull: ['$weight', 0] }] } }
    }
  }
]

/** Totals from the pipeline's single group (none when the session has no working sets); volume to 0.01 kg. */
export function totalsFrom (group: Partial<SessionTotals> | undefined): SessionTotals {
  return {
    total_volume: Math.round((group?.total_volume ?? 0) * 100) / 100,
    total_sets: group?.total_sets ?? 0,
    total_reps: group?.total_reps ?? 0
  }
}

export interface NewSessionFields {
  user_id: number
  workout_id: SessionDoc['workout_id']
  name: string
  status: SessionStatus
  scheduled_for: Date | null
  start_time: Date | null
  notes: string
  visibility: Visibility
  now: Date
}

/** The one shape a session is stored in when it is created (by a user or by a program assignment). */
export function newSessionDoc ({ now, ...fields }: NewSessionFields): Omit<SessionDoc, '_id'> {
  return {
    ...fields,
    end_time: null,
    session_date: sessionDate({ start_time: fields.start_time, scheduled_for: fields.scheduled_for, created_at: now }),
    actual_duration_minutes: null,
    rating: null,
    calories_burned: null,
    total_volume: 0,
    total_sets: 0,
    total_reps: 0,
    set_counters: {},
    like_count: 0,
    comment_count: 0,
    created_at: now,
    updated_at: now
  }
}
