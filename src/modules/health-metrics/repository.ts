import type { AnyBulkWriteOperation, Db, Filter, UpdateFilter } from 'mongodb'
import { COLLECTIONS, type HealthMetricDoc } from '../documents.js'
import { findPage, isDuplicateKey, oid, sortFrom } from '../../lib/mongo.js'
import { dateRange } from '../../lib/date-range.js'
import type { IndexDeclaration } from '../../lib/mongo-indexes.js'
import { DuplicateError } from '../../errors.js'
import type { HealthMetric, MetricQuery } from './schemas.js'
import { nextUpdatedAt, stillAt, type WriteVersion } from '../../lib/versioned-write.js'

/**
 * Every query starts with user_id. The unique key is a point's identity (a device re-sync updates
 * instead of duplicating); the others serve the list's filters and orderings, the series
 * (user, type, measured_at range) and the latest point per type.
 */
export const healthMetricIndexes: IndexDeclaration[] = [
  { collection: COLLECTIONS.healthMetrics, key: { user_id: 1, type: 1, source: 1, measured_at: 1 }, options: { name: 'user_type_source_measured_unique', unique: true } },
  { collection: COLLECTIONS.healthMetrics, key: { user_id: 1, type: 1, measured_at: -1 }, options: { name: 'user_type_measured' } },
  { collection: COLLECTIONS.healthMetrics, key: { user_id: 1, measured_at: -1 }, options: { name: 'user_measured' } },
  { collection: COLLECTIONS.healthMetrics, key: { user_id: 1, source: 1, measured_at: -1 }, options: { name: 'user_source_measured' } },
  { collection: COLLECTIONS.healthMetrics, key: { user_id: 1, created_at: -1 }, options: { name: 'user_created' } },
  { collection: COLLECTIONS.healthMetrics, key: { user_id: 1, type: 1, value: -1 }, options: { name: 'user_type_value' } }
]

export function toMetric (doc: HealthMetricDoc): HealthMetric {
  return {
    id: doc._id.toHexString(),
    user_id: doc.user_id,
    type: doc.type,
    value: doc.value,
    diastolic: doc.diastolic ?? null,
    unit: doc.unit,
    measured_at: doc.measured_at.toISOString(),
    source: doc.source,
    notes: doc.notes,
    created_at: doc.created_at.toISOString(),
    updated_at: doc.updated_at.toISOString()
  }
}

/** A point ready to store: checked, unit resolved, measured_at parsed. */
export interface PointInput {
  type: string
  value: number
  unit: string
  diastolic: number | null
  measured_at: Date
  source: string
  /** Undefined keeps the stored notes when the point exists (a device re-sync does not wipe them). */
  notes: string | undefined
}

/** diastolic null removes it (PATCH of a point that is not blood pressure; rules.ts refuses any other use). */
export type MetricChanges = Partial<Pick<HealthMetricDoc, 'value' | 'unit' | 'measured_at' | 'source' | 'notes'>> & { diastolic?: number | null }

const keyOf = (userId: number, point: PointInput): Filter<HealthMetricDoc> =>
  ({ user_id: userId, type: point.type, source: point.source, measured_at: point.measured_at })

function upsertOf (point: PointInput, now: Date): UpdateFilter<HealthMetricDoc> {
  // diastolic exists only on blood pressure points (documents.ts).
  const set: Partial<HealthMetricDoc> = { value: point.value, unit: point.unit, updated_at: now, ...(point.diastolic !== null ? { diastolic: point.diastolic } : {}) }
  if (point.notes !== undefined) set.notes = point.notes
  return { $set: set, $setOnInsert: { created_at: now, ...(point.notes === undefined ? { notes: '' } : {}) } }
}

/**
 * Runs an upsert again once when it lost a race on the unique key: MongoDB may let two concurrent
 * upserts of one new key both try to insert; the loser's retry finds the winner's point and updates it.
 */
async function retryingDuplicate<T> (write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
    return await write()
  }
}

