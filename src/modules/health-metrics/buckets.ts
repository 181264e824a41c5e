import { addDays, addPeriods, bucketsBetween, daysBetween, MAX_BUCKETS, periodsBetween, startOfLocalDay } from '../stats/calendar.js'

/**
 * Series buckets in the user's time zone: local days, ISO weeks (Monday) or calendar months,
 * labelled by their first local day. Pure calendar work over stats/calendar.ts; the database
 * only sees the instants where buckets change.
 */
export type Interval = 'day' | 'week' | 'month'

/** Buckets shown when date_from is left out (the current one included). */
export const DEFAULT_BUCKETS: Record<Interval, number> = { day: 30, week: 12, month: 12 }

export type RangeProblem = { field: 'date_from', message: string }

/** The local-day range: date_to defaults to today, date_from to the start of the default bucket count back; at most MAX_BUCKETS buckets. */
export function seriesRange (interval: Interval, today: string, dateFrom?: string, dateTo?: string): { from: string, to: string } | RangeProblem {
  const to = dateTo ?? today
  const back = DEFAULT_BUCKETS[interval] - 1
  const from = dateFrom ?? (interval === 'day' ? addDays(to, -back) : addPeriods(to, interval, -back))
  if (from > to) return { field: 'date_from', message: 'must be on or before date_to' }
  if (bucketCount(interval, from, to) > MAX_BUCKETS) return { field: 'date_from', message: `must leave at most ${MAX_BUCKETS} ${interval} buckets up to date_to` }
  return { from, to }
}

const bucketCount = (interval: Interval, from: string, to: string) =>
  (interval === 'day' ? daysBetween(from, to) : periodsBetween(from, to, interval)) + 1

/** First local day of every bucket from the one holding `from` to the one holding `to` (a range seriesRange accepted). */
const starts = (interval: Interval, from: string, to: string): string[] =>
  interval === 'day' ? Array.from({ length: bucketCount('day', from, to) }, (_, i) => addDays(from, i)) : bucketsBetween(from, to, interval)

export interface SeriesBuckets {
  /** First local day of each bucket (a week or month cut by date_from still starts on its own first day). */
  labels: string[]
  /**
   * labels.length + 1 instants: bucket i holds [boundaries[i], boundaries[i + 1]). The first is the
   * start of date_from and the last the end of date_to, so a cut bucket counts only days in range.
   */
  boundaries: Date[]
}

export function seriesBuckets (interval: Interval, range: { from: string, to: string }, zone: string): SeriesBuckets {
  const labels = starts(interval, range.from, range.to)
  const boundaries = [
    startOfLocalDay(range.from, zone),
    ...labels.slice(1).map((day) => startOfLocalDay(day, zone)),
    startOfLocalDay(addDays(range.to, 1), zone)
  ]
  return { labels, boundaries }
}
