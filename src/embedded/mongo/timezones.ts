import { CommandError } from './errors.js'

// MongoDB's offset forms: +hh, +hhmm, +hh:mm (and the same with -).
const OFFSET = /^([+-])([0-9]{2})(?::?([0-9]{2}))?$/

// Building an Intl formatter is what made a zone name cost ~0.1 ms per document; build each once.
const zones = new Map<string, Intl.DateTimeFormat | number>()

function resolve (tz: string): Intl.DateTimeFormat | number {
  let zone = zones.get(tz)
  if (zone !== undefined) return zone
  const m = OFFSET.exec(tz)
  if (m !== null) zone = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0))
  else {
    try {
      zone = new Intl.DateTimeFormat('en-US', {
        timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric'
      })
    } catch {
      throw new CommandError('Location40485', `unrecognized time zone identifier: "${tz}"`)
    }
  }
  if (zones.size > 1000) zones.clear() // names come from queries: keep the cache bounded
  zones.set(tz, zone)
  return zone
}

/** Minutes east of UTC that `tz` (an Olson name or an offset) is at the instant `at`. */
export function offsetMinutes (tz: unknown, at: Date): number {
  if (typeof tz !== 'string') throw new CommandError('Location40517', `timezone must evaluate to a string, found ${typeof tz}`)
  const zone = resolve(tz)
  if (typeof zone === 'number') return zone
  const ms = at.getTime()
  if (Number.isNaN(ms)) return 0
  const p: Record<string, number> = {}
  for (const part of zone.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value)
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return Math.round((wall - (ms - (((ms % 1000) + 1000) % 1000))) / 60000)
}

/** The same wall-clock time expressed in UTC, so that mingo's UTC arithmetic reads local parts. */
export function toLocal (date: Date, tz: unknown): Date {
  return new Date(date.getTime() + offsetMinutes(tz, date) * 60000)
}

/** Inverse of `toLocal`: the instant whose wall-clock time in `tz` is `local`. */
export function fromLocal (local: Date, tz: unknown): Date {
  const first = offsetMinutes(tz, local)
  const guess = new Date(local.getTime() - first * 60000)
  const second = offsetMinutes(tz, guess)
  return second === first ? guess : new Date(local.getTime() - second * 60000)
}

/** `minutes` as MongoDB's `+hh:mm` (what mingo needs for %z and %Z). */
export function offsetString (minutes: number): string {
  const abs = Math.abs(minutes)
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}
