import { Type, type Static } from '@sinclair/typebox'
import { BoundedNumber, ClientUserId, DateOnly, DateTime, Nullable, NullableInput, ObjectIdString, Ordering, PageQuery, StringEnum, Timestamps } from '../../schemas/common.js'
import { DateBound } from '../../lib/date-range.js'
import { CUSTOM_PREFIX, CUSTOM_RANGE, CUSTOM_SLUG, DIASTOLIC, vocabularyLines } from './vocabulary.js'

const VOCABULARY = `Fixed types (canonical unit, plausible range): ${vocabularyLines().join('; ')}. ` +
  `Custom types: ${CUSTOM_PREFIX}<slug> (slug ${CUSTOM_SLUG}) with a unit of your choice, value ${CUSTOM_RANGE.min} to ${CUSTOM_RANGE.max}. ` +
  'A value outside its range, a wrong unit or an unknown type answers 400 naming the field.'

export const MetricType = Type.String({ minLength: 1, maxLength: 64, description: VOCABULARY, examples: ['body_weight', 'custom:grip_strength'] })
/** Wide schema bounds; the type's plausible range is checked by rules.ts and reported as `…/value`. */
const Value = BoundedNumber(CUSTOM_RANGE.min, CUSTOM_RANGE.max, { description: 'In the type\'s canonical unit; for blood_pressure the systolic pressure. Ranges: see type', examples: [82.4] })
const Unit = Type.String({ minLength: 1, maxLength: 20, description: 'Optional for fixed types (must then be the canonical unit; nothing is converted); required for custom ones', examples: ['kg'] })
const Diastolic = BoundedNumber(DIASTOLIC.min, DIASTOLIC.max, { description: `blood_pressure only (required there): diastolic mmHg, ${DIASTOLIC.min}–${DIASTOLIC.max} and below the systolic value` })
const Source = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^\\S(.*\\S)?$',
  default: 'manual',
  description: '"manual" (default) or the device or app that measured it; part of the point\'s identity',
  examples: ['manual', 'Withings Body+']
})
const Notes = Type.String({ maxLength: 2000, examples: ['Morning, before breakfast'] })

export const HealthMetricSchema = Type.Object({
  id: ObjectIdString,
  user_id: Type.Integer({ description: 'Whose measurement it is' }),
  type: MetricType,
  value: Type.Number(),
  diastolic: Nullable(Type.Number({ description: 'Diastolic mmHg of a blood_pressure point; null for every other type' })),
  unit: Type.String(),
  measured_at: DateTime,
  source: Type.String(),
  notes: Type.String(),
  ...Timestamps
}, {
  examples: [{
    id: '665f1c2e8b3e4a0012a4b901',
    user_id: 7,
    type: 'body_weight',
    value: 82.4,
    diastolic: null,
    unit: 'kg',
    measured_at: '2026-11-22T07:10:00.000Z',
    source: 'Withings Body+',
    notes: '',
    created_at: '2026-11-22T07:11:02.000Z',
    updated_at: '2026-11-22T07:11:02.000Z'
  }]
})
export type HealthMetric = Static<typeof HealthMetricSchema>

export const CreateMetricSchema = Type.Object({
  type: MetricType,
  value: Value,
  unit: Type.Optional(Unit),
  diastolic: Type.Optional(Diastolic),
  measured_at: DateTime,
  source: Type.Optional(Source),
  notes: Type.Optional(Notes)
}, {
  additionalProperties: false,
  description: 'Writing the same type, source and measured_at again updates that point (value, unit, diastolic; notes when given).',
  examples: [
    { type: 'body_weight', value: 82.4, measured_at: '2026-11-22T07:10:00.000Z' },
    { type: 'blood_pressure', value: 122, diastolic: 78, measured_at: '2026-11-22T07:15:00.000Z', source: 'Omron M7' },
    { type: 'custom:grip_strength', value: 48, unit: 'kg', measured_at: '2026-11-22T18:00:00.000Z' }
  ]
})
export type CreateMetric = Static<typeof CreateMetricSchema>

export const MAX_BULK_POINTS = 1000

export const BulkMetricsSchema = Type.Object({
  points: Type.Array(CreateMetricSchema, { minItems: 1, maxItems: MAX_BULK_POINTS })
}, {
  additionalProperties: false,
  examples: [{
    points: [
      { type: 'steps', value: 10432, measured_at: '2026-11-21T00:00:00.000Z', source: 'Garmin Connect' },
      { type: 'resting_heart_rate', value: 52, measured_at: '2026-11-21T06:00:00.000Z', source: 'Garmin Connect' }
    ]
  }]
})
export type BulkMetrics = Static<typeof BulkMetricsSchema>

