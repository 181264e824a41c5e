import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { logIndexes } from '../../../src/modules/logs/repository.js'
import { createSession, fieldsOf, insertExercise, logSet } from '../sessions/fixtures.js'

t.test('GET /api/exercise-logs and /api/workout-sessions/{id}/logs', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const squat = await insertExercise(app, { name: 'Squat' })
  const lunge = await insertExercise(app, { name: 'Lunge' })
  const monday = await createSession(app, alice, 'in_progress')
  const tuesday = await createSession(app, alice, 'in_progress')
  const at = (day: string, time: string) => `2026-03-${day}T${time}:00.000Z`
  await logSet(app, alice, monday.id, { exercise: squat, reps: 5, weight: 100, completed_at: at('02', '08:00') })
  await logSet(app, alice, monday.id, { exercise: squat, reps: 5, weight: 105, completed_at: at('02', '08:05') })
  await logSet(app, alice, monday.id, { exercise: lunge, reps: 12, weight: 20, completed_at: at('02', '08:10') })
  await logSet(app, alice, tuesday.id, { exercise: squat, reps: 3, weight: 110, completed_at: at('03', '23:59') })
  await logSet(app, alice, tuesday.id, { exercise: lunge, reps: 10, completed_at: at('04', '00:00') })
  await logSet(app, bob, (await createSession(app, bob, 'in_progress')).id, { exercise: squat, reps: 1, weight: 200 })
  const get = async (url: string, user = alice) => {
    const res = await app.inject({ method: 'GET', url, headers: user.headers })
    return { status: res.statusCode, body: res.json() }
  }
  const weights = async (url: string) => (await get(url)).body.results.map((log: { weight: number | null }) => log.weight)

  t.test('only the caller\'s sets, latest completed first', async (t) => {
    const { status, body } = await get('/api/exercise-logs')
    t.equal(status, 200)
    t.equal(body.count, 5)
    t.same(body.results.map((log: { completed_at: string }) => log.completed_at), [at('04', '00:00'), at('03', '23:59'), at('02', '08:10'), at('02', '08:05'), at('02', '08:00')])
    t.equal((await get('/api/exercise-logs', bob)).body.count, 1)
  })

  t.test('filters: session, exercise, date range on completed_at', async (t) => {
    t.same(await weights(`/api/exercise-logs?session=${monday.id}&ordering=completed_at`), [100, 105, 20])
    t.same(await weights(`/api/exercise-logs?exercise=${squat}&ordering=weight`), [100, 105, 110])
    t.same(await weights('/api/exercise-logs?date_from=2026-03-03&date_to=2026-03-03'), [110])
    t.same(await weights('/api/exercise-logs?date_from=2026-03-02T08:05:00Z&date_to=2026-03-03'), [110, 20, 105])
    t.same(await weights(`/api/exercise-logs?session=${monday.id}&exercise=${lunge}`), [20])
  })

  t.test('ordering by weight, reps, set_number', async (t) => {
    t.same(await weights('/api/exercise-logs?ordering=-weight'), [110, 105, 100, 20, null])
    t.same((await get('/api/exercise-logs?ordering=reps')).body.results.map((log: { reps: number }) => log.reps), [3, 5, 5, 10, 12])
    t.same((await get(`/api/exercise-logs?ordering=-set_number&session=${monday.id}`)).body.results.map((log: { set_number: number }) => log.set_number), [2, 1, 1])
  })

  t.test('page edges', async (t) => {
    const first = await get('/api/exercise-logs?page_size=2&ordering=completed_at')
    t.same([first.body.count, first.body.results.length, first.body.previous], [5, 2, null])
    t.match(first.body.next, /\/api\/exercise-logs\?page_size=2&ordering=completed_at&page=2$/)
    const last = await get('/api/exercise-logs?page_size=2&ordering=completed_at&page=3')
    t.same([last.body.results.length, last.body.next], [1, null])
    t.match(last.body.previous, /page=2$/)
    const whole = await get('/api/exercise-logs?page_size=5')
    t.same([whole.body.next, whole.body.previous], [null, null])
  })

  t.test('nested: the session\'s sets with the same filters and paging', async (t) => {
    const { status, body } = await get(`/api/workout-sessions/${tuesday.id}/logs?ordering=completed_at`)
    t.equal(status, 200)
    t.same(body.results.map((log: { reps: number }) => log.reps), [3, 10])
    t.same(await weights(`/api/workout-sessions/${monday.id}/logs?exercise=${squat}&ordering=-weight`), [105, 100])
    const paged = await get(`/api/workout-sessions/${monday.id}/logs?page_size=1&page=2`)
    t.same([paged.body.count, paged.body.results.length], [3, 1])
    t.match(paged.body.next, new RegExp(`/api/workout-sessions/${monday.id}/logs\\?page_size=1&page=3$`))
    t.match(paged.body.previous, new RegExp(`/api/workout-sessions/${monday.id}/logs\\?page_size=1$`))
  })

  t.test('nested: someone else\'s or a missing session is 404; bad ids and filters 400', async (t) => {
    t.equal((await get(`/api/workout-sessions/${monday.id}/logs`, bob)).status, 404)
    t.equal((await get('/api/workout-sessions/0123456789abcdef01234567/logs')).status, 404)
    t.same(fieldsOf((await get('/api/workout-sessions/nope/logs')).body), ['params/id'])
    t.same(fieldsOf((await get(`/api/workout-sessions/${monday.id}/logs?session=${tuesday.id}`)).body), ['querystring/session'])
  })

  t.test('bad query values are named; other users\' ids just match nothing', async (t) => {
    const bad = await get('/api/exercise-logs?session=1&exercise=x&date_to=soon&ordering=rpe&page_size=0')
    t.equal(bad.status, 400)
    t.same(fieldsOf(bad.body), ['querystring/date_to', 'querystring/exercise', 'querystring/ordering', 'querystring/page_size', 'querystring/session'])
    t.equal((await get(`/api/exercise-logs?session=${monday.id}`, bob)).body.count, 0)
  })

  t.test('401 without a token', async (t) => {
    t.equal((await app.inject({ method: 'GET', url: '/api/exercise-logs' })).statusCode, 401)
    t.equal((await app.inject({ method: 'GET', url: `/api/workout-sessions/${monday.id}/logs` })).statusCode, 401)
  })

  t.test('an index behind every filter and ordering; stats and history indexes exist', async (t) => {
    const stored = await app.mongo.db!.collection(COLLECTIONS.logs).indexes()
    const names = stored.map((index) => index.name)
    t.ok(logIndexes.every((index) => names.includes(index.options!.name)), 'all declared indexes exist')
    t.same(stored.find((index) => index.name === 'user_exercise_completed')?.key, { user_id: 1, exercise_id: 1, completed_at: -1 })
    t.same(stored.find((index) => index.name === 'user_session_completed')?.key, { user_id: 1, session_completed_at: 1 })
    for (const field of ['completed_at', 'exercise_id', 'set_number', 'weight', 'reps']) {
      t.ok(logIndexes.some((index) => Object.keys(index.key)[0] === 'user_id' && Object.keys(index.key).includes(field)), field)
    }
    t.ok(logIndexes.some((index) => Object.keys(index.key)[0] === 'workout_session_id'), 'session filter')
  })
})
