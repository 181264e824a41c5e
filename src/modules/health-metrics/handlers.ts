import type { Db } from 'mongodb'
import type { FastifyInstance } from 'fastify'
import { FieldError, FieldsError, ForbiddenError, NotFoundError } from '../../errors.js'
import { actableOr404 } from '../../lib/access.js'
import { pageOf } from '../../lib/pagination.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import type { AuthUser } from '../../plugins/auth.js'
import { localDate } from '../stats/calendar.js'
import { createStatsRepository } from '../stats/repository.js'
import { seriesBuckets, seriesRange } from './buckets.js'
import { createHealthMetricRepository, type MetricChanges, type PointInput } from './repository.js'
import { checkPoint, isKnownType, lastOfEachKey, UNKNOWN_TYPE, type Details } from './rules.js'
import type { CreateMetric, HealthMetric } from './schemas.js'
import { bucketsFrom, seriesRows } from './series.js'
import { isFixedType, METRIC_TYPES } from './vocabulary.js'
import type {
  BulkMetricsRoute, CreateMetricRoute, DeleteMetricRoute, GetMetricRoute, LatestMetricsRoute, ListMetricsRoute, SeriesRoute, UpdateMetricRoute
} from './route-schemas.js'
import { conditionalMiss, expectedVersion } from '../../plugins/etags.js'

const LABEL = 'Health metric'
const SERIES_TTL_S = 60
const READ_ONLY = 'A trainer may read a client\'s health metrics, not change them'

/** A read filter naming a type that cannot exist is a mistake, not an empty answer. */
function knownType (type: string | undefined): void {
  if (type !== undefined && !isKnownType(type)) throw new FieldError('querystring/type', UNKNOWN_TYPE)
}

function throwIfAny (details: Details): void {
  if (details.length === 0) return
  throw Object.assign(new FieldsError(details.map((detail) => `${detail.field} ${detail.message}`).join('; ')), { details })
}

/** A checked point ready to store, or the problems found (each field under `at`). */
function draft (at: string, point: CreateMetric): { input: PointInput, details: Details } {
  const { details, unit } = checkPoint(at, point)
  return {
    details,
    input: {
      type: point.type,
      value: point.value,
      unit,
      diastolic: point.diastolic ?? null,
      measured_at: new Date(point.measured_at),
      source: point.source ?? 'manual',
      notes: point.notes
    }
  }
}

