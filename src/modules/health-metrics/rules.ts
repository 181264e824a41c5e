import type { ErrorResponseType } from '../../schemas/common.js'
import { CUSTOM_PREFIX, CUSTOM_RANGE, CUSTOM_SLUG, DIASTOLIC, isCustomType, isFixedType, METRIC_TYPES, type MetricKind } from './vocabulary.js'

export type Details = NonNullable<ErrorResponseType['details']>

/** What the plausibility check needs of a point (new, or an existing one merged with its changes). */
export interface PointShape {
  type: string
  value: number
  unit?: string | null
  diastolic?: number | null
}

export const UNKNOWN_TYPE = `must be one of ${Object.keys(METRIC_TYPES).join(', ')}, or ${CUSTOM_PREFIX}<slug> (slug: ${CUSTOM_SLUG})`

export const isKnownType = (type: string) => isFixedType(type) || isCustomType(type)

const outOfRange = (min: number, max: number, unit: string) => `must be between ${min} and ${max} ${unit}`

/**
 * Every problem of one point, each naming its field under `at` (`body`, `body/points/3`), and the
 * unit to store: a fixed type's canonical unit (a different one is refused, never converted), a
 * custom type's own (required). Values outside the type's plausible range are refused.
 */
export function checkPoint (at: string, point: PointShape): { details: Details, unit: string } {
  const details: Details = []
  const problem = (field: string, message: string) => details.push({ field: `${at}/${field}`, message })
  const { type, value, unit, diastolic } = point
  if (isFixedType(type)) {
    const kind: MetricKind = METRIC_TYPES[type]
    if (unit !== undefined && unit !== null && unit !== kind.unit) problem('unit', `must be ${kind.unit} for ${type} (values are not converted)`)
    if (!(value >= kind.min && value <= kind.max)) problem('value', outOfRange(kind.min, kind.max, kind.unit))
    else if (kind.integer === true && !Number.isInteger(value)) problem('value', 'must be a whole number')
    if (type === 'blood_pressure') {
      if (diastolic === undefined || diastolic === null) problem('diastolic', 'is required for blood_pressure')
      else if (!(diastolic >= DIASTOLIC.min && diastolic <= DIASTOLIC.max)) problem('diastolic', outOfRange(DIASTOLIC.min, DIASTOLIC.max, 'mmHg'))
      else if (!(diastolic < value)) problem('diastolic', 'must be below the systolic value')
    } else if (diastolic !== undefined && diastolic !== null) problem('diastolic', 'is only for blood_pressure')
    return { details, unit: kind.unit }
  }
  if (!isCustomType(type)) {
    problem('type', UNKNOWN_TYPE)
    return { details, unit: '' }
  }
  if (unit === undefined || unit === null || unit === '') problem('unit', `is required for a ${CUSTOM_PREFIX} metric`)
  if (!(value >= CUSTOM_RANGE.min && value <= CUSTOM_RANGE.max)) problem('value', outOfRange(CUSTOM_RANGE.min, CUSTOM_RANGE.max, unit ?? ''))
  if (diastolic !== undefined && diastolic !== null) problem('diastolic', 'is only for blood_pressure')
  return { details, unit: unit ?? '' }
}

/** The identity of a point: writing the same key again updates the point instead of adding one. */
export const pointKey = (point: { type: string, source: string, measured_at: Date }) =>
  `${point.type}\u0000${point.source}\u0000${point.measured_at.getTime()}`

/**
 * Folds points with the same key into the last of them (a batch is the same as sending its points
 * one after another: a later write of a key replaces the earlier), in the order of their last occurrence.
 */
export function lastOfEachKey<P extends { type: string, source: string, measured_at: Date }> (points: readonly P[]): { points: P[], merged: number } {
  const byKey = new Map<string, P>()
  for (const point of points) {
    const key = pointKey(point)
    byKey.delete(key)
    byKey.set(key, point)
  }
  return { points: [...byKey.values()], merged: points.length - byKey.size }
}
