import type { Document, ObjectId } from 'mongodb'
import type { OffsetSegment } from './calendar.js'

/**
 * Aggregation pipelines of the stats module, as plain data (valid MongoDB 7, and within what the
 * embedded store's mingo runs). Each starts with a $match on the leading fields of an index
 * declared in repository.ts, so neither store reads more than the caller's slice.
 */

/** A half-open or closed instant range for the leading $match. */
export interface Range { after?: Date, from?: Date, until?: Date, before?: Date }

function bounds (range: Range): Document {
  const b: Document = {}
  if (range.after !== undefined) b.$gt = range.after
  if (range.from !== undefined) b.$gte = range.from
  if (range.until !== undefined) b.$lte = range.until
  if (range.before !== undefined) b.$lt = range.before
  // Null (not yet completed) never matches a range; this keeps an unbounded range index-friendly.
  if (Object.keys(b).length === 0) b.$gte = new Date(0)
  return b
}

/**
 * The local day of `$field` as 'YYYY-MM-DD': the instant shifted by the zone's offset (a balanced
 * $cond tree over the DST segments), formatted in UTC. Same answer as naming the zone in
 * $dateToString on MongoDB, and ten times cheaper on the embedded store.
 */
export function localDay (field: string, segments: readonly OffsetSegment[]): Document {
  const offset = (lo: number, hi: number): unknown => {
    if (hi - lo === 1) return segments[lo].offset
    const mid = (lo + hi) >> 1
    return { $cond: [{ $lt: [`$${field}`, new Date(segments[mid].start)] }, offset(lo, mid), offset(mid, hi)] }
  }
  const shifted = segments.length === 1 && segments[0].offset === 0 ? `$${field}` : { $add: [`$${field}`, offset(0, segments.length)] }
  return { $dateToString: { format: '%Y-%m-%d', date: shifted } }
}

const volume = { $multiply: [{ $ifNull: ['$weight', 0] }, { $ifNull: ['$reps', 0] }] }

/** Completed sessions per local day: count, duration and the totals stored at completion. */
export function sessionDays (userId: number, range: Range, zone: readonly OffsetSegment[]): Document[] {
  return [
    { $match: { user_id: userId, status: 'completed', end_time: bounds(range) } },
    {
      $group: {
        _id: localDay('end_time', zone),
        sessions: { $sum: 1 },
        duration_minutes: { $sum: { $ifNull: ['$actual_duration_minutes', 0] } },
        volume: { $sum: { $ifNull: ['$total_volume', 0] } },
        sets: { $sum: { $ifNull: ['$total_sets', 0] } },
        reps: { $sum: { $ifNull: ['$total_reps', 0] } },
        last: { $max: '$end_time' }
      }
    }
  ]
}

const workLogs = (userId: number, range: Range, exerciseId?: ObjectId): Document => ({
  $match: {
    user_id: userId,
    ...(exerciseId !== undefined ? { exercise_id: exerciseId } : {}),
    session_completed_at: bounds(range),
    is_warmup: false
  }
})

/**
 * Working sets per exercise and (weight, reps) pair, with the first session it happened in —
 * everything the per-exercise totals and rep records need, a few hundred rows per exercise.
 */
export function setShapes (userId: number, range: Range): Document[] {
  return [
    workLogs(userId, range),
    // Index order on MongoDB; ties (one session's sets) share the date and session.
    { $sort: { session_completed_at: 1 } },
    {
      $group: {
        _id: { exercise_id: '$exercise_id', weight: '$weight', reps: '$reps' },
        sets: { $sum: 1 },
        at: { $first: '$session_completed_at' },
        session_id: { $first: '$workout_session_id' },
        last: { $max: '$session_completed_at' }
      }
    }
  ]
}

/** Each exercise's biggest single-session volume (earliest session wins a tie). */
export function bestSessionVolumes (userId: number, range: Range): Document[] {
  return [
    workLogs(userId, range),
    {
      $group: {
        _id: { exercise_id: '$exercise_id', session_id: '$workout_session_id' },
        volume: { $sum: volume },
        at: { $max: '$session_completed_at' }
      }
    },
    { $sort: { volume: -1, at: 1, '_id.session_id': 1 } },
    {
      $group: {
        _id: '$_id.exercise_id',
        volume: { $first: '$volume' },
        at: { $first: '$at' },
        session_id: { $first: '$_id.session_id' }
      }
    }
  ]
}

/** One exercise's working sets per local day and (weight, reps) pair. */
export function exerciseDays (userId: number, exerciseId: ObjectId, range: Range, zone: readonly OffsetSegment[]): Document[] {
  return [
    workLogs(userId, range, exerciseId),
    { $group: { _id: { day: localDay('session_completed_at', zone), weight: '$weight', reps: '$reps' }, sets: { $sum: 1 } } }
  ]
}

/** Working sets and volume per local day and exercise (muscle groups are joined in the process). */
export function exerciseVolumeDays (userId: number, range: Range, zone: readonly OffsetSegment[]): Document[] {
  return [
    workLogs(userId, range),
    {
      $group: {
        _id: { day: localDay('session_completed_at', zone), exercise_id: '$exercise_id' },
        sets: { $sum: 1 },
        volume: { $sum: volume }
      }
    }
  ]
}
