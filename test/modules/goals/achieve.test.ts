import t from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { inParallel, listen } from '../../helpers/http.js'
import { createUser } from '../../helpers/users.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { addExercise, addSet, goalsOf } from './fixtures.js'

t.test('20 parallel reads of a just-met goal: achieved_at written once, the same instant in every answer', async (t) => {
  const app = await build(t)
  const jane = await createUser(app)
  const bench = await addExercise(app)
  await addSet(app, jane.id, bench, 90, 1)
  const goal = (await goalsOf(app, jane).create({ type: 'lift', exercise_id: bench.toHexString(), target: 100 })).json()
  t.equal(goal.achieved_at, null)
  await addSet(app, jane.id, bench, 100, 1)

  const send = (await listen(app))(jane)
  const answers = await inParallel(20, (i) => send('GET', i % 2 === 0 ? `/api/goals/${goal.id}` : '/api/goals'))
  t.same(answers.map((a) => a.status), Array(20).fill(200))
  const seen = answers.map((a) => a.body.results?.[0]?.achieved_at ?? a.body.achieved_at)
  const stored = await app.mongo.db!.collection(COLLECTIONS.goals).findOne({ _id: new ObjectId(goal.id) })
  t.ok(stored?.achieved_at instanceof Date, 'stored')
  t.same(new Set(seen), new Set([stored?.achieved_at.toISOString()]), 'every answer shows the stored instant')
  // Later reads keep it, even when the lift no longer counts (achievements are not taken back).
  await app.mongo.db!.collection(COLLECTIONS.logs).deleteMany({ user_id: jane.id, weight: 100 })
  t.match((await goalsOf(app, jane).get(goal.id)).json(), { status: 'achieved', achieved_at: stored?.achieved_at.toISOString(), progress: { met: false } })
})

t.test('changing the target clears achieved_at and judges again; a deadline change keeps it', async (t) => {
  const app = await build(t)
  const jane = await createUser(app)
  const goals = goalsOf(app, jane)
  const bench = await addExercise(app)
  await addSet(app, jane.id, bench, 100, 1)
  const goal = (await goals.create({ type: 'lift', exercise_id: bench.toHexString(), target: 100 })).json()
  t.match(goal, { status: 'achieved', achieved_at: String }, 'met at creation')
  const kept = (await goals.patch(goal.id, { deadline: '2999-01-01' })).json()
  t.equal(kept.achieved_at, goal.achieved_at)
  const harder = (await goals.patch(goal.id, { target: 105 })).json()
  t.match(harder, { status: 'active', achieved_at: null, progress: { current: 100, met: false } })
  const again = (await goals.patch(goal.id, { target: 95 })).json()
  t.match(again, { status: 'achieved', achieved_at: String })
  t.not(again.achieved_at, null)
})

t.test('status filters: active, achieved, expired (deadline passed in the user\'s zone)', async (t) => {
  const app = await build(t)
  const jane = await createUser(app)
  const goals = goalsOf(app, jane)
  const bench = await addExercise(app)
  await addSet(app, jane.id, bench, 100, 1)
  const achieved = (await goals.create({ type: 'lift', exercise_id: bench.toHexString(), target: 50 })).json()
  const active = (await goals.create({ type: 'sessions_per_week', target: 3, deadline: '2999-12-31' })).json()
  const expired = (await goals.create({ type: 'lift', exercise_id: bench.toHexString(), target: 200, deadline: '2999-12-31' })).json()
  // No request can set a past deadline; time passing does.
  await app.mongo.db!.collection(COLLECTIONS.goals).updateOne({ _id: new ObjectId(expired.id) }, { $set: { deadline: '2001-01-01' } })
  const ids = async (status: string) => (await goals.list(`?status=${status}`)).json().results.map((g: { id: string }) => g.id)
  t.same(await ids('active'), [active.id])
  t.same(await ids('achieved'), [achieved.id])
  t.same(await ids('expired'), [expired.id])
  t.equal((await goals.get(expired.id)).json().status, 'expired')
  // Met after its deadline: stays expired, never achieved.
  await addSet(app, jane.id, bench, 200, 1)
  t.match((await goals.get(expired.id)).json(), { status: 'expired', achieved_at: null, progress: { met: true } })
})
