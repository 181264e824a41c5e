import type { ObjectId } from 'mongodb'
import { setVolume } from './rules.js'

/**
 * A user's completed training folded into a small document: session totals, training days and
 * per-exercise aggregates. Built from pipeline rows and merged with newer rows — pure, so the
 * incremental cache and a rebuild from scratch give the same answer by construction.
 */
export interface RepRecord {
  weight: number // 0 = no load (bodyweight)
  reps: number // most reps ever done at this weight
  at: Date // when that many reps were first done
  session_id: ObjectId
  first_at: Date // when this weight was first lifted at all
  first_session_id: ObjectId
}
export interface SessionBest { volume: number, at: Date, session_id: ObjectId }
export interface ExerciseAggregate {
  exercise_id: ObjectId
  sets: number
  reps: number
  volume: number
  rep_records: RepRecord[] // ascending weight
  best_session: SessionBest | null
}
export interface SessionTotals {
  completed: number
  duration_minutes: number
  volume: number
  sets: number
  reps: number
  last_workout_at: Date | null
}
export interface Snapshot { totals: SessionTotals, days: string[], exercises: ExerciseAggregate[] }

export interface SessionDayRow { _id: string, sessions: number, duration_minutes: number, volume: number, sets: number, reps: number, last: Date }
export interface SetShapeRow { _id: { exercise_id: ObjectId, weight: number | null, reps: number | null }, sets: number, at: Date, session_id: ObjectId, last: Date }
export interface BestSessionRow { _id: ObjectId, volume: number, at: Date, session_id: ObjectId }

export const emptySnapshot = (): Snapshot => ({
  totals: { completed: 0, duration_minutes: 0, volume: 0, sets: 0, reps: 0, last_workout_at: null },
  days: [],
  exercises: []
})

const later = (a: Date | null, b: Date | null) => a === null ? b : b === null ? a : (a >= b ? a : b)

function totalsOf (rows: readonly SessionDayRow[]): SessionTotals {
  const totals = emptySnapshot().totals
  for (const row of rows) {
    totals.completed += row.sessions
    totals.duration_minutes += row.duration_minutes
    totals.volume += row.volume
    totals.sets += row.sets
    totals.reps += row.reps
    totals.last_workout_at = later(totals.last_workout_at, row.last)
  }
  return totals
}

/** Keeps the better of two records at one weight: more reps, else the earlier one. */
function betterRecord (a: RepRecord, b: RepRecord): RepRecord {
  const [best, other] = b.reps > a.reps || (b.reps === a.reps && b.at < a.at) ? [b, a] : [a, b]
  const first = other.first_at < best.first_at ? other : best
  return { ...best, first_at: first.first_at, first_session_id: first.first_session_id }
}

function betterSession (a: SessionBest | null, b: SessionBest | null): SessionBest | null {
  if (a === null || b === null) return a ?? b
  return b.volume > a.volume || (b.volume === a.volume && b.at < a.at) ? b : a
}

function mergeExercise (a: ExerciseAggregate, b: ExerciseAggregate): ExerciseAggregate {
  const byWeight = new Map(a.rep_records.map((r) => [r.weight, r]))
  for (const record of b.rep_records) {
    const existing = byWeight.get(record.weight)
    byWeight.set(record.weight, existing === undefined ? record : betterRecord(existing, record))
  }
  return {
    exercise_id: a.exercise_id,
    sets: a.sets + b.sets,
    reps: a.reps + b.reps,
    volume: a.volume + b.volume,
    rep_records: [...byWeight.values()].sort((x, y) => x.weight - y.weight),
    best_session: betterSession(a.best_session, b.best_session)
  }
}

function exercisesOf (shapes: readonly SetShapeRow[], bests: readonly BestSessionRow[]): ExerciseAggregate[] {
  const byExercise = new Map<string, ExerciseAggregate>()
  const add = (aggregate: ExerciseAggregate) => {
    const key = aggregate.exercise_id.toHexString()
    const existing = byExercise.get(key)
    byExercise.set(key, existing === undefined ? aggregate : mergeExercise(existing, aggregate))
  }
  for (const { _id: { exercise_id: exerciseId, weight, reps }, sets, at, session_id: sessionId } of shapes) {
    const record = reps !== null && reps >= 1
      ? [{ weight: weight ?? 0, reps, at, session_id: sessionId, first_at: at, first_session_id: sessionId }]
      : []
    add({ exercise_id: exerciseId, sets, reps: (reps ?? 0) * sets, volume: setVolume(reps, weight) * sets, rep_records: record, best_session: null })
  }
  for (const { _id, volume, at, session_id: sessionId } of bests) {
    add({ exercise_id: _id, sets: 0, reps: 0, volume: 0, rep_records: [], best_session: { volume, at, session_id: sessionId } })
  }
  return [...byExercise.values()]
}

/** A snapshot of one slice of history from its pipeline rows. */
export function snapshotOf (days: readonly SessionDayRow[], shapes: readonly SetShapeRow[], bests: readonly BestSessionRow[]): Snapshot {
  return {
    totals: totalsOf(days),
    days: days.map((row) => row._id).sort(),
    exercises: exercisesOf(shapes, bests)
  }
}

/** Two snapshots of disjoint slices of history as one. */
export function mergeSnapshots (a: Snapshot, b: Snapshot): Snapshot {
  const exercises = new Map(a.exercises.map((e) => [e.exercise_id.toHexString(), e]))
  for (const e of b.exercises) {
    const key = e.exercise_id.toHexString()
    const existing = exercises.get(key)
    exercises.set(key, existing === undefined ? e : mergeExercise(existing, e))
  }
  return {
    totals: {
      completed: a.totals.completed + b.totals.completed,
      duration_minutes: a.totals.duration_minutes + b.totals.duration_minutes,
      volume: a.totals.volume + b.totals.volume,
      sets: a.totals.sets + b.totals.sets,
      reps: a.totals.reps + b.totals.reps,
      last_workout_at: later(a.totals.last_workout_at, b.totals.last_workout_at)
    },
    days: [...new Set([...a.days, ...b.days])].sort(),
    exercises: [...exercises.values()]
  }
}
