import { addPeriods, bucketStart, bucketsBetween, type Period } from './calendar.js'

/** The longest range a period endpoint aggregates, in years (at most 261 weeks or 61 months). */
export const MAX_RANGE_YEARS = 5
/** Buckets shown when no date_from is given (the current one included). */
export const DEFAULT_BUCKETS = 12

export type RangeProblem = { field: 'date_from' | 'date_to', message: string }

/**
 * The local-day range of a period query: date_to defaults to today, date_from to the start of
 * the 12th bucket back. A problem is returned, not thrown, so the route decides how to answer.
 */
export function resolveRange (period: Period, today: string, dateFrom?: string, dateTo?: string): { from: string, to: string } | RangeProblem {
  const to = dateTo ?? today
  const from = dateFrom ?? addPeriods(to, period, -(DEFAULT_BUCKETS - 1))
  if (from > to) return { field: 'date_from', message: 'must be on or before date_to' }
  const limit = `${String(Number(to.slice(0, 4)) - MAX_RANGE_YEARS).padStart(4, '0')}${to.slice(4)}`
  if (from <= limit) return { field: 'date_from', message: 'must be at most 5 years before date_to' }
  return { from, to }
}

/**
 * Folds per-day rows into one entry per bucket between `from` and `to`, empty buckets included
 * (each starts from `empty()`); `add` accumulates a row into its bucket.
 */
export function foldIntoBuckets<Row, Bucket> (
  rows: readonly Row[],
  dayOf: (row: Row) => string,
  range: { from: string, to: string },
  period: Period,
  empty: () => Bucket,
  add: (bucket: Bucket, row: Row) => void
): Array<{ start: string } & Bucket> {
  const buckets = new Map(bucketsBetween(range.from, range.to, period).map((start) => [start, { start, ...empty() }]))
  for (const row of rows) {
    const bucket = buckets.get(bucketStart(dayOf(row), period))
    if (bucket !== undefined) add(bucket, row)
  }
  return [...buckets.values()]
}
