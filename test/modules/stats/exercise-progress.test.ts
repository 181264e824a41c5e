import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { exercise, session, setTimezone } from './fixtures.js'
import { springHistory } from './history.js'

const none = { max_weight: null, best_e1rm: null, volume: 0, reps: 0, sets: 0 }
const range = '&date_from=2026-03-23&date_to=2026-04-19'

t.test('GET /api/stats/exercises/:id/progress', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const bench = await exercise(app, 'Bench Press', ['chest'])
  const squat = await exercise(app, 'Squat', ['quadriceps', 'glutes'])
  const bobsPrivate = await exercise(app, 'Bob Press', ['chest'], bob.id, false)
  const alicesOwn = await exercise(app, 'Alice Curl', ['biceps'], alice.id, false)
  await setTimezone(app, alice.id, 'Europe/Berlin')
  await springHistory(app, alice.id, { bench, squat })
  // Bob's heavier bench the same week never shows up for Alice.
  await session(app, bob.id, { end: '2026-04-14T10:00:00.000Z', sets: [{ exercise: bench, reps: 3, weight: 200 }] })
  const get = async (id: string, query = '', headers = alice.headers) =>
    await app.inject({ url: `/api/stats/exercises/${id}/progress${query}`, headers })

  t.test('max weight, best e1RM (Epley), volume and reps per week', async (t) => {
    const res = await get(bench.toHexString(), `?period=week${range}`)
    t.equal(res.statusCode, 200)
    t.same(res.json(), {
      exercise_id: bench.toHexString(),
      formula: 'epley',
      period: 'week',
      date_from: '2026-03-23',
      date_to: '2026-04-19',
      timezone: 'Europe/Berlin',
      buckets: [
        { start: '2026-03-23', ...none },
        { start: '2026-03-30', max_weight: 100, best_e1rm: 116.67, volume: 500, reps: 5, sets: 1 }, // 100 × (1 + 5/30)
        { start: '2026-04-06', ...none },
        { start: '2026-04-13', max_weight: 90, best_e1rm: 114, volume: 720, reps: 8, sets: 1 } // 90 × (1 + 8/30); warm-up left out
      ]
    })
  })

  t.test('Brzycki, by month', async (t) => {
    const res = await get(bench.toHexString(), '?period=month&formula=brzycki&date_from=2026-03-01&date_to=2026-04-30')
    t.same(res.json().buckets, [
      { start: '2026-03-01', max_weight: 100, best_e1rm: 112.5, volume: 500, reps: 5, sets: 1 }, // 100 × 36 / 32
      { start: '2026-04-01', max_weight: 90, best_e1rm: 111.72, volume: 720, reps: 8, sets: 1 } // 90 × 36 / 29
    ])
  })

  t.test('a single set in a single bucket', async (t) => {
    const res = await get(squat.toHexString(), '?date_from=2026-04-01&date_to=2026-04-01')
    t.same(res.json().buckets, [{ start: '2026-03-30', max_weight: 100, best_e1rm: 133.33, volume: 2000, reps: 20, sets: 2 }])
  })

  t.test('an exercise the caller may see but never logged: empty buckets', async (t) => {
    const res = await get(alicesOwn.toHexString(), `?period=week${range}`)
    t.equal(res.statusCode, 200)
    t.same(res.json().buckets.map((b: object) => ({ ...b, start: undefined })), Array.from({ length: 4 }, () => ({ ...none, start: undefined })))
  })

  t.test('404 for an unknown exercise or someone else\'s private one', async (t) => {
    for (const id of ['0123456789abcdef01234567', bobsPrivate.toHexString()]) {
      const res = await get(id)
      t.equal(res.statusCode, 404)
      t.equal(res.json().code, 'NOT_FOUND')
    }
    t.equal((await get(alicesOwn.toHexString(), '', bob.headers)).statusCode, 404)
  })

  t.test('400 for a malformed id and bad parameters', async (t) => {
    const cases: Array<[string, string, string]> = [
      ['not-an-id', '', 'params/id'],
      [bench.toHexString(), '?formula=lander', 'querystring/formula'],
      [bench.toHexString(), '?period=day', 'querystring/period'],
      [bench.toHexString(), '?date_from=2026-04-02&date_to=2026-04-01', 'querystring/date_from'],
      [bench.toHexString(), '?date_to=2026-02-30', 'querystring/date_to']
    ]
    for (const [id, query, field] of cases) {
      const res = await get(id, query)
      t.equal(res.statusCode, 400, `${id}${query}`)
      t.equal(res.json().details[0].field, field, `${id}${query}`)
    }
  })

  t.test('401 without a token', async (t) => {
    t.equal((await app.inject({ url: `/api/stats/exercises/${bench.toHexString()}/progress` })).statusCode, 401)
  })
})

