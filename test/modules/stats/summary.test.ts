import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { exercise, session, setTimezone } from './fixtures.js'
import { aliceHistory, localTime, otherHistory } from './history.js'
import { statsChanged } from '../../../src/modules/stats/stats-scope.js'
import { createProgram, programWorld, twoWeeks } from '../programs/fixtures.js'

t.test('GET /api/stats/summary', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const history = await aliceHistory(app, alice.id)
  await otherHistory(app, bob.id, history)
  const get = async (headers = alice.headers) => await app.inject({ url: '/api/stats/summary', headers })

  t.test('totals, streaks and favourites of the caller only', async (t) => {
    const res = await get()
    t.equal(res.statusCode, 200)
    t.same(res.json(), {
      total_sessions: 5,
      completed_sessions: 3,
      total_duration_minutes: 120,
      total_volume: 2705,
      total_sets: 7,
      total_reps: 33,
      current_streak_days: 2,
      longest_streak_days: 2,
      last_workout_at: history.ends[2],
      timezone: 'Europe/Berlin',
      favourite_exercises: [
        { exercise_id: history.bench.toHexString(), name: 'Bench Press', sets: 3 },
        { exercise_id: history.row.toHexString(), name: 'Row', sets: 2 },
        { exercise_id: history.squat.toHexString(), name: 'Squat', sets: 1 },
        { exercise_id: history.plank.toHexString(), name: 'Plank', sets: 1 }
      ]
    })
  })

  t.test('the same answer from the cache it wrote', async (t) => {
    const cache = await app.mongo.db!.collection(COLLECTIONS.statsCache).findOne({ user_id: alice.id })
    t.match(cache, { user_id: alice.id, timezone: 'Europe/Berlin', watermark: Date, days: Array })
    t.equal(cache!.days.length, 3)
    const again = (await get()).json()
    t.equal(again.total_volume, 2705)
    t.equal(again.current_streak_days, 2)
  })

  t.test('a session completed a moment ago counts at once, before it settles into the cache', async (t) => {
    const watermark = (await app.mongo.db!.collection(COLLECTIONS.statsCache).findOne({ user_id: alice.id }))!.watermark
    await session(app, alice.id, { end: new Date(Date.now() - 1000).toISOString(), duration: 20, sets: [{ exercise: history.squat, reps: 5, weight: 100 }] })
    const body = (await get()).json()
    t.equal(body.completed_sessions, 4)
    t.equal(body.total_sessions, 6)
    t.equal(body.total_volume, 3205)
    t.equal(body.current_streak_days, 3, 'today joins yesterday and the day before')
    t.same(body.favourite_exercises.map((f: { sets: number }) => f.sets), [3, 2, 2, 1])
    const cache = await app.mongo.db!.collection(COLLECTIONS.statsCache).findOne({ user_id: alice.id })
    t.same(cache!.watermark, watermark, 'not written until it settles')
  })

  t.test('deleting completed data and the cache entry (the sessions contract) recomputes', async (t) => {
    const db = app.mongo.db!
    await db.collection(COLLECTIONS.logs).deleteMany({ workout_session_id: history.s3 })
    await db.collection(COLLECTIONS.sessions).deleteOne({ _id: history.s3 })
    await db.collection(COLLECTIONS.statsCache).deleteOne({ user_id: alice.id })
    await statsChanged(app.cache, alice.id)
    const body = (await get()).json()
    t.equal(body.completed_sessions, 3)
    t.equal(body.total_volume, 3000)
    t.equal(body.current_streak_days, 1, 'today only: yesterday is gone')
    t.equal(body.longest_streak_days, 1)
  })

  t.test('another zone: days are counted again in it', async (t) => {
    // Through the profile route, which invalidates the cached zone of the earlier answers.
    const patched = await app.inject({ method: 'PATCH', url: '/api/auth/me', headers: alice.headers, payload: { profile: { timezone: 'UTC' } } })
    t.equal(patched.statusCode, 200)
    const body = (await get()).json()
    t.equal(body.timezone, 'UTC')
    // UTC days: 4 days ago, 3 days ago (00:30 Berlin is 23:30 UTC), today → longest 2, current 1
    t.equal(body.longest_streak_days, 2)
    t.equal(body.current_streak_days, 1)
  })

  t.test('the other user sees only their own session', async (t) => {
    const body = (await get(bob.headers)).json()
    t.match(body, { total_sessions: 1, completed_sessions: 1, total_sets: 10, total_reps: 200, total_volume: 50000, current_streak_days: 1, timezone: 'UTC' })
    t.same(body.favourite_exercises, [{ exercise_id: history.row.toHexString(), name: 'Row', sets: 10 }])
  })

  t.test('401 without a token', async (t) => {
    const res = await app.inject({ url: '/api/stats/summary' })
    t.equal(res.statusCode, 401)
  })
})

