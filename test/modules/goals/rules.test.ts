import t from 'tap'
import { FieldError } from '../../../src/errors.js'
import { assertShape, deriveDirection, isMet, percentOf, statusOf, weekOf } from '../../../src/modules/goals/rules.js'

function failingField (check: () => void): string | null {
  try {
    check()
    return null
  } catch (error) {
    return error instanceof FieldError ? error.field : null
  }
}

t.test('weekOf: Monday to Sunday of the local week, instants at local midnight', async (t) => {
  // Sunday 2026-03-29 23:30 UTC is Monday 01:30 in Berlin (summer time began that Sunday, UTC+2).
  const berlin = weekOf(new Date('2026-03-29T23:30:00Z'), 'Europe/Berlin')
  t.same(berlin, { start: '2026-03-30', end: '2026-04-05', from: new Date('2026-03-29T22:00:00Z'), to: new Date('2026-04-05T22:00:00Z') })
  const utc = weekOf(new Date('2026-03-29T23:30:00Z'), 'UTC')
  t.same(utc, { start: '2026-03-23', end: '2026-03-29', from: new Date('2026-03-23T00:00:00Z'), to: new Date('2026-03-30T00:00:00Z') })
  // New York, across its DST start (2026-03-08): a 167-hour week.
  const ny = weekOf(new Date('2026-03-05T12:00:00Z'), 'America/New_York')
  t.same([ny.from, ny.to], [new Date('2026-03-02T05:00:00Z'), new Date('2026-03-09T04:00:00Z')])
})

t.test('isMet and percentOf', async (t) => {
  const lose = { type: 'body_weight' as const, target: 78, direction: 'lose' as const, start_value: 80 }
  t.same([isMet(lose, 78), isMet(lose, 78.1), isMet(lose, null)], [true, false, false])
  t.same([percentOf(lose, 79), percentOf(lose, 81), percentOf(lose, 70), percentOf({ ...lose, start_value: null }, 79)], [50, 0, 100, 0])
  const gain = { type: 'body_weight' as const, target: 75, direction: 'gain' as const, start_value: 70 }
  t.same([isMet(gain, 75), percentOf(gain, 72.5), percentOf(gain, 69)], [true, 50, 0])
  const lift = { type: 'lift' as const, target: 120, direction: null, start_value: null }
  t.same([percentOf(lift, 110), percentOf(lift, 130), isMet(lift, 120)], [91.67, 100, true])
  t.same([deriveDirection(70, 80), deriveDirection(90, 80), deriveDirection(80, 80), deriveDirection(70, null)], ['lose', 'gain', 'gain', 'gain'])
})

t.test('statusOf: achieved wins, then the deadline (a local day)', async (t) => {
  t.equal(statusOf({ achieved_at: new Date(), deadline: '2001-01-01' }, '2026-01-01'), 'achieved')
  t.equal(statusOf({ achieved_at: null, deadline: '2025-12-31' }, '2026-01-01'), 'expired')
  t.equal(statusOf({ achieved_at: null, deadline: '2026-01-01' }, '2026-01-01'), 'active', 'the deadline day itself is still active')
  t.equal(statusOf({ achieved_at: null, deadline: null }, '2026-01-01'), 'active')
})

t.test('assertShape: type-specific fields and ranges', async (t) => {
  t.doesNotThrow(() => assertShape({ type: 'lift', target: 100, exercise_id: 'x', measure: 'e1rm' }))
  t.equal(failingField(() => assertShape({ type: 'lift', target: 100 })), 'body/exercise_id')
  t.equal(failingField(() => assertShape({ type: 'sessions_per_week', target: 3.5 })), 'body/target')
  t.equal(failingField(() => assertShape({ type: 'body_weight', target: 600 })), 'body/target')
  t.equal(failingField(() => assertShape({ type: 'volume_per_week', target: 100, direction: 'gain' })), 'body/direction')
})
