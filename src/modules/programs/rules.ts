import type { ProgramDayDoc, SessionStatus } from '../documents.js'
import type { FieldProblem } from '../workouts/rules.js'
import { addDays, localDate, offsetAt } from '../stats/calendar.js'

interface DayEntry { day: number, workout: string }

/** What the schema cannot say about the weeks: one entry per day of a week, and at least one training day in all. */
export function weekProblems (weeks: ReadonlyArray<{ days: readonly DayEntry[] }>, field = 'body/weeks'): FieldProblem[] {
  const problems: FieldProblem[] = []
  weeks.forEach((week, w) => {
    const seen = new Map<number, number>()
    week.days.forEach((entry, d) => {
      const earlier = seen.get(entry.day)
      if (earlier === undefined) seen.set(entry.day, d)
      else problems.push({ field: `${field}/${w}/days/${d}/day`, message: `duplicates day ${entry.day} of entry ${earlier}` })
    })
  })
  if (weeks.every((week) => week.days.length === 0)) problems.push({ field, message: 'must hold at least one training day' })
  return problems
}

export const sortedDays = <T extends { day: number }>(days: readonly T[]): T[] => [...days].sort((a, b) => a.day - b.day)

export interface PlannedDay { week: number, day: number, date: string, workout_id: ProgramDayDoc['workout_id'], notes: string }

/** Every training day of the program as a local calendar date: week w, day d is start + 7(w − 1) + (d − 1) days. */
export function plannedDays (weeks: ReadonlyArray<{ days: readonly ProgramDayDoc[] }>, startDate: string): PlannedDay[] {
  return weeks.flatMap((week, w) => week.days.map((entry) => ({
    week: w + 1,
    day: entry.day,
    date: addDays(startDate, w * 7 + entry.day - 1),
    workout_id: entry.workout_id,
    notes: entry.notes
  })))
}

/**
 * The instant a local wall-clock time has in a zone on a given day. The offset is read twice
 * (the first guess may sit on the other side of a DST change); a time inside a spring-forward gap
 * comes out moved forward by the gap (02:30 → 03:30), one inside a fall-back overlap as its later
 * occurrence — the same day either way.
 */
export function localInstant (day: string, time: string, zone: string): Date {
  const wall = Date.parse(`${day}T${time}:00Z`)
  let guess = wall - offsetAt(new Date(wall), zone)
  guess = wall - offsetAt(new Date(guess), zone)
  return new Date(guess)
}

export interface AdherenceInput { id: string, week: number, day: number, scheduled_for: Date | null, status: SessionStatus }
export interface AdherenceCounts { planned: number, completed: number, missed: number, upcoming: number }

/** Missed: not completed, and its local day is over (a session planned for today is not missed yet). */
export const isMissed = (session: AdherenceInput, today: string, zone: string) =>
  session.status !== 'completed' && session.scheduled_for !== null && localDate(session.scheduled_for, zone) < today

/** Planned vs completed vs missed per program week, weeks in order (a week whose sessions are all gone is left out). */
export function adherenceByWeek (sessions: readonly AdherenceInput[], today: string, zone: string) {
  const weeks = new Map<number, AdherenceCounts & { sessions: Array<{ id: string, day: number, scheduled_for: string | null, status: SessionStatus, missed: boolean }> }>()
  const totals: AdherenceCounts = { planned: 0, completed: 0, missed: 0, upcoming: 0 }
  const ordered = [...sessions].sort((a, b) => a.week - b.week || a.day - b.day)
  for (const session of ordered) {
    let week = weeks.get(session.week)
    if (!week) weeks.set(session.week, week = { planned: 0, completed: 0, missed: 0, upcoming: 0, sessions: [] })
    const missed = isMissed(session, today, zone)
    const kind = session.status === 'completed' ? 'completed' : missed ? 'missed' : 'upcoming'
    for (const counts of [week, totals]) {
      counts.planned++
      counts[kind]++
    }
    week.sessions.push({ id: session.id, day: session.day, scheduled_for: session.scheduled_for?.toISOString() ?? null, status: session.status, missed })
  }
  return { totals, weeks: [...weeks].map(([week, counts]) => ({ week, ...counts })) }
}
