import { evalExpr } from 'mingo/core'
import * as date from 'mingo/operators/expression/date'
import type { Any, AnyObject, Options } from 'mingo/types'
import { fromLocal, offsetMinutes, offsetString, toLocal } from './timezones.js'
import { isPlainObject } from './values.js'

/*
 * mingo 7.2 only knows `Area/Location` zone names (not 'UTC', 'Etc/UTC' or
 * 'America/Argentina/Buenos_Aires'), rebuilds its zone lookup for every document, truncates
 * in UTC before applying the zone and ignores it in $dateAdd. These wrappers resolve the
 * zone themselves, hand mingo wall-clock dates in UTC with no zone, and convert results back.
 */

type Op = (obj: AnyObject, expr: Any, options: Options) => Any

const hasZone = (args: AnyObject): boolean => args.timezone !== undefined && args.timezone !== null
const isDate = (v: unknown): v is Date => v instanceof Date

/** Already evaluated arguments, passed through mingo's own evaluation unchanged. */
function literal (args: AnyObject): AnyObject {
  const out: AnyObject = {}
  for (const [k, v] of Object.entries(args)) if (v !== undefined) out[k] = { $literal: v }
  return out
}

function withoutZone (args: AnyObject): AnyObject {
  const { timezone: _, ...rest } = args
  return rest
}

/** $hour, $year, …: a date, or `{ date, timezone }`. */
function datePart (base: Op): Op {
  return (obj, expr, options) => {
    if (!isPlainObject(expr) || expr.timezone === undefined) return base(obj, expr, options)
    const args = evalExpr(obj, { date: expr.date, timezone: expr.timezone }, options) as AnyObject
    if (args.date === null || args.date === undefined) return null
    const d = isDate(args.date) && hasZone(args) ? toLocal(args.date, args.timezone) : args.date
    return base(obj, { $literal: d }, options)
  }
}

/** Operators taking an argument object: `adapt` rewrites the evaluated arguments when a zone is given. */
function withArgs (base: Op, adapt: (args: AnyObject, run: (a: AnyObject) => Any) => Any): Op {
  return (obj, expr, options) => {
    if (!isPlainObject(expr) || expr.timezone === undefined) return base(obj, expr, options)
    const args = evalExpr(obj, expr, options) as AnyObject
    const run = (a: AnyObject): Any => base(obj, literal(a), options)
    return hasZone(args) ? adapt(args, run) : run(withoutZone(args))
  }
}

const back = (r: Any, tz: unknown): Any => isDate(r) ? fromLocal(r, tz) : r
const DAY_OR_LONGER = new Set(['year', 'quarter', 'month', 'week', 'day'])

const $dateToString = withArgs(date.$dateToString, (a, run) =>
  isDate(a.date) ? run({ ...a, timezone: offsetString(offsetMinutes(a.timezone, a.date)) }) : run(withoutZone(a)))
const $dateToParts = withArgs(date.$dateToParts, (a, run) =>
  run(isDate(a.date) ? { ...withoutZone(a), date: toLocal(a.date, a.timezone) } : withoutZone(a)))
const $dateTrunc = withArgs(date.$dateTrunc, (a, run) =>
  isDate(a.date) ? back(run({ ...withoutZone(a), date: toLocal(a.date, a.timezone) }), a.timezone) : run(withoutZone(a)))
const $dateFromParts = withArgs(date.$dateFromParts as Op, (a, run) => back(run({ ...a, timezone: '+00:00' }), a.timezone))
const $dateFromString = withArgs(date.$dateFromString as Op, (a, run) => back(run({ ...a, timezone: '+00:00' }), a.timezone))
const $dateDiff = withArgs(date.$dateDiff, (a, run) => run({
  ...withoutZone(a),
  startDate: isDate(a.startDate) ? toLocal(a.startDate, a.timezone) : a.startDate,
  endDate: isDate(a.endDate) ? toLocal(a.endDate, a.timezone) : a.endDate
}))
// Calendar units move the wall clock (a day stays a day across DST); shorter ones move the instant.
const calendar = (a: AnyObject, run: (a: AnyObject) => Any): Any =>
  isDate(a.startDate) && DAY_OR_LONGER.has(String(a.unit))
    ? back(run({ ...withoutZone(a), startDate: toLocal(a.startDate, a.timezone) }), a.timezone)
    : run(withoutZone(a))
const $dateAdd = withArgs(date.$dateAdd, calendar)
const $dateSubtract = withArgs(date.$dateSubtract, calendar)

const $dayOfYear = datePart(date.$dayOfYear)
const $dayOfWeek = datePart(date.$dayOfWeek)

/**
 * mingo 7.2's $week derives from the ISO week and is off for most of the year.
 * MongoDB's: Sunday starts a week, week 1 starts on the year's first Sunday (strftime %U).
 */
function $week (obj: AnyObject, expr: Any, options: Options): number | null {
  const day = $dayOfYear(obj, expr, options) as number | null
  if (day === null || day === undefined) return null
  return Math.floor((day - ($dayOfWeek(obj, expr, options) as number) + 7) / 7)
}

/** The date operators the store registers over mingo's. */
export const dateOperators: Record<string, Op> = {
  $year: datePart(date.$year),
  $month: datePart(date.$month),
  $dayOfMonth: datePart(date.$dayOfMonth),
  $hour: datePart(date.$hour),
  $minute: datePart(date.$minute),
  $second: datePart(date.$second),
  $millisecond: datePart(date.$millisecond),
  $dayOfYear,
  $dayOfWeek,
  $week,
  $isoWeek: datePart(date.$isoWeek),
  $isoWeekYear: datePart(date.$isoWeekYear),
  $isoDayOfWeek: datePart(date.$isoDayOfWeek),
  $dateToString,
  $dateToParts,
  $dateTrunc,
  $dateFromParts,
  $dateFromString,
  $dateDiff,
  $dateAdd,
  $dateSubtract
}
