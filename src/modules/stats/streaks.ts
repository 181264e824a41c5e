import { daysBetween } from './calendar.js'

const DAY_MS = 86_400_000

export interface Streaks { current: number, longest: number }

/** What streaks need from the training days, whatever today is: the summary caches it across midnight. */
export interface StreakRuns { longest: number, lastDay: string | null, lastRun: number }

/** The longest run of consecutive days and the run that ends on the last one, from ascending local days (duplicates allowed). */
export function streakRuns (days: readonly string[]): StreakRuns {
  let longest = 0
  let run = 0
  let previous: string | null = null
  let previousNumber = 0
  // Days as whole-day numbers (one parse each): a rebuild walks every training day.
  for (const day of days) {
    if (day === previous) continue
    const number = Date.parse(`${day}T00:00:00Z`) / DAY_MS
    run = previous !== null && number === previousNumber + 1 ? run + 1 : 1
    longest = Math.max(longest, run)
    previous = day
    previousNumber = number
  }
  return { longest, lastDay: previous, lastRun: run }
}

/**
 * The current streak is still alive when its last day is today or yesterday — a user who trained
 * every day up to yesterday has not broken the streak before today is over.
 */
export function currentStreak ({ lastDay, lastRun }: StreakRuns, today: string): number {
  if (lastDay === null) return 0
  const gap = daysBetween(lastDay, today)
  return gap === 0 || gap === 1 ? lastRun : 0
}

/** Streaks of consecutive training days from ascending local days (duplicates allowed). */
export function streaks (days: readonly string[], today: string): Streaks {
  const runs = streakRuns(days)
  return { current: currentStreak(runs, today), longest: runs.longest }
}
