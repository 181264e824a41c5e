import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { bucketsBetween, localDate, weekStart } from '../../../src/modules/stats/calendar.js'
import { exercise, session, setTimezone } from './fixtures.js'
import { springHistory } from './history.js'

const zero = { sessions: 0, duration_minutes: 0, volume: 0, sets: 0 }

t.test('GET /api/stats/progress', async (t) => {
  const app = await build(t)
  const alice = await createUser(app) // Europe/Berlin
  const bob = await createUser(app) // UTC, the same training
  const bench = await exercise(app, 'Bench Press', ['chest'])
  const squat = await exercise(app, 'Squat', ['quadriceps', 'glutes'])
  await setTimezone(app, alice.id, 'Europe/Berlin')
  await springHistory(app, alice.id, { bench, squat })
  await springHistory(app, bob.id, { bench, squat })
  await session(app, bob.id, { end: '2026-04-14T10:00:00.000Z', duration: 10, sets: [{ exercise: bench, reps: 1, weight: 1 }] })
  const get = async (query: string, headers = alice.headers) => await app.inject({ url: `/api/stats/progress${query}`, headers })

  t.test('weeks in the caller\'s zone, empty weeks included', async (t) => {
    const res = await get('?period=week&date_from=2026-03-23&date_to=2026-04-19')
    t.equal(res.statusCode, 200)
    t.same(res.json(), {
      period: 'week',
      date_from: '2026-03-23',
      date_to: '2026-04-19',
      timezone: 'Europe/Berlin',
      buckets: [
        { start: '2026-03-23', ...zero },
        { start: '2026-03-30', sessions: 2, duration_minutes: 75, volume: 2500, sets: 3 },
        { start: '2026-04-06', ...zero },
        { start: '2026-04-13', sessions: 1, duration_minutes: 60, volume: 720, sets: 1 }
      ]
    })
  })

  t.test('the same sessions fall into other weeks and months in UTC', async (t) => {
    const weeks = (await get('?date_from=2026-03-23&date_to=2026-04-19', bob.headers)).json()
    t.same(weeks.buckets.map((b: { sessions: number }) => b.sessions), [1, 1, 0, 2])
    t.equal(weeks.timezone, 'UTC')
    const months = (await get('?period=month&date_from=2026-03-01&date_to=2026-04-30', bob.headers)).json()
    t.same(months.buckets, [
      { start: '2026-03-01', sessions: 2, duration_minutes: 75, volume: 2500, sets: 3 },
      { start: '2026-04-01', sessions: 2, duration_minutes: 70, volume: 721, sets: 2 }
    ])
  })

  t.test('months in Berlin', async (t) => {
    const res = await get('?period=month&date_from=2026-03-01&date_to=2026-04-30')
    t.same(res.json().buckets, [
      { start: '2026-03-01', sessions: 1, duration_minutes: 45, volume: 500, sets: 1 },
      { start: '2026-04-01', sessions: 2, duration_minutes: 90, volume: 2720, sets: 3 }
    ])
  })

  t.test('the range is exact: a partial first week counts only its days from date_from', async (t) => {
    const res = await get('?date_from=2026-03-31&date_to=2026-04-01')
    t.same(res.json().buckets, [{ start: '2026-03-30', sessions: 1, duration_minutes: 30, volume: 2000, sets: 2 }])
  })

  t.test('defaults: 12 weeks up to today', async (t) => {
    const body = (await get('')).json()
    const today = localDate(new Date(), 'Europe/Berlin')
    t.equal(body.period, 'week')
    t.equal(body.date_to, today)
    t.equal(body.buckets.length, 12)
    t.equal(body.buckets[11].start, weekStart(today))
    t.same(body.buckets.map((b: { start: string }) => b.start), bucketsBetween(body.date_from, today, 'week'))
  })

  t.test('empty history: every bucket empty', async (t) => {
    const carol = await createUser(app)
    const body = (await get('?period=month&date_from=2026-01-01&date_to=2026-03-31', carol.headers)).json()
    t.same(body.buckets, ['2026-01-01', '2026-02-01', '2026-03-01'].map((start) => ({ start, ...zero })))
  })

  t.test('400 for bad parameters', async (t) => {
    const cases: Array<[string, string]> = [
      ['?period=year', 'querystring/period'],
      ['?date_from=2026-13-01', 'querystring/date_from'],
      ['?date_to=yesterday', 'querystring/date_to'],
      ['?date_from=2026-05-02&date_to=2026-05-01', 'querystring/date_from'],
      ['?date_from=2020-01-01&date_to=2026-01-01', 'querystring/date_from'],
      ['?page=2', 'querystring/page']
    ]
    for (const [query, field] of cases) {
      const res = await get(query)
      t.equal(res.statusCode, 400, query)
      t.equal(res.json().details[0].field, field, query)
    }
  })

  t.test('401 without a token', async (t) => {
    t.equal((await app.inject({ url: '/api/stats/progress' })).statusCode, 401)
  })
})
