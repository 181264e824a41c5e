/** Pure training rules of the stats module: set volume and estimated one-rep max. */

export type Formula = 'epley' | 'brzycki'

/** Reps × weight; a set without both (cardio, holds, bodyweight without load) adds no volume. */
export function setVolume (reps: number | null, weight: number | null): number {
  return reps === null || weight === null ? 0 : reps * weight
}

/**
 * Epley: w × (1 + reps / 30). One rep is the lift itself (the raw formula would add 3.3 %).
 * Null when there is nothing to estimate from (no load or no rep).
 */
export function epley (weight: number, reps: number): number | null {
  if (!(weight > 0) || !(reps >= 1)) return null
  return reps === 1 ? weight : weight * (1 + reps / 30)
}

/**
 * Brzycki: w × 36 / (37 − reps). The formula diverges at 37 reps and is meaningless well before,
 * so sets of 37 reps or more give no estimate (null) rather than an absurd or negative one.
 */
export function brzycki (weight: number, reps: number): number | null {
  if (!(weight > 0) || !(reps >= 1) || reps >= 37) return null
  return weight * 36 / (37 - reps)
}

export function estimateOneRepMax (formula: Formula, weight: number, reps: number): number | null {
  return formula === 'brzycki' ? brzycki(weight, reps) : epley(weight, reps)
}

/** Figures are reported with two decimals; sums of kilograms do not need more. */
export const round2 = (value: number) => Math.round(value * 100) / 100
