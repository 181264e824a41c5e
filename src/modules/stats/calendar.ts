/**
 * Local calendar arithmetic for the stats module. Days are 'YYYY-MM-DD' strings in the user's IANA
 * time zone; instants are Dates. Day arithmetic is pure calendar arithmetic (no zone involved);
 * only the conversions between the two need the zone, and those go through Intl so that DST is
 * the platform's, not ours.
 */
export type Period = 'week' | 'month'

const DAY_MS = 86_400_000
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter (zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit'
    })
    formatters.set(zone, f)
  }
  return f
}

/** True for a zone name the platform knows (profiles may hold anything). */
export function isTimeZone (zone: string): boolean {
  try {
    formatter(zone)
    return true
  } catch {
    return false
  }
}

/** Wall-clock fields of an instant in a zone. */
function wallClock (instant: Date, zone: string): { y: number, m: number, d: number, h: number, min: number, s: number } {
  const parts: Record<string, number> = {}
  for (const part of formatter(zone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return { y: parts.year, m: parts.month, d: parts.day, h: parts.hour, min: parts.minute, s: parts.second }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** The local calendar day of an instant in a zone. */
export function localDate (instant: Date, zone: string): string {
  const { y, m, d } = wallClock(instant, zone)
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`
}

const QUARTER_HOUR_MS = 15 * 60_000
const todays = new Map<string, { window: number, day: string }>()

/**
 * `localDate(now, zone)`, remembered per zone for the current UTC quarter hour when the day is the
 * same at both its ends (zones change offset only on quarter hours, so it is almost always): the
 * summary asks on every request, and formatting an instant in a zone is the dear part.
 */
export function localToday (zone: string, now = new Date()): string {
  const window = Math.floor(now.getTime() / QUARTER_HOUR_MS)
  const known = todays.get(zone)
  if (known !== undefined && known.window === window) return known.day
  const day = localDate(now, zone)
  const first = localDate(new Date(window * QUARTER_HOUR_MS), zone)
  const last = localDate(new Date((window + 1) * QUARTER_HOUR_MS - 1), zone)
  if (first === day && last === day) todays.set(zone, { window, day })
  return day
}

/** Offset of the zone at an instant, in ms (local − UTC). */
export function offsetAt (instant: Date, zone: string): number {
  const { y, m, d, h, min, s } = wallClock(instant, zone)
  return Date.UTC(y, m - 1, d, h, min, s) - Math.floor(instant.getTime() / 1000) * 1000
}

/**
 * The first instant of a local day. Two passes settle the offset across a DST change; where
 * midnight itself does not exist (zones that spring forward at 00:00, e.g. America/Santiago) the
 * day starts at the first existing quarter hour after it.
 */
export function startOfLocalDay (day: string, zone: string): Date {
  const wall = Date.parse(`${day}T00:00:00Z`)
  let guess = wall - offsetAt(new Date(wall), zone)
  guess = wall - offsetAt(new Date(guess), zone)
  for (let i = 0; i < 12 && localDate(new Date(guess), zone) < day; i++) guess += 15 * 60_000
  return new Date(guess)
}

export function addDays (day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween (from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

/** Monday of the ISO week holding `day`. */
export function weekStart (day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return addDays(day, -((weekday + 6) % 7))
}

export const monthStart = (day: string) => `${day.slice(0, 7)}-01`

export const bucketStart = (day: string, period: Period) => period === 'week' ? weekStart(day) : monthStart(day)

/** Start of the bucket `count` periods after (or before, when negative) the bucket of `day`. */
export function addPeriods (day: string, period: Period, count: number): string {
  if (period === 'week') return addDays(weekStart(day), 7 * count)
  const y = Number(day.slice(0, 4))
  const m = Number(day.slice(5, 7)) - 1 + count
  const year = y + Math.floor(m / 12)
  return `${pad(year, 4)}-${pad(((m % 12) + 12) % 12 + 1)}-01`
}

/** Whole periods from the bucket holding `from` to the one holding `to` (0 for the same bucket). */
export function periodsBetween (from: string, to: string, period: Period): number {
  if (period === 'week') return daysBetween(weekStart(from), weekStart(to)) / 7
  const months = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7))
  return months(to) - months(from)
}

/** More buckets than any accepted range holds (5 years of weeks); a guard on the work, not a rule. */
export const MAX_BUCKETS = 300

/** Start of every bucket from the one holding `from` to the one holding `to`, empty ones included. */
export function bucketsBetween (from: string, to: string, period: Period): string[] {
  const count = periodsBetween(from, to, period) + 1
  if (!(count >= 1 && count <= MAX_BUCKETS)) throw new RangeError(`${count} ${period} buckets from ${from} to ${to} (at most ${MAX_BUCKETS})`)
  return Array.from({ length: count }, (_, i) => addPeriods(from, period, i))
}

/** From `start` on (ms since epoch) the zone is `offset` ms ahead of UTC. */
export interface OffsetSegment { start: number, offset: number }

const WEEK_MS = 7 * DAY_MS

/**
 * The zone's UTC offsets between two instants, one segment per DST period — what a pipeline
 * needs to turn instants into local days without naming the zone (mingo resolves a zone name
 * per document through toLocaleString, ~0.7 ms each). Weekly samples, then a binary search to
 * the minute of each change.
 */
export function offsetSegments (zone: string, from: Date, to: Date): OffsetSegment[] {
  let t = from.getTime()
  let offset = offsetAt(from, zone)
  const segments: OffsetSegment[] = [{ start: t, offset }]
  while (t < to.getTime()) {
    const next = Math.min(t + WEEK_MS, to.getTime())
    const nextOffset = offsetAt(new Date(next), zone)
    if (nextOffset !== offset) {
      let [lo, hi] = [t, next]
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000
        if (offsetAt(new Date(mid), zone) === offset) lo = mid
        else hi = mid
      }
      segments.push({ start: hi, offset: nextOffset })
      offset = nextOffset
    }
    t = next
  }
  return segments
}