t.test('summary of an empty history and of a single set', async (t) => {
  const app = await build(t)
  const carol = await createUser(app)
  const empty = await app.inject({ url: '/api/stats/summary', headers: carol.headers })
  t.equal(empty.statusCode, 200)
  t.same(empty.json(), {
    total_sessions: 0,
    completed_sessions: 0,
    total_duration_minutes: 0,
    total_volume: 0,
    total_sets: 0,
    total_reps: 0,
    current_streak_days: 0,
    longest_streak_days: 0,
    last_workout_at: null,
    timezone: 'UTC',
    favourite_exercises: []
  })

  const dave = await createUser(app)
  await setTimezone(app, dave.id, 'Not/A_Zone')
  const curl = await exercise(app, 'Curl', ['biceps'], dave.id, false)
  const end = localTime(3, 'UTC', 9 * 60)
  await session(app, dave.id, { end, duration: 15, sets: [{ exercise: curl, reps: 12, weight: 12.5 }] })
  const single = await app.inject({ url: '/api/stats/summary', headers: dave.headers })
  t.same(single.json(), {
    total_sessions: 1,
    completed_sessions: 1,
    total_duration_minutes: 15,
    total_volume: 150,
    total_sets: 1,
    total_reps: 12,
    current_streak_days: 0,
    longest_streak_days: 1,
    last_workout_at: end,
    timezone: 'UTC',
    favourite_exercises: [{ exercise_id: curl.toHexString(), name: 'Curl', sets: 1 }]
  }, 'an unknown profile zone counts as UTC; three days ago is no current streak')
})

t.test('every write that changes the summary is seen by the very next one (cached answers are invalidated)', async (t) => {
  const app = await build(t)
  const { client, trainer, workout } = await programWorld(app)
  const squat = await exercise(app, 'Squat', ['quads'])
  const summary = async (viewer = client) => {
    const res = await app.inject({ url: `/api/stats/summary${viewer === client ? '' : `?user_id=${client.id}`}`, headers: viewer.headers })
    t.equal(res.statusCode, 200)
    return res.json()
  }
  const call = async (who: typeof client, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
    const res = await app.inject({ method, url, headers: who.headers, ...(payload === undefined ? {} : { payload }) })
    t.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`)
    return res.statusCode === 204 ? null : res.json()
  }
  t.match(await summary(), { total_sessions: 0, completed_sessions: 0 })

  const own = await call(client, 'POST', '/api/workout-sessions', { name: 'Own' })
  t.match(await summary(), { total_sessions: 1 }, 'a session created')
  const coached = await call(trainer, 'POST', '/api/workout-sessions', { name: 'Coached', client_id: client.id })
  t.match(await summary(trainer), { total_sessions: 2 }, 'a session created by the trainer, read by the trainer')
  t.match(await summary(), { total_sessions: 2 }, '… and by the client')

  await call(trainer, 'POST', `/api/workout-sessions/${coached.id}/start`)
  await call(trainer, 'POST', '/api/exercise-logs', { workout_session: coached.id, exercise: squat.toHexString(), reps: 5, weight: 100 })
  await call(client, 'POST', '/api/exercise-logs/bulk_create', { logs: [{ workout_session: coached.id, exercise: squat.toHexString(), reps: 5, weight: 110 }] })
  t.match(await summary(), { total_sessions: 2, completed_sessions: 0, total_volume: 0, favourite_exercises: [] }, 'sets of an open session count for nothing yet')
  await call(trainer, 'POST', `/api/workout-sessions/${coached.id}/complete`)
  const favourites = [{ exercise_id: squat.toHexString(), name: 'Squat', sets: 2 }]
  t.match(await summary(), { total_sessions: 2, completed_sessions: 1, total_sets: 2, total_reps: 10, total_volume: 1050, current_streak_days: 1, favourite_exercises: favourites }, 'a session completed')
  await call(trainer, 'PATCH', `/api/exercises/${squat.toHexString()}`, { name: 'Back Squat' })
  t.match(await summary(), { favourite_exercises: [{ ...favourites[0], name: 'Back Squat' }] }, 'a favourite exercise renamed (by a curator of the library)')

  await call(client, 'PATCH', '/api/auth/me', { profile: { timezone: 'Pacific/Kiritimati' } })
  t.match(await summary(), { timezone: 'Pacific/Kiritimati', completed_sessions: 1 }, 'the profile\'s time zone changed')

  await call(client, 'DELETE', `/api/workout-sessions/${coached.id}`)
  t.match(await summary(), { total_sessions: 1, completed_sessions: 0, total_volume: 0, current_streak_days: 0, favourite_exercises: [] }, 'a completed session deleted')
  await call(client, 'DELETE', `/api/workout-sessions/${own.id}`)
  t.match(await summary(), { total_sessions: 0 }, 'a planned session deleted')

  const program = await createProgram(app, trainer, { weeks: twoWeeks(workout) })
  const assignment = await call(trainer, 'POST', `/api/programs/${program.id}/assignments`, { client_id: client.id, start_date: '2030-01-07' })
  t.match(await summary(), { total_sessions: 4 }, 'a program assigned plans its sessions')
  await call(trainer, 'DELETE', `/api/programs/${program.id}/assignments/${assignment.id}`)
  t.match(await summary(), { total_sessions: 0 }, 'ending the assignment removes the sessions ahead')
})