export const BulkResultSchema = Type.Object({
  received: Type.Integer({ minimum: 0, description: 'Points in the request' }),
  created: Type.Integer({ minimum: 0, description: 'Points that did not exist before' }),
  updated: Type.Integer({ minimum: 0, description: 'Existing points (same type, source, measured_at) written again' }),
  merged: Type.Integer({ minimum: 0, description: 'Points of the request that an identical key later in the same request replaced (the last one wins)' })
}, { examples: [{ received: 2, created: 1, updated: 1, merged: 0 }] })

export const UpdateMetricSchema = Type.Object({
  value: Type.Optional(Value),
  unit: Type.Optional(Unit),
  diastolic: Type.Optional(NullableInput(Diastolic)),
  measured_at: Type.Optional(DateTime),
  source: Type.Optional(Source),
  notes: Type.Optional(Notes)
}, {
  additionalProperties: false,
  description: 'Every field optional; the type cannot change (delete and write a new point). The result is checked like a new point. Moving a point onto the type, source and measured_at of another answers 409 DUPLICATE.',
  examples: [{ value: 82.1 }, { notes: 'After a long run', source: 'manual' }]
})
export type UpdateMetric = Static<typeof UpdateMetricSchema>

/** A write may name the caller's own id; a client's id answers 403 for their trainer (they read, never write) and 404 for anyone else. */
export const WriteQuerySchema = Type.Object({
  user_id: Type.Optional({ ...ClientUserId, description: 'Whose metrics: only your own may be written (your client\'s: 403; anyone else\'s: 404)' })
}, { additionalProperties: false })
export const ReadQuerySchema = Type.Object({ user_id: ClientUserId }, { additionalProperties: false })

export const METRIC_ORDERING = ['measured_at', 'created_at', 'value'] as const

export const MetricQuerySchema = Type.Object({
  ...PageQuery.properties,
  type: Type.Optional(MetricType),
  source: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  date_from: Type.Optional(DateBound),
  date_to: Type.Optional(DateBound),
  ordering: Ordering(METRIC_ORDERING),
  user_id: ClientUserId
}, { additionalProperties: false })
export type MetricQuery = Static<typeof MetricQuerySchema>

const IntervalSchema = StringEnum(['day', 'week', 'month'] as const, { default: 'day', description: 'Bucket size: local days, ISO weeks (Monday) or calendar months' })

export const SeriesQuerySchema = Type.Object({
  type: MetricType,
  interval: Type.Optional(IntervalSchema),
  source: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Only points of this source (default: every source)' })),
  date_from: Type.Optional({ ...DateOnly, description: 'First local day (default: 30 days, 12 weeks or 12 months back, the current bucket included)' }),
  date_to: Type.Optional({ ...DateOnly, description: 'Last local day (default: today)' }),
  user_id: ClientUserId
}, { additionalProperties: false })
export type SeriesQuery = Static<typeof SeriesQuerySchema>

const Figure = Nullable(Type.Number())
const Figures = {
  min: Figure,
  max: Figure,
  avg: { ...Figure, description: 'Mean, rounded to 2 decimals' },
  last: { ...Figure, description: 'The value measured last in the bucket' }
}

export const SeriesSchema = Type.Object({
  type: MetricType,
  unit: Nullable(Type.String({ description: 'Canonical unit; for a custom type the unit of its latest point (null without any)' })),
  interval: IntervalSchema,
  date_from: DateOnly,
  date_to: DateOnly,
  timezone: Type.String({ description: 'IANA zone of the profile that buckets are counted in', examples: ['Europe/Berlin'] }),
  buckets: Type.Array(Type.Object({
    start: { ...DateOnly, description: 'First local day of the bucket' },
    count: Type.Integer({ minimum: 0 }),
    ...Figures,
    diastolic: Type.Optional(Type.Object(Figures, { description: 'blood_pressure only' }))
  }))
})
export type Series = Static<typeof SeriesSchema>

export const LatestSchema = Type.Object({
  results: Type.Array(HealthMetricSchema, { description: 'The latest point (greatest measured_at) of each type, sorted by type' })
})
