import { daysBetween } from './calendar.js'

const DAY_MS = 86_400_000

export interface Streaks { current: number, longest: number }

/**
 * Streaks of consecutive training days from ascending local days (duplicates allowed). The
 * current streak is still alive when its last day is today or yesterday — a user who trained
 * every day up to yesterday has not broken the streak before today is over.
 */
export function streaks (days: readonly string[], today: string): Streaks {
  let longest = 0
  let run = 0
  let previous: string | undefined
  let previousNumber = 0
  // Days as whole-day numbers (one parse each): the summary walks every training day on each request.
  for (const day of days) {
    if (day === previous) continue
    const number = Date.parse(`${day}T00:00:00Z`) / DAY_MS
    run = previous !== undefined && number === previousNumber + 1 ? run + 1 : 1
    longest = Math.max(longest, run)
    previous = day
    previousNumber = number
  }
  if (previous === undefined) return { current: 0, longest: 0 }
  const gap = daysBetween(previous, today)
  return { current: gap === 0 || gap === 1 ? run : 0, longest }
}
