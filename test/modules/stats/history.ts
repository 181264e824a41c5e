import type { FastifyInstance } from 'fastify'
import type { ObjectId } from 'mongodb'
import { addDays, localDate, startOfLocalDay } from '../../../src/modules/stats/calendar.js'
import { exercise, session, setTimezone } from './fixtures.js'

/** The instant `minutes` after local midnight of the day `daysAgo` days before today in `zone`. */
export function localTime (daysAgo: number, zone: string, minutes: number): string {
  const day = addDays(localDate(new Date(), zone), -daysAgo)
  return new Date(startOfLocalDay(day, zone).getTime() + minutes * 60_000).toISOString()
}

export interface History { bench: ObjectId, squat: ObjectId, row: ObjectId, plank: ObjectId, s1: ObjectId, s2: ObjectId, s3: ObjectId, ends: string[] }

/**
 * Alice (Europe/Berlin) trained 4 days ago, 2 days ago just after local midnight (still 3 days ago
 * in UTC) and yesterday; plus a session in progress and a cancelled one that must not count.
 *   S1: bench 100×5, 100×5, squat 140×3, warm-up bench 60×10 → 1420 kg, 3 sets, 13 reps, 50 min
 *   S2: row 60×10, 60×8 → 1080 kg, 2 sets, 18 reps, 40 min
 *   S3: bench 102.5×2, plank 60 s → 205 kg, 2 sets, 2 reps, 30 min
 */
export async function aliceHistory (app: FastifyInstance, userId: number): Promise<History> {
  const zone = 'Europe/Berlin'
  await setTimezone(app, userId, zone)
  const bench = await exercise(app, 'Bench Press', ['chest'])
  const squat = await exercise(app, 'Squat', ['quadriceps', 'glutes'])
  const row = await exercise(app, 'Row', ['back'])
  const plank = await exercise(app, 'Plank', ['core'])
  const ends = [localTime(4, zone, 12 * 60), localTime(2, zone, 30), localTime(1, zone, 18 * 60)]
  const s1 = await session(app, userId, {
    end: ends[0],
    duration: 50,
    sets: [
      { exercise: bench, reps: 10, weight: 60, warmup: true },
      { exercise: bench, reps: 5, weight: 100 },
      { exercise: bench, reps: 5, weight: 100 },
      { exercise: squat, reps: 3, weight: 140 }
    ]
  })
  const s2 = await session(app, userId, { end: ends[1], duration: 40, sets: [{ exercise: row, reps: 10, weight: 60 }, { exercise: row, reps: 8, weight: 60 }] })
  const s3 = await session(app, userId, { end: ends[2], duration: 30, sets: [{ exercise: bench, reps: 2, weight: 102.5 }, { exercise: plank, duration_seconds: 60 }] })
  await session(app, userId, { status: 'in_progress', sets: [{ exercise: bench, reps: 1, weight: 200 }] })
  await session(app, userId, { status: 'cancelled', sets: [{ exercise: squat, reps: 1, weight: 300 }] })
  return { bench, squat, row, plank, s1, s2, s3, ends }
}

/** Someone else's heavy training, on the same exercises: never counted for anyone else. */
export async function otherHistory (app: FastifyInstance, userId: number, history: History): Promise<void> {
  await session(app, userId, {
    end: localTime(1, 'UTC', 600),
    sets: Array.from({ length: 10 }, () => ({ exercise: history.row, reps: 20, weight: 250 }))
  })
}

/**
 * Fixed dates around the 2026 spring DST change, for the period endpoints (explicit ranges):
 *   A ends 2026-03-29T22:30Z — Monday 03-30 00:30 in Berlin, Sunday 03-29 in UTC; bench 100×5 (500), 45 min
 *   B ends 2026-03-31T22:30Z — Wednesday 04-01 in Berlin, Tuesday 03-31 in UTC; squat 100×10 twice (2000), 30 min
 *   C ends 2026-04-15T10:00Z — bench 90×8 (720) and a warm-up 50×10, 60 min
 */
export async function springHistory (app: FastifyInstance, userId: number, ex: { bench: ObjectId, squat: ObjectId }): Promise<void> {
  await session(app, userId, { end: '2026-03-29T22:30:00.000Z', duration: 45, sets: [{ exercise: ex.bench, reps: 5, weight: 100 }] })
  await session(app, userId, { end: '2026-03-31T22:30:00.000Z', duration: 30, sets: [{ exercise: ex.squat, reps: 10, weight: 100 }, { exercise: ex.squat, reps: 10, weight: 100 }] })
  await session(app, userId, { end: '2026-04-15T10:00:00.000Z', duration: 60, sets: [{ exercise: ex.bench, reps: 10, weight: 50, warmup: true }, { exercise: ex.bench, reps: 8, weight: 90 }] })
}
