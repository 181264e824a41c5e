import t from 'tap'
import { build } from '../helpers/build.js'
import { createUser } from '../helpers/users.js'
import { insertExercise } from '../modules/sessions/fixtures.js'
import { bucketsBetween, MAX_BUCKETS } from '../../src/modules/stats/calendar.js'

// Issue 9, class 1: dates outside four-digit years used to spin the stats bucket loop forever.
t.test('dates are bounded to the years 1900–2999 by the schema', async (t) => {
  const app = await build(t)
  const user = await createUser(app)
  const exercise = await insertExercise(app)
  const get = (url: string) => app.inject({ url, headers: user.headers })
  const periodRoutes = ['/api/stats/progress', '/api/stats/muscle-groups', `/api/stats/exercises/${exercise}/progress`]

  for (const route of periodRoutes) {
    for (const query of ['date_to=9999-12-31', 'date_from=0000-01-01', 'date_to=9999-12-31&period=month', 'date_to=1899-12-31', 'date_from=%2B010000-01-01']) {
      const res = await get(`${route}?${query}`)
      t.equal(res.statusCode, 400, `${route}?${query}`)
      t.match(res.json(), { code: 'VALIDATION_ERROR', details: [{ field: /^querystring\/date_(from|to)$/ }] })
    }
    const edge = await get(`${route}?date_to=2999-12-31&period=month`)
    t.equal(edge.statusCode, 200, `${route} at the last accepted day`)
    t.equal(edge.json().buckets.length, 12)
  }

  for (const url of ['/api/workout-sessions?date_to=9999-12-31', '/api/exercise-logs?date_from=0000-01-01T00:00:00Z']) {
    t.equal((await get(url)).statusCode, 400, url)
  }
  const far = await app.inject({ method: 'POST', url: '/api/workout-sessions', headers: user.headers, payload: { scheduled_for: '9999-12-31T00:00:00Z' } })
  t.equal(far.statusCode, 400, 'a session cannot be scheduled in year 9999')
})

t.test('bucket computation is bounded in work by construction', async (t) => {
  t.equal(bucketsBetween('2026-01-01', '2026-12-31', 'month').length, 12)
  t.equal(bucketsBetween('2999-12-01', '2999-12-31', 'week').at(-1), '2999-12-30')
  t.throws(() => bucketsBetween('1900-01-01', '2999-12-31', 'week'), RangeError, `more than ${MAX_BUCKETS} buckets is refused, not looped over`)
})
