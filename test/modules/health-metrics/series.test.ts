import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { fieldsOf } from '../sessions/fixtures.js'
import { setTimezone } from '../stats/fixtures.js'
import { point, post, URL } from './fixtures.js'

const EMPTY = { count: 0, min: null, max: null, avg: null, last: null }

// Europe/Berlin: summer time ends 2026-10-25 at 01:00 UTC (that local day has 25 hours) and
// starts 2026-03-29 at 01:00 UTC (23 hours). Every expectation below is worked out by hand.
t.test('GET /api/health-metrics/series: buckets in the profile\'s time zone', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  await setTimezone(app, alice.id, 'Europe/Berlin')
  const weights: Array<[string, number]> = [
    ['2026-09-30T21:30:00Z', 20.5], // 23:30 CEST Sep 30: before every range below
    ['2026-09-30T22:30:00Z', 69], // 00:30 CEST Oct 1 (Sep 30 in UTC)
    ['2026-10-24T21:30:00Z', 70], // 23:30 CEST Oct 24
    ['2026-10-24T22:30:00Z', 71], // 00:30 CEST Oct 25 (Oct 24 in UTC)
    ['2026-10-25T22:30:00Z', 73], // 23:30 CET Oct 25 — after the change, still Oct 25 (Oct 26 in summer time)
    ['2026-10-25T10:00:00Z', 72], // 11:00 CET Oct 25, written after the later point: last goes by measured_at
    ['2026-10-25T23:30:00Z', 74], // 00:30 CET Oct 26
    ['2026-10-31T22:30:00Z', 75], // 23:30 CET Oct 31
    ['2026-10-31T23:30:00Z', 76], // 00:30 CET Nov 1 (Oct 31 in UTC)
    ['2026-03-28T23:30:00Z', 66], // 00:30 CET Mar 29
    ['2026-03-29T22:30:00Z', 67] //  00:30 CEST Mar 30 (Mar 29 in winter time)
  ]
  for (const [at, value] of weights) t.equal((await post(app, alice, point({ value, measured_at: at }))).statusCode, 201)
  await post(app, alice, point({ value: 99, measured_at: '2026-10-25T12:00:00Z', source: 'Withings Body+' }))
  const series = async (query: string, user = alice) => app.inject({ url: `${URL}/series?${query}`, headers: user.headers })
  const buckets = async (query: string) => {
    const res = await series(query)
    if (res.statusCode !== 200) throw new Error(`${query} → ${res.statusCode} ${res.body.slice(0, 300)}`)
    return res.json().buckets
  }

  t.test('per day across the end of summer time: the 25-hour day holds its late-evening point', async (t) => {
    const res = await series('type=body_weight&interval=day&date_from=2026-10-24&date_to=2026-10-26&source=manual')
    t.match(res.json(), { type: 'body_weight', unit: 'kg', interval: 'day', date_from: '2026-10-24', date_to: '2026-10-26', timezone: 'Europe/Berlin' })
    t.same(res.json().buckets, [
      { start: '2026-10-24', count: 1, min: 70, max: 70, avg: 70, last: 70 },
      { start: '2026-10-25', count: 3, min: 71, max: 73, avg: 72, last: 73 },
      { start: '2026-10-26', count: 1, min: 74, max: 74, avg: 74, last: 74 }
    ])
    const all = await buckets('type=body_weight&interval=day&date_from=2026-10-25&date_to=2026-10-25')
    t.same(all, [{ start: '2026-10-25', count: 4, min: 71, max: 99, avg: 78.75, last: 73 }], 'every source without the filter')
  })

  t.test('per day across the start of summer time (a 23-hour day), empty days listed', async (t) => {
    t.same(await buckets('type=body_weight&date_from=2026-03-28&date_to=2026-03-31'), [
      { start: '2026-03-28', ...EMPTY },
      { start: '2026-03-29', count: 1, min: 66, max: 66, avg: 66, last: 66 },
      { start: '2026-03-30', count: 1, min: 67, max: 67, avg: 67, last: 67 },
      { start: '2026-03-31', ...EMPTY }
    ])
  })

  t.test('per month: local month boundaries at both ends', async (t) => {
    t.same(await buckets('type=body_weight&interval=month&date_from=2026-10-01&date_to=2026-11-30&source=manual'), [
      { start: '2026-10-01', count: 7, min: 69, max: 75, avg: 72, last: 75 },
      { start: '2026-11-01', count: 1, min: 76, max: 76, avg: 76, last: 76 }
    ])
  })

  t.test('per ISO week: a week cut by date_from keeps its Monday as label and counts only days in range', async (t) => {
    t.same(await buckets('type=body_weight&interval=week&date_from=2026-10-21&date_to=2026-11-01&source=manual'), [
      { start: '2026-10-19', count: 4, min: 70, max: 73, avg: 71.5, last: 73 },
      { start: '2026-10-26', count: 3, min: 74, max: 76, avg: 75, last: 76 }
    ])
  })

  t.test('blood pressure: diastolic figures of their own; custom types report their unit', async (t) => {
    await post(app, alice, { type: 'blood_pressure', value: 120, diastolic: 80, measured_at: '2026-10-10T06:00:00Z' })
    await post(app, alice, { type: 'blood_pressure', value: 130, diastolic: 85, measured_at: '2026-10-10T18:00:00Z' })
    t.same(await buckets('type=blood_pressure&date_from=2026-10-10&date_to=2026-10-11'), [
      { start: '2026-10-10', count: 2, min: 120, max: 130, avg: 125, last: 130, diastolic: { min: 80, max: 85, avg: 82.5, last: 85 } },
      { start: '2026-10-11', ...EMPTY, diastolic: { min: null, max: null, avg: null, last: null } }
    ])
    await post(app, alice, { type: 'custom:grip', value: 40, unit: 'kgf', measured_at: '2026-10-10T06:00:00Z' })
    const grip = await series('type=custom:grip&date_from=2026-10-10&date_to=2026-10-10')
    t.match(grip.json(), { unit: 'kgf', buckets: [{ count: 1, last: 40 }] })
    t.equal((await series('type=custom:never&date_from=2026-10-10&date_to=2026-10-10')).json().unit, null)
  })

  t.test('answers are cached, and every write is seen by the next answer', async (t) => {
    const query = 'type=hrv&date_from=2026-05-01&date_to=2026-05-01'
    const counts = async () => (await buckets(query)).map((b: { count: number, max: number | null }) => [b.count, b.max])
    t.same(await counts(), [[0, null]])
    t.same(await counts(), [[0, null]], 'the same answer from the cache')
    const created = await post(app, alice, { type: 'hrv', value: 40, measured_at: '2026-05-01T10:00:00Z' })
    t.same(await counts(), [[1, 40]], 'after POST')
    await app.inject({ method: 'POST', url: `${URL}/bulk`, headers: alice.headers, payload: { points: [{ type: 'hrv', value: 45, measured_at: '2026-05-01T11:00:00Z' }] } })
    t.same(await counts(), [[2, 45]], 'after bulk')
    await app.inject({ method: 'PATCH', url: `${URL}/${created.json().id}`, headers: alice.headers, payload: { value: 90 } })
    t.same(await counts(), [[2, 90]], 'after PATCH')
    await app.inject({ method: 'DELETE', url: `${URL}/${created.json().id}`, headers: alice.headers })
    t.same(await counts(), [[1, 45]], 'after DELETE')
  })

  t.test('defaults: the last 30 days in the profile\'s zone, UTC without a profile', async (t) => {
    const bob = await createUser(app)
    const res = await series('type=steps', bob)
    t.equal(res.statusCode, 200)
    t.equal(res.json().timezone, 'UTC')
    t.equal(res.json().buckets.length, 30)
    t.equal(res.json().date_to, new Date().toISOString().slice(0, 10))
    t.equal((await series('type=steps&interval=month', bob)).json().buckets.length, 12)
  })

  t.test('bad ranges and types: 400 naming the field; 401 without a token', async (t) => {
    const bad: Array<[string, string[]]> = [
      ['type=body_weight&date_from=2026-01-01&date_to=2026-12-31', ['querystring/date_from']],
      ['type=body_weight&date_from=2026-02-01&date_to=2026-01-01', ['querystring/date_from']],
      ['type=body_weight&interval=year', ['querystring/interval']],
      ['type=mood', ['querystring/type']],
      ['interval=day', ['querystring/type']],
      ['type=body_weight&date_from=0001-01-01', ['querystring/date_from']],
      ['type[$ne]=x', ['querystring/type', 'querystring/type[$ne]']],
      ['type=body_weight&user_id=abc', ['querystring/user_id']]
    ]
    for (const [query, fields] of bad) {
      const res = await series(query)
      t.equal(res.statusCode, 400, query)
      t.same(fieldsOf(res.json()), fields, `${query} → ${res.json().message}`)
    }
    t.equal((await series('type=body_weight&interval=week&date_from=2021-01-04&date_to=2026-10-01')).statusCode, 200, '300 weeks are fine')
    t.equal((await series('type=body_weight&interval=week&date_from=2021-01-03&date_to=2026-10-01')).statusCode, 400, '301 are not')
    t.equal((await app.inject({ url: `${URL}/series?type=body_weight` })).statusCode, 401)
  })
})
