import t from 'tap'
import { MongoServerError } from 'mongodb'
import { target } from './target.js'

const { db } = await target('embedded_timezones')
const coll = db.collection('times')
// A Monday evening in UTC (already Tuesday in India), and a morning just after New York's 2024 spring-forward.
await coll.insertMany([
  { _id: 1 as never, at: new Date('2024-01-15T23:45:30.250Z'), end: new Date('2024-01-16T01:00:00Z') },
  { _id: 2 as never, at: new Date('2024-03-10T12:00:00Z'), end: new Date('2024-03-09T17:00:00Z') }
])

async function first (expr: Record<string, unknown>, id = 1): Promise<unknown> {
  const [doc] = await coll.aggregate([{ $match: { _id: id } }, { $project: { _id: 0, v: expr } }]).toArray()
  return doc.v
}

t.test('every Olson name and offset form is accepted', async t => {
  const zones: Array<[string, number, string]> = [
    ['UTC', 23, '2024-01-15 23:45 +0000'],
    ['GMT', 23, '2024-01-15 23:45 +0000'],
    ['Etc/UTC', 23, '2024-01-15 23:45 +0000'],
    ['America/Argentina/Buenos_Aires', 20, '2024-01-15 20:45 -0300'],
    ['Asia/Kolkata', 5, '2024-01-16 05:15 +0530'],
    ['+05:30', 5, '2024-01-16 05:15 +0530'],
    ['+0530', 5, '2024-01-16 05:15 +0530'],
    ['-03', 20, '2024-01-15 20:45 -0300']
  ]
  for (const [timezone, hour, text] of zones) {
    t.equal(await first({ $hour: { date: '$at', timezone } }), hour, `$hour in ${timezone}`)
    t.equal(await first({ $dateToString: { date: '$at', format: '%Y-%m-%d %H:%M %z', timezone } }), text, `$dateToString in ${timezone}`)
  }
  t.equal(await first({ $dayOfMonth: { date: '$at', timezone: '+05:30' } }), 16)
  t.equal(await first({ $isoDayOfWeek: { date: '$at', timezone: 'Asia/Kolkata' } }), 2)
  t.same(await first({ $dateToParts: { date: '$at', timezone: 'UTC' } }), { year: 2024, month: 1, day: 15, hour: 23, minute: 45, second: 30, millisecond: 250 })
  t.same(await first({ $dateToParts: { date: '$at', timezone: '+05:30' } }), { year: 2024, month: 1, day: 16, hour: 5, minute: 15, second: 30, millisecond: 250 })
})

t.test('$dateTrunc, $dateDiff, $dateAdd and $dateFromParts work in local time', async t => {
  t.same(await first({ $dateTrunc: { date: '$at', unit: 'day', timezone: 'Etc/UTC' } }), new Date('2024-01-15T00:00:00Z'))
  t.same(await first({ $dateTrunc: { date: '$at', unit: 'day', timezone: '+05:30' } }), new Date('2024-01-15T18:30:00Z'))
  t.same(await first({ $dateTrunc: { date: '$at', unit: 'day', timezone: 'America/New_York' } }, 2), new Date('2024-03-10T05:00:00Z'), 'midnight before the change is EST')
  t.equal(await first({ $hour: { date: '$at', timezone: 'America/New_York' } }, 2), 8)
  t.equal(await first({ $dateDiff: { startDate: '$at', endDate: '$end', unit: 'day', timezone: 'UTC' } }), 1)
  t.equal(await first({ $dateDiff: { startDate: '$at', endDate: '$end', unit: 'day', timezone: 'America/New_York' } }), 0)
  t.same(await first({ $dateAdd: { startDate: '$end', unit: 'day', amount: 1, timezone: 'America/New_York' } }, 2), new Date('2024-03-10T16:00:00Z'), 'a day keeps the wall clock across DST')
  t.same(await first({ $dateAdd: { startDate: '$end', unit: 'hour', amount: 24, timezone: 'America/New_York' } }, 2), new Date('2024-03-10T17:00:00Z'))
  t.same(await first({ $dateFromParts: { year: 2024, month: 1, day: 15, hour: 20, timezone: 'America/Argentina/Buenos_Aires' } }), new Date('2024-01-15T23:00:00Z'))
  t.same(await first({ $dateFromParts: { year: 2024, month: 7, day: 1, hour: 12, timezone: 'America/New_York' } }), new Date('2024-07-01T16:00:00Z'))
  t.same(await first({ $dateFromString: { dateString: '2024-07-01T12:00:00', timezone: 'America/New_York' } }), new Date('2024-07-01T16:00:00Z'))
})

t.test('an unknown zone is an error', async t => {
  const err = await first({ $hour: { date: '$at', timezone: 'Mars/Olympus' } }).catch((e: unknown) => e)
  t.ok(err instanceof MongoServerError)
  t.equal((err as MongoServerError).code, 40485)
})
