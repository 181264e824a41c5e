import type { Db, Document } from 'mongodb'
import { round2 } from '../stats/rules.js'
import { COLLECTIONS } from '../documents.js'
import type { SeriesBuckets } from './buckets.js'
import type { Series } from './schemas.js'

type Bucket = Series['buckets'][number]
type Figures = Pick<Bucket, 'min' | 'max' | 'avg' | 'last'>

interface Row { _id: Date, count: number, min: number, max: number, sum: number, last: number, dmin?: number, dmax?: number, dsum?: number, dlast?: number }

/**
 * The database does the bucketing: the leading $match is a range on the (user_id, type,
 * measured_at) index and $bucket groups by the instants where the user's local days, weeks or
 * months change (computed in buckets.ts, so DST is exact and no date is formatted per point).
 * `last` is $bottom by measured_at (ties by _id) rather than $sort + $last, so nothing sorts the
 * whole range. No $project: MongoDB reads only the fields a pipeline uses anyway, and on the
 * embedded store the stage costs a pass of its own (docs/health-metrics.md, Performance).
 */
export function seriesPipeline (userId: number, type: string, source: string | undefined, boundaries: readonly Date[], diastolic: boolean): Document[] {
  const lastOf = (field: string) => ({ $bottom: { sortBy: { measured_at: 1, _id: 1 }, output: `$${field}` } })
  const output: Document = {
    count: { $sum: 1 }, min: { $min: '$value' }, max: { $max: '$value' }, sum: { $sum: '$value' }, last: lastOf('value')
  }
  if (diastolic) Object.assign(output, { dmin: { $min: '$diastolic' }, dmax: { $max: '$diastolic' }, dsum: { $sum: '$diastolic' }, dlast: lastOf('diastolic') })
  return [
    { $match: { user_id: userId, type, ...(source !== undefined ? { source } : {}), measured_at: { $gte: boundaries[0], $lt: boundaries[boundaries.length - 1] } } },
    { $bucket: { groupBy: '$measured_at', boundaries: [...boundaries], output } }
  ]
}

const EMPTY: Figures = { min: null, max: null, avg: null, last: null }

/** Every bucket, empty ones included (count 0, figures null). */
export function bucketsFrom (rows: readonly Row[], buckets: SeriesBuckets, diastolic: boolean): Bucket[] {
  const byStart = new Map(rows.map((row) => [new Date(row._id).getTime(), row]))
  return buckets.labels.map((start, i) => {
    const row = byStart.get(buckets.boundaries[i].getTime())
    // MongoDB leaves empty buckets out; the embedded store lists them with count 0.
    if (row === undefined || row.count === 0) return { start, count: 0, ...EMPTY, ...(diastolic ? { diastolic: EMPTY } : {}) }
    const figures: Bucket = { start, count: row.count, min: row.min, max: row.max, avg: round2(row.sum / row.count), last: row.last }
    if (diastolic) figures.diastolic = { min: row.dmin ?? null, max: row.dmax ?? null, avg: row.dsum === undefined ? null : round2(row.dsum / row.count), last: row.dlast ?? null }
    return figures
  })
}

export async function seriesRows (db: Db, userId: number, type: string, source: string | undefined, buckets: SeriesBuckets, diastolic: boolean): Promise<Row[]> {
  return await db.collection(COLLECTIONS.healthMetrics).aggregate<Row>(seriesPipeline(userId, type, source, buckets.boundaries, diastolic)).toArray()
}
