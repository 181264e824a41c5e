import type { ExerciseAggregate, RepRecord } from './snapshot.js'
import { estimateOneRepMax, round2, type Formula } from './rules.js'

export interface Achievement { achieved_at: string, session_id: string }
export interface ExerciseRecords {
  heaviest_weight: (Achievement & { weight: number }) | null
  best_e1rm: (Achievement & { value: number, weight: number, reps: number }) | null
  most_reps: Array<Achievement & { weight: number, reps: number }>
  best_session_volume: (Achievement & { volume: number }) | null
}

const achieved = (at: Date, session: { toHexString: () => string }): Achievement =>
  ({ achieved_at: at.toISOString(), session_id: session.toHexString() })

/**
 * Personal records of one exercise from its aggregate. Both formulas grow with reps at a fixed
 * weight, so the best estimate is always found among the rep records (most reps per weight).
 * Ties go to the record set first. The heaviest weight dates from the first set at that weight.
 */
export function recordsOf (aggregate: ExerciseAggregate, formula: Formula): ExerciseRecords {
  let heaviest: RepRecord | undefined
  let best: { record: RepRecord, value: number } | undefined
  for (const record of aggregate.rep_records) {
    if (record.weight > 0 && (heaviest === undefined || record.weight > heaviest.weight)) heaviest = record
    const value = estimateOneRepMax(formula, record.weight, record.reps)
    if (value !== null && (best === undefined || value > best.value || (value === best.value && record.at < best.record.at))) {
      best = { record, value }
    }
  }
  const session = aggregate.best_session
  return {
    heaviest_weight: heaviest === undefined ? null : { weight: heaviest.weight, ...achieved(heaviest.first_at, heaviest.first_session_id) },
    best_e1rm: best === undefined
      ? null
      : { value: round2(best.value), weight: best.record.weight, reps: best.record.reps, ...achieved(best.record.at, best.record.session_id) },
    most_reps: aggregate.rep_records.map((r) => ({ weight: r.weight, reps: r.reps, ...achieved(r.at, r.session_id) })),
    best_session_volume: session === null || session.volume <= 0
      ? null
      : { volume: round2(session.volume), ...achieved(session.at, session.session_id) }
  }
}
