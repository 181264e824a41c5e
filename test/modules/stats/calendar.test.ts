import t from 'tap'
import {
  addDays, addPeriods, bucketStart, bucketsBetween, daysBetween, isTimeZone, localDate, localToday, monthStart, offsetSegments, startOfLocalDay, weekStart
} from '../../../src/modules/stats/calendar.js'

const at = (iso: string) => new Date(iso)

t.test('localToday: localDate of now, remembered per quarter hour and exact at each midnight', async (t) => {
  // In order, so each answer may come from the one before: last instant of a day, then the first of the next.
  for (const [zone, iso] of [
    ['Europe/Berlin', '2027-03-27T22:59:59.999Z'], ['Europe/Berlin', '2027-03-27T23:00:00.000Z'], ['Europe/Berlin', '2027-03-27T23:14:59.999Z'],
    ['Asia/Kathmandu', '2027-01-01T18:14:59.999Z'], ['Asia/Kathmandu', '2027-01-01T18:15:00.000Z'], ['Asia/Kathmandu', '2027-01-01T18:15:00.000Z'],
    ['America/Santiago', '2026-09-06T03:59:59.999Z'], ['America/Santiago', '2026-09-06T04:00:00.000Z']
  ]) {
    t.equal(localToday(zone, at(iso)), localDate(at(iso), zone), `${zone} at ${iso}`)
  }
})

t.test('localDate: the calendar day of an instant in a zone', async (t) => {
  t.equal(localDate(at('2026-11-22T23:30:00Z'), 'UTC'), '2026-11-22')
  t.equal(localDate(at('2026-11-22T23:30:00Z'), 'Europe/Berlin'), '2026-11-23', '23:30 UTC is already tomorrow in Berlin')
  t.equal(localDate(at('2026-11-23T04:30:00Z'), 'America/New_York'), '2026-11-22', '23:30 local in New York is 04:30 UTC the next day')
  t.equal(localDate(at('2026-03-28T23:30:00Z'), 'Europe/Berlin'), '2026-03-29', 'night of the spring change (CET, +1)')
  t.equal(localDate(at('2026-03-29T21:59:00Z'), 'Europe/Berlin'), '2026-03-29', 'last minute of the 23-hour day (CEST, +2)')
  t.equal(localDate(at('2026-03-29T22:00:00Z'), 'Europe/Berlin'), '2026-03-30')
  t.equal(localDate(at('2026-10-25T22:59:00Z'), 'Europe/Berlin'), '2026-10-25', 'last minute of the 25-hour day (CET, +1)')
  t.equal(localDate(at('2026-10-25T23:00:00Z'), 'Europe/Berlin'), '2026-10-26')
  t.equal(localDate(at('2026-01-01T18:29:00Z'), 'Asia/Kolkata'), '2026-01-01')
  t.equal(localDate(at('2026-01-01T18:30:00Z'), 'Asia/Kolkata'), '2026-01-02', 'half-hour offset')
})

t.test('startOfLocalDay: the first instant of a local day, DST included', async (t) => {
  const cases: Array<[string, string, string]> = [
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', 'Europe/Berlin', '2026-10-24T22:00:00.000Z'],
    ['2026-10-26', 'Europe/Berlin', '2026-10-25T23:00:00.000Z'],
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00.000Z'],
    ['2026-03-09', 'America/New_York', '2026-03-09T04:00:00.000Z'],
    ['2026-11-01', 'America/New_York', '2026-11-01T04:00:00.000Z'],
    ['2026-11-02', 'America/New_York', '2026-11-02T05:00:00.000Z'],
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z'], // midnight does not exist: the day starts at 01:00
    ['2026-04-05', 'America/Santiago', '2026-04-05T04:00:00.000Z'],
    ['2026-01-01', 'Asia/Kolkata', '2025-12-31T18:30:00.000Z'],
    ['2026-06-15', 'UTC', '2026-06-15T00:00:00.000Z']
  ]
  for (const [day, zone, expected] of cases) t.equal(startOfLocalDay(day, zone).toISOString(), expected, `${day} ${zone}`)
})

