import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { addBodyWeight, addExercise, addSession, addSet, goalsOf, HOUR, setProfile } from './fixtures.js'

const MINUTE = 60_000
const DAY = 24 * HOUR

t.test('weekly goals count completed sessions of the local week (UTC+14, Pacific/Kiritimati)', async (t) => {
  const app = await build(t)
  const jane = await createUser(app)
  const john = await createUser(app)
  await setProfile(app, jane.id, { timezone: 'Pacific/Kiritimati' })
  // Kiritimati is UTC+14 all year: its Monday 00:00 is Sunday 10:00 UTC, so the local week and the
  // UTC week always disagree about sessions just before or after it.
  const offset = 14 * HOUR
  const local = new Date(Date.now() + offset)
  const weekday = (local.getUTCDay() + 6) % 7
  const mondayWall = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - weekday * DAY
  const weekFrom = mondayWall - offset
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)

  await addSession(app, jane.id, new Date(weekFrom + MINUTE), { total_volume: 1000 })
  await addSession(app, jane.id, new Date(weekFrom + 3 * MINUTE), { total_volume: 250.5 })
  await addSession(app, jane.id, new Date(weekFrom - MINUTE), { total_volume: 500 }) // last week locally
  await addSession(app, jane.id, new Date(weekFrom + 2 * MINUTE), { status: 'cancelled', total_volume: 700 })
  await addSession(app, john.id, new Date(weekFrom + 2 * MINUTE), { total_volume: 900 })

  const goals = goalsOf(app, jane)
  const sessions = (await goals.create({ type: 'sessions_per_week', target: 3 })).json()
  t.same(sessions.progress, { current: 2, target: 3, percent: 66.67, met: false, week: { start: day(mondayWall), end: day(mondayWall + 6 * DAY) } })
  const volume = (await goals.create({ type: 'volume_per_week', target: 1000 })).json()
  t.match(volume, { status: 'active', achieved_at: null, progress: { current: 1250.5, percent: 100, met: true } })
  t.equal((await goals.get(volume.id)).json().achieved_at, null, 'weekly goals recur: never achieved')
  const bigger = (await goals.patch(volume.id, { target: 5002 })).json()
  t.match(bigger.progress, { current: 1250.5, percent: 25, met: false })
})

t.test('lift goals: heaviest working set or best Epley e1RM of completed sets', async (t) => {
  const app = await build(t)
  const jane = await createUser(app)
  const john = await createUser(app)
  const bench = await addExercise(app)
  const squat = await addExercise(app)
  await addSet(app, jane.id, bench, 100, 5)
  await addSet(app, jane.id, bench, 110, 1)
  await addSet(app, jane.id, bench, 150, 1, { is_warmup: true })
  await addSet(app, jane.id, bench, 200, 1, { session_completed_at: null }) // session still open
  await addSet(app, jane.id, bench, 0, 20)
  await addSet(app, jane.id, squat, 250, 1)
  await addSet(app, john.id, bench, 300, 1)

  const goals = goalsOf(app, jane)
  const weight = (await goals.create({ type: 'lift', exercise_id: bench.toHexString(), target: 120 })).json()
  t.same(weight.progress, { current: 110, target: 120, percent: 91.67, met: false, week: null })
  // Epley: 100 × (1 + 5/30) = 116.666… beats 110 × 1.
  const e1rm = (await goals.create({ type: 'lift', exercise_id: bench.toHexString(), target: 125, measure: 'e1rm' })).json()
  t.same(e1rm.progress, { current: 116.67, target: 125, percent: 93.34, met: false, week: null })

  await addSet(app, jane.id, bench, 120, 1)
  const met = (await goals.get(weight.id)).json()
  t.match(met, { status: 'achieved', achieved_at: String, progress: { current: 120, percent: 100, met: true } })
  t.match((await goals.get(e1rm.id)).json(), { status: 'active', achieved_at: null, progress: { current: 120, percent: 96 } })
  t.same((await goals.list('?status=achieved')).json().results.map((g: { id: string }) => g.id), [weight.id])
})

t.test('body weight: the latest health metric, else the profile weight', async (t) => {
  const app = await build(t)
  const [withMetrics, withProfile, withNothing] = [await createUser(app), await createUser(app), await createUser(app)]
  const now = Date.now()
  await setProfile(app, withMetrics.id, { weight: 85 })
  await addBodyWeight(app, withMetrics.id, 80, new Date(now - DAY))
  await addBodyWeight(app, withMetrics.id, 82, new Date(now - 2 * DAY)) // older, written later
  await setProfile(app, withProfile.id, { weight: 70 })
  await addBodyWeight(app, withNothing.id + 1000, 60, new Date(now)) // no such user: never read

  t.test('from metrics: direction derived from the current weight', async (t) => {
    const goals = goalsOf(app, withMetrics)
    const lose = (await goals.create({ type: 'body_weight', target: 78 })).json()
    t.match(lose, { direction: 'lose', start_value: 80, progress: { current: 80, target: 78, percent: 0, met: false } })
    const gain = (await goals.create({ type: 'body_weight', target: 90, direction: 'gain' })).json()
    await addBodyWeight(app, withMetrics.id, 79, new Date(now - HOUR))
    t.match((await goals.get(lose.id)).json().progress, { current: 79, percent: 50, met: false })
    t.match((await goals.get(gain.id)).json().progress, { current: 79, percent: 0, met: false })
    await addBodyWeight(app, withMetrics.id, 77.5, new Date(now - MINUTE))
    t.match((await goals.get(lose.id)).json(), { status: 'achieved', achieved_at: String, progress: { current: 77.5, percent: 100, met: true } })
  })

  t.test('from the profile when there is no metric', async (t) => {
    const goals = goalsOf(app, withProfile)
    const gain = (await goals.create({ type: 'body_weight', target: 75 })).json()
    t.match(gain, { direction: 'gain', start_value: 70, progress: { current: 70, percent: 0 } })
    await setProfile(app, withProfile.id, { weight: 72.5 })
    t.match((await goals.get(gain.id)).json().progress, { current: 72.5, percent: 50, met: false })
  })

  t.test('nothing to measure: current null, 0 %', async (t) => {
    const goal = (await goalsOf(app, withNothing).create({ type: 'body_weight', target: 70 })).json()
    t.match(goal, { direction: 'gain', start_value: null, status: 'active', progress: { current: null, percent: 0, met: false } })
  })
})
