import { Type } from '@sinclair/typebox'
import { FieldError } from '../errors.js'
import { DateOnly, DateTime } from '../schemas/common.js'

/** A `date_from`/`date_to` bound: a whole day (`2026-11-22`, UTC) or an exact instant. */
export const DateBound = Type.Union([DateOnly, DateTime], {
  description: 'YYYY-MM-DD (whole day, UTC) or an RFC 3339 date-time (exact instant); both bounds inclusive'
})

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value)
const DAY_MS = 86_400_000

/**
 * Mongo range condition for inclusive `date_from`/`date_to` (a day as `date_to` includes the
 * whole day), or undefined when neither is given; 400 on `date_to` when the range is empty.
 */
export function dateRange (from: string | undefined, to: string | undefined, location = 'querystring'): { $gte?: Date, $lt?: Date, $lte?: Date } | undefined {
  if (from === undefined && to === undefined) return undefined
  const range: { $gte?: Date, $lt?: Date, $lte?: Date } = {}
  if (from !== undefined) range.$gte = new Date(from)
  if (to !== undefined) {
    if (isDay(to)) range.$lt = new Date(new Date(to).getTime() + DAY_MS)
    else range.$lte = new Date(to)
  }
  const end = range.$lt ?? range.$lte
  if (range.$gte && end && (range.$lt ? end <= range.$gte : end < range.$gte)) {
    throw new FieldError(`${location}/date_to`, 'must not be before date_from')
  }
  return range
}