t.test('day arithmetic is calendar arithmetic', async (t) => {
  t.equal(addDays('2026-02-28', 1), '2026-03-01')
  t.equal(addDays('2024-02-28', 1), '2024-02-29')
  t.equal(addDays('2026-01-01', -1), '2025-12-31')
  t.equal(addDays('2026-03-29', 1), '2026-03-30')
  t.equal(daysBetween('2026-03-01', '2026-04-01'), 31)
  t.equal(daysBetween('2026-04-01', '2026-03-01'), -31)
})

t.test('ISO weeks start on Monday; months on the 1st', async (t) => {
  t.equal(weekStart('2026-11-22'), '2026-11-16', 'Sunday belongs to the week of the Monday before')
  t.equal(weekStart('2026-11-23'), '2026-11-23', 'Monday starts its own week')
  t.equal(weekStart('2026-01-01'), '2025-12-29', 'ISO week 1 of 2026 starts in 2025')
  t.equal(monthStart('2026-11-22'), '2026-11-01')
  t.equal(bucketStart('2026-03-31', 'month'), '2026-03-01')
  t.equal(bucketStart('2026-03-31', 'week'), '2026-03-30')
})

t.test('addPeriods moves whole buckets', async (t) => {
  t.equal(addPeriods('2026-11-22', 'week', -11), '2026-08-31')
  t.equal(addPeriods('2026-11-22', 'week', 1), '2026-11-23')
  t.equal(addPeriods('2026-01-31', 'month', 1), '2026-02-01')
  t.equal(addPeriods('2026-01-15', 'month', -13), '2024-12-01')
  t.equal(addPeriods('2026-11-22', 'month', -11), '2025-12-01')
  t.equal(addPeriods('2026-12-05', 'month', 1), '2027-01-01')
})

t.test('bucketsBetween lists every bucket, empty ones included', async (t) => {
  t.same(bucketsBetween('2025-12-30', '2026-01-13', 'week'), ['2025-12-29', '2026-01-05', '2026-01-12'])
  t.same(bucketsBetween('2025-11-15', '2026-02-02', 'month'), ['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01'])
  t.same(bucketsBetween('2026-11-22', '2026-11-22', 'week'), ['2026-11-16'], 'a single day is one bucket')
  t.equal(bucketsBetween('2021-11-23', '2026-11-22', 'week').length, 261)
})

t.test('zones', async (t) => {
  t.ok(isTimeZone('Europe/Berlin'))
  t.ok(isTimeZone('America/Argentina/Buenos_Aires'))
  t.notOk(isTimeZone('Mars/Olympus_Mons'))
})

t.test('offsetSegments: one segment per DST period, changes to the minute', async (t) => {
  const H = 3_600_000
  t.same(offsetSegments('Europe/Berlin', at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z')), [
    { start: Date.parse('2026-01-01T00:00:00Z'), offset: H },
    { start: Date.parse('2026-03-29T01:00:00Z'), offset: 2 * H },
    { start: Date.parse('2026-10-25T01:00:00Z'), offset: H }
  ])
  t.same(offsetSegments('America/New_York', at('2026-06-01T00:00:00Z'), at('2026-12-01T00:00:00Z')), [
    { start: Date.parse('2026-06-01T00:00:00Z'), offset: -4 * H },
    { start: Date.parse('2026-11-01T06:00:00Z'), offset: -5 * H }
  ])
  t.same(offsetSegments('UTC', at('2020-01-01T00:00:00Z'), at('2026-01-01T00:00:00Z')), [{ start: Date.parse('2020-01-01T00:00:00Z'), offset: 0 }])
  t.same(offsetSegments('Asia/Kolkata', at('2026-01-01T00:00:00Z'), at('2026-02-01T00:00:00Z')), [{ start: Date.parse('2026-01-01T00:00:00Z'), offset: 5.5 * H }])
})