/** The health-metric handlers; the route table is routes.ts. */
export function createHealthMetricHandlers (db: Db, access: Pick<FastifyInstance, 'mayActFor' | 'subjectOf' | 'cache'>) {
  const metrics = createHealthMetricRepository(db)
  const profiles = createStatsRepository(db)

  /**
   * Series answers are cached per owner (plugins/cache.ts). Every write moves the owner's scope on
   * once it is done — also when it failed midway — so no answer built before it is read again; a
   * process dying between a write and its bump leaves an answer stale for at most SERIES_TTL_S.
   */
  const scope = (owner: number) => `health-metrics:${owner}`
  async function writing<T> (owner: number, write: () => Promise<T>): Promise<T> {
    try {
      return await write()
    } finally {
      await access.cache.bump(scope(owner))
    }
  }

  /** Writes are the caller's own; naming a client answers 403 to their trainer (404 to anyone else, as for reads). */
  async function writer (user: AuthUser, userId: number | undefined): Promise<number> {
    const owner = await access.subjectOf(user, userId)
    if (owner !== user.id) throw new ForbiddenError(READ_ONLY)
    return owner
  }

  async function visible (request: { params: { id: string }, user: AuthUser }): Promise<HealthMetric> {
    return actableOr404(await metrics.findById(request.params.id), request.user, LABEL, access.mayActFor)
  }

  async function changeable (request: { params: { id: string }, user: AuthUser }): Promise<HealthMetric> {
    const point = await visible(request)
    if (point.user_id !== request.user.id) throw new ForbiddenError(READ_ONLY)
    return point
  }

  /** 404, or 412 when a write under If-Match found the point at another version. */
  async function gone (id: string, expected: string | undefined): Promise<never> {
    if (expected !== undefined) await conditionalMiss(async () => await metrics.findById(id) !== null, LABEL)
    return notFound()
  }

  return {
    async removeAllOf (userId: number) {
      await writing(userId, () => metrics.removeAllOf(userId))
    },

    async list (request: RequestOf<typeof ListMetricsRoute>) {
      knownType(request.query.type)
      const owner = await access.subjectOf(request.user, request.query.user_id)
      const { window, count, results } = await metrics.list(owner, request.query)
      return pageOf(request, window, count, results)
    },

    async create (request: RequestOf<typeof CreateMetricRoute>, reply: ReplyOf<typeof CreateMetricRoute>) {
      const owner = await writer(request.user, request.query.user_id)
      const { input, details } = draft('body', request.body)
      throwIfAny(details)
      const { metric, created } = await writing(owner, () => metrics.upsert(owner, input))
      return reply.code(created ? 201 : 200).send(metric)
    },

    async bulk (request: RequestOf<typeof BulkMetricsRoute>, reply: ReplyOf<typeof BulkMetricsRoute>) {
      const owner = await writer(request.user, request.query.user_id)
      const drafts = request.body.points.map((point, i) => draft(`body/points/${i}`, point))
      throwIfAny(drafts.flatMap((d) => d.details))
      const { points, merged } = lastOfEachKey(drafts.map((d) => d.input))
      const { created, updated } = await writing(owner, () => metrics.bulkUpsert(owner, points))
      return reply.code(created > 0 ? 201 : 200).send({ received: drafts.length, created, updated, merged })
    },

    async series (request: RequestOf<typeof SeriesRoute>) {
      const { type, interval = 'day', source, date_from: dateFrom, date_to: dateTo, user_id: userId } = request.query
      knownType(type)
      const owner = await access.subjectOf(request.user, userId)
      const timezone = await profiles.timezoneOf(owner)
      const range = seriesRange(interval, localDate(new Date(), timezone), dateFrom, dateTo)
      if ('field' in range) throw new FieldError(`querystring/${range.field}`, range.message)
      const key = `health-metrics:series:${JSON.stringify([owner, type, source ?? null, interval, range.from, range.to, timezone])}`
      return await access.cache.remember(key, { scopes: [scope(owner)], ttlSeconds: SERIES_TTL_S }, async () => {
        const buckets = seriesBuckets(interval, range, timezone)
        const diastolic = type === 'blood_pressure'
        const [rows, unit] = await Promise.all([
          seriesRows(db, owner, type, source, buckets, diastolic),
          isFixedType(type) ? METRIC_TYPES[type].unit : metrics.unitOf(owner, type)
        ])
        return { type, unit, interval, date_from: range.from, date_to: range.to, timezone, buckets: bucketsFrom(rows, buckets, diastolic) }
      })
    },

    async latest (request: RequestOf<typeof LatestMetricsRoute>) {
      const owner = await access.subjectOf(request.user, request.query.user_id)
      return { results: await metrics.latest(owner) }
    },

    async get (request: RequestOf<typeof GetMetricRoute>) {
      return await visible(request)
    },

    async update (request: RequestOf<typeof UpdateMetricRoute>) {
      const point = await changeable(request)
      const { measured_at: measuredAt, ...fields } = request.body
      const merged = { ...point, ...fields }
      throwIfAny(checkPoint('body', merged).details)
      const changes: MetricChanges = { ...fields, ...(measuredAt !== undefined ? { measured_at: new Date(measuredAt) } : {}) }
      const version = { expected: expectedVersion(request, point, LABEL), read: point.updated_at }
      return await writing(point.user_id, () => metrics.update(point.id, point.user_id, changes, version)) ?? await gone(point.id, version.expected)
    },

    async remove (request: RequestOf<typeof DeleteMetricRoute>, reply: ReplyOf<typeof DeleteMetricRoute>) {
      const point = await changeable(request)
      const expected = expectedVersion(request, point, LABEL)
      if (!await writing(point.user_id, () => metrics.remove(point.id, point.user_id, { expected }))) await gone(point.id, expected)
      return reply.code(204).send(null)
    }
  }
}

function notFound (): never {
  throw new NotFoundError(LABEL)
}
