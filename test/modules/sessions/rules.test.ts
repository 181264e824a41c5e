import t from 'tap'
import { Aggregator } from 'mingo'
import {
  durationMinutes, isClosed, nextStatus, refusal, sessionDate, totalsFrom, totalsPipeline
} from '../../../src/modules/sessions/rules.js'

t.test('the state machine allows exactly the documented moves', async (t) => {
  const table = {
    planned: { start: 'in_progress', complete: null, cancel: 'cancelled' },
    in_progress: { start: null, complete: 'completed', cancel: 'cancelled' },
    completed: { start: null, complete: null, cancel: null },
    cancelled: { start: null, complete: null, cancel: null }
  } as const
  for (const [status, actions] of Object.entries(table)) {
    for (const [action, expected] of Object.entries(actions)) {
      t.equal(nextStatus(status as keyof typeof table, action as 'start'), expected, `${action} from ${status}`)
    }
  }
})

t.test('a refusal names the current and the required state', async (t) => {
  t.equal(refusal('completed', 'start'), 'Cannot start a session that is completed; it must be planned')
  t.equal(refusal('planned', 'complete'), 'Cannot complete a session that is planned; it must be in progress')
  t.equal(refusal('cancelled', 'cancel'), 'Cannot cancel a session that is cancelled; it must be planned or in progress')
})

t.test('completed and cancelled sessions are closed', async (t) => {
  t.same(['planned', 'in_progress', 'completed', 'cancelled'].map((s) => isClosed(s as 'planned')), [false, false, true, true])
})

t.test('duration is whole minutes, rounded, never negative', async (t) => {
  const start = new Date('2026-11-22T08:00:00Z')
  t.equal(durationMinutes(start, new Date('2026-11-22T08:55:29Z')), 55)
  t.equal(durationMinutes(start, new Date('2026-11-22T08:55:30Z')), 56)
  t.equal(durationMinutes(start, start), 0)
  t.equal(durationMinutes(start, new Date('2026-11-22T07:59:00Z')), 0)
})

t.test('session_date prefers start, then schedule, then creation', async (t) => {
  const a = new Date('2026-01-01T00:00:00Z')
  const b = new Date('2026-02-01T00:00:00Z')
  const c = new Date('2026-03-01T00:00:00Z')
  t.equal(sessionDate({ start_time: a, scheduled_for: b, created_at: c }), a)
  t.equal(sessionDate({ start_time: null, scheduled_for: b, created_at: c }), b)
  t.equal(sessionDate({ start_time: null, scheduled_for: null, created_at: c }), c)
})

t.test('totals count working sets only: Σ reps × weight, missing values as 0', async (t) => {
  const logs = [
    { s: 1, reps: 10, weight: 20, is_warmup: true },
    { s: 1, reps: 8, weight: 80.5, is_warmup: false },
    { s: 1, reps: 6, weight: 85, is_warmup: false },
    { s: 1, reps: 12, weight: null, is_warmup: false },
    { s: 1, reps: null, weight: null, duration_seconds: 60, is_warmup: false },
    { s: 2, reps: 100, weight: 100, is_warmup: false }
  ]
  const [group] = new Aggregator(totalsPipeline({ s: 1 })).run(logs)
  t.same(totalsFrom(group as never), { total_volume: 8 * 80.5 + 6 * 85, total_sets: 4, total_reps: 26 })
})

t.test('no working sets means zero totals, and volume is rounded to 0.01', async (t) => {
  t.same(totalsFrom(undefined), { total_volume: 0, total_sets: 0, total_reps: 0 })
  t.equal(totalsFrom({ total_volume: 0.1 * 3, total_sets: 1, total_reps: 3 }).total_volume, 0.3)
})