t.test('GET /api/stats/muscle-groups', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const bench = await exercise(app, 'Bench Press', ['chest'])
  const squat = await exercise(app, 'Squat', ['quadriceps', 'glutes'])
  await setTimezone(app, alice.id, 'Europe/Berlin')
  await springHistory(app, alice.id, { bench, squat })
  await session(app, bob.id, { end: '2026-04-14T10:00:00.000Z', sets: [{ exercise: bench, reps: 3, weight: 200 }] })
  const get = async (query: string, headers = alice.headers) => await app.inject({ url: `/api/stats/muscle-groups${query}`, headers })

  t.test('volume and sets per primary muscle per week; a set counts fully for each of its muscles', async (t) => {
    const res = await get(`?period=week${range}`)
    t.equal(res.statusCode, 200)
    t.same(res.json(), {
      period: 'week',
      date_from: '2026-03-23',
      date_to: '2026-04-19',
      timezone: 'Europe/Berlin',
      buckets: [
        { start: '2026-03-23', muscle_groups: [] },
        {
          start: '2026-03-30',
          muscle_groups: [
            { muscle: 'glutes', volume: 2000, sets: 2 },
            { muscle: 'quadriceps', volume: 2000, sets: 2 },
            { muscle: 'chest', volume: 500, sets: 1 }
          ]
        },
        { start: '2026-04-06', muscle_groups: [] },
        { start: '2026-04-13', muscle_groups: [{ muscle: 'chest', volume: 720, sets: 1 }] }
      ]
    })
  })

  t.test('by month; another user only sees theirs', async (t) => {
    const months = (await get('?period=month&date_from=2026-03-01&date_to=2026-04-30')).json()
    t.same(months.buckets, [
      { start: '2026-03-01', muscle_groups: [{ muscle: 'chest', volume: 500, sets: 1 }] },
      {
        start: '2026-04-01',
        muscle_groups: [{ muscle: 'glutes', volume: 2000, sets: 2 }, { muscle: 'quadriceps', volume: 2000, sets: 2 }, { muscle: 'chest', volume: 720, sets: 1 }]
      }
    ])
    const theirs = (await get('?period=month&date_from=2026-04-01&date_to=2026-04-30', bob.headers)).json()
    t.same(theirs.buckets, [{ start: '2026-04-01', muscle_groups: [{ muscle: 'chest', volume: 600, sets: 1 }] }])
  })

  t.test('empty history, 400s and 401', async (t) => {
    const carol = await createUser(app)
    t.same((await get('?period=month&date_from=2026-01-01&date_to=2026-02-28', carol.headers)).json().buckets,
      [{ start: '2026-01-01', muscle_groups: [] }, { start: '2026-02-01', muscle_groups: [] }])
    const bad = await get('?period=fortnight&date_from=1.1.2026')
    t.equal(bad.statusCode, 400)
    t.same(bad.json().details.map((d: { field: string }) => d.field).sort(), ['querystring/date_from', 'querystring/period'])
    t.equal((await app.inject({ url: '/api/stats/muscle-groups' })).statusCode, 401)
  })
})
