import t from 'tap'
import { ObjectId } from 'mongodb'
import { adherenceByWeek, isMissed, localInstant, plannedDays, weekProblems } from '../../../src/modules/programs/rules.js'

t.test('localInstant: the local wall-clock time of a day, across DST changes and zones', async (t) => {
  const cases: Array<[string, string, string, string]> = [
    ['2027-03-27', '09:00', 'Europe/Berlin', '2027-03-27T08:00:00.000Z'],
    ['2027-03-28', '09:00', 'Europe/Berlin', '2027-03-28T07:00:00.000Z'],
    ['2027-03-28', '00:00', 'Europe/Berlin', '2027-03-27T23:00:00.000Z'],
    ['2027-03-28', '02:30', 'Europe/Berlin', '2027-03-28T01:30:00.000Z'], // inside the gap: 03:30 CEST
    ['2027-10-31', '02:30', 'Europe/Berlin', '2027-10-31T01:30:00.000Z'], // the overlap: its later occurrence (CET)
    ['2027-10-31', '09:00', 'Europe/Berlin', '2027-10-31T08:00:00.000Z'],
    ['2027-03-14', '09:00', 'America/New_York', '2027-03-14T13:00:00.000Z'],
    ['2027-03-13', '09:00', 'America/New_York', '2027-03-13T14:00:00.000Z'],
    ['2027-04-04', '09:00', 'Australia/Sydney', '2027-04-03T23:00:00.000Z'], // AEDT ends that morning: 09:00 AEST = UTC+10
    ['2027-01-01', '00:00', 'Pacific/Kiritimati', '2026-12-31T10:00:00.000Z'],
    ['2027-06-01', '23:59', 'UTC', '2027-06-01T23:59:00.000Z']
  ]
  for (const [day, time, zone, expected] of cases) t.equal(localInstant(day, time, zone).toISOString(), expected, `${day} ${time} ${zone}`)
})

t.test('plannedDays: week w, day d is start + 7(w − 1) + (d − 1)', async (t) => {
  const workout = new ObjectId()
  const weeks = [{ days: [{ day: 1, workout_id: workout, notes: '' }, { day: 7, workout_id: workout, notes: 'long' }] }, { days: [] }, { days: [{ day: 2, workout_id: workout, notes: '' }] }]
  t.same(plannedDays(weeks, '2027-02-22').map((d) => [d.week, d.day, d.date]), [[1, 1, '2027-02-22'], [1, 7, '2027-02-28'], [3, 2, '2027-03-09']])
})

t.test('weekProblems: one entry per day, at least one training day', async (t) => {
  const w = '0123456789abcdef01234567'
  t.same(weekProblems([{ days: [{ day: 1, workout: w }, { day: 2, workout: w }] }]), [])
  t.same(weekProblems([{ days: [] }, { days: [{ day: 4, workout: w }, { day: 4, workout: w }] }]), [{ field: 'body/weeks/1/days/1/day', message: 'duplicates day 4 of entry 0' }])
  t.same(weekProblems([{ days: [] }]), [{ field: 'body/weeks', message: 'must hold at least one training day' }])
})

t.test('adherence: missed once the local day is over and not completed', async (t) => {
  const at = (iso: string) => new Date(iso)
  // 23:30Z on the 9th is already the 10th in Berlin.
  t.equal(isMissed({ id: 'a', week: 1, day: 1, status: 'planned', scheduled_for: at('2027-03-09T23:30:00Z') }, '2027-03-10', 'Europe/Berlin'), false)
  t.equal(isMissed({ id: 'a', week: 1, day: 1, status: 'planned', scheduled_for: at('2027-03-09T23:30:00Z') }, '2027-03-10', 'UTC'), true)
  const sessions = [
    { id: 'c', week: 2, day: 1, status: 'planned' as const, scheduled_for: at('2027-03-15T08:00:00Z') },
    { id: 'a', week: 1, day: 1, status: 'completed' as const, scheduled_for: at('2027-03-01T08:00:00Z') },
    { id: 'b', week: 1, day: 3, status: 'cancelled' as const, scheduled_for: at('2027-03-03T08:00:00Z') },
    { id: 'd', week: 1, day: 5, status: 'planned' as const, scheduled_for: at('2027-03-10T08:00:00Z') }
  ]
  const result = adherenceByWeek(sessions, '2027-03-10', 'UTC')
  t.same(result.totals, { planned: 4, completed: 1, missed: 1, upcoming: 2 })
  t.same(result.weeks.map(({ sessions: list, ...counts }) => ({ ...counts, ids: list.map((s) => s.id) })), [
    { week: 1, planned: 3, completed: 1, missed: 1, upcoming: 1, ids: ['a', 'b', 'd'] },
    { week: 2, planned: 1, completed: 0, missed: 0, upcoming: 1, ids: ['c'] }
  ])
})