export function createHealthMetricRepository (db: Db) {
  const metrics = db.collection<HealthMetricDoc>(COLLECTIONS.healthMetrics)

  return {
    /** Creates the point, or updates the one with the same (user, type, source, measured_at). */
    async upsert (userId: number, point: PointInput): Promise<{ metric: HealthMetric, created: boolean }> {
      const result = await retryingDuplicate(() => metrics.findOneAndUpdate(keyOf(userId, point), upsertOf(point, new Date()), {
        upsert: true, returnDocument: 'after', includeResultMetadata: true
      }))
      return { metric: toMetric(result.value!), created: result.lastErrorObject?.updatedExisting !== true }
    },

    /**
     * One ordered bulkWrite of upserts keyed on the unique index. All or nothing without
     * transactions: every point was checked before this call, so what can still fail is the
     * connection or the server; a failure then leaves a prefix of the points written, each exactly
     * as the request describes it, and sending the same request again converges on the whole batch
     * (an upsert of an existing key rewrites it with the same fields; nothing is duplicated).
     * Points must have distinct keys (rules.ts lastOfEachKey).
     */
    async bulkUpsert (userId: number, points: readonly PointInput[]): Promise<{ created: number, updated: number }> {
      const now = new Date()
      const operations: Array<AnyBulkWriteOperation<HealthMetricDoc>> = points.map((point) => ({
        updateOne: { filter: keyOf(userId, point), update: upsertOf(point, now), upsert: true }
      }))
      const result = await retryingDuplicate(() => metrics.bulkWrite(operations, { ordered: true }))
      return { created: result.upsertedCount, updated: result.matchedCount }
    },

    async findById (id: string): Promise<HealthMetric | null> {
      const doc = await metrics.findOne({ _id: oid(id) })
      return doc ? toMetric(doc) : null
    },

    async list (userId: number, query: MetricQuery) {
      const filter: Filter<HealthMetricDoc> = { user_id: userId }
      if (query.type !== undefined) filter.type = query.type
      if (query.source !== undefined) filter.source = query.source
      const range = dateRange(query.date_from, query.date_to)
      if (range) filter.measured_at = range
      const { window, count, docs } = await findPage(metrics, filter, sortFrom(query.ordering, '-measured_at'), query)
      return { window, count, results: docs.map(toMetric) }
    },

    /** Applies the changes to the user's point; null when it is gone; 409 DUPLICATE when they move it onto another point's key. */
    async update (id: string, userId: number, changes: MetricChanges, version: WriteVersion = {}): Promise<HealthMetric | null> {
      const { diastolic, ...rest } = changes
      const update: UpdateFilter<HealthMetricDoc> = { $set: { ...rest, ...(diastolic !== undefined && diastolic !== null ? { diastolic } : {}), updated_at: nextUpdatedAt(version) } }
      if (diastolic === null) update.$unset = { diastolic: '' }
      try {
        const doc = await metrics.findOneAndUpdate({ _id: oid(id), user_id: userId, ...stillAt(version) }, update, { returnDocument: 'after' })
        return doc ? toMetric(doc) : null
      } catch (error) {
        if (isDuplicateKey(error)) throw new DuplicateError('Another point has this type, source and measured_at; change that one instead')
        throw error
      }
    },

    async remove (id: string, userId: number, version: WriteVersion = {}): Promise<boolean> {
      const { deletedCount } = await metrics.deleteOne({ _id: oid(id), user_id: userId, ...stillAt(version) })
      return deletedCount === 1
    },

    /** The latest point of each type the user has, sorted by type: one indexed probe per type. */
    async latest (userId: number): Promise<HealthMetric[]> {
      const types = (await metrics.distinct('type', { user_id: userId })).sort()
      const docs = await Promise.all(types.map((type) =>
        metrics.findOne({ user_id: userId, type }, { sort: { measured_at: -1, _id: -1 } })))
      return docs.filter((doc) => doc !== null).map(toMetric)
    },

    /** The unit of a type's latest point (custom types carry their own), or null without any. */
    async unitOf (userId: number, type: string): Promise<string | null> {
      const doc = await metrics.findOne({ user_id: userId, type }, { sort: { measured_at: -1 }, projection: { unit: 1 } })
      return doc?.unit ?? null
    },

    async removeAllOf (userId: number): Promise<void> {
      await metrics.deleteMany({ user_id: userId })
    }
  }
}

export type HealthMetricRepository = ReturnType<typeof createHealthMetricRepository>
