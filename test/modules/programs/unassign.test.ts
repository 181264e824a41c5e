import t from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { act, insertExercise, logSet } from '../sessions/fixtures.js'
import { createProgram, programWorld } from './fixtures.js'

const DAY_MS = 86_400_000
const utcDay = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10)

t.test('unassigning and adherence', async (t) => {
  const app = await build(t)
  const w = await programWorld(app)
  const db = app.mongo.db!
  const exercise = await insertExercise(app, { created_by_user_id: null, is_custom: false, is_public: true })
  // The client has no profile zone: UTC. Start 8 days ago, so week 1 is past and week 2 runs from
  // yesterday (day 1) to 5 days ahead (day 7); no session falls on today, whose 09:00 may be either side of now.
  const program = await createProgram(app, w.trainer, {
    visibility: 'private',
    weeks: [
      { days: [{ day: 1, workout: w.workout }, { day: 3, workout: w.workout }, { day: 5, workout: w.workout }] },
      { days: [1, 3, 5, 6, 7].map((day) => ({ day, workout: w.workout })) }
    ]
  })
  const assigned = await app.inject({ method: 'POST', url: `/api/programs/${program.id}/assignments`, headers: w.trainer.headers, payload: { client_id: w.client.id, start_date: utcDay(-8) } })
  t.equal(assigned.statusCode, 201)
  const assignment = assigned.json()
  const docs = await db.collection(COLLECTIONS.sessions).find({ assignment_id: new ObjectId(assignment.id) }).toArray()
  const session = (week: number, day: number) => docs.find((doc) => doc.program_week === week && doc.program_day === day)!._id.toHexString()
  // Week 1: day 1 completed, day 3 started and never finished, day 5 left planned. Week 2: day 3 (tomorrow)
  // has a set logged while planned, day 7 was started early; days 5 and 6 are untouched.
  await act(app, w.client, session(1, 1), 'start')
  await act(app, w.client, session(1, 1), 'complete')
  await act(app, w.client, session(1, 3), 'start')
  await logSet(app, w.client, session(2, 3), { exercise, reps: 5 })
  await act(app, w.client, session(2, 7), 'start')
  const adherence = `/api/programs/assignments/${assignment.id}/adherence`

  t.test('adherence per week: planned vs completed vs missed, for the client and their trainer', async (t) => {
    for (const user of [w.client, w.trainer]) {
      const res = await app.inject({ url: adherence, headers: user.headers })
      t.equal(res.statusCode, 200)
      t.match(res.json(), {
        assignment: { id: assignment.id, status: 'active' },
        today: utcDay(0),
        totals: { planned: 8, completed: 1, missed: 3, upcoming: 4 },
        weeks: [
          { week: 1, planned: 3, completed: 1, missed: 2, upcoming: 0 },
          { week: 2, planned: 5, completed: 0, missed: 1, upcoming: 4 }
        ]
      })
      t.same(res.json().weeks[0].sessions.map((s: { day: number, status: string, missed: boolean }) => [s.day, s.status, s.missed]),
        [[1, 'completed', false], [3, 'in_progress', true], [5, 'planned', true]])
    }
    for (const user of [w.otherTrainer, w.otherMember, w.admin]) {
      t.equal((await app.inject({ url: adherence, headers: user.headers })).statusCode, 404)
      t.equal((await app.inject({ url: `/api/programs/assignments/${assignment.id}`, headers: user.headers })).statusCode, 404)
    }
    t.equal((await app.inject({ url: adherence })).statusCode, 401)
    t.equal((await app.inject({ url: '/api/programs/assignments/123/adherence', headers: w.client.headers })).statusCode, 400)
  })

  t.test('lists: the client\'s own, a client\'s for their trainer, all clients\' with scope=clients', async (t) => {
    const ids = async (query: string, user = w.trainer) => {
      const res = await app.inject({ url: `/api/programs/assignments${query}`, headers: user.headers })
      return res.statusCode === 200 ? res.json().results.map((a: { id: string }) => a.id) : res.statusCode
    }
    t.same(await ids('', w.client), [assignment.id])
    t.same(await ids(''), [], 'a trainer\'s own assignments as a client: none')
    t.same(await ids(`?user_id=${w.client.id}`), [assignment.id])
    t.same(await ids(`?scope=clients&status=active&program=${program.id}&ordering=start_date`), [assignment.id])
    t.same(await ids('?scope=clients&status=ended'), [])
    t.equal(await ids(`?user_id=${w.client.id}`, w.otherTrainer), 404)
    t.same(await ids('?scope=clients', w.otherTrainer), [])
    for (const bad of ['?status=gone', '?program=1', '?user_id[$gt]=0', '?scope=all', '?ordering=user_id']) t.equal(await ids(bad), 400, bad)
  })

  t.test('ending removes only future, untouched planned sessions; history stays', async (t) => {
    const url = `/api/programs/${program.id}/assignments/${assignment.id}`
    t.equal((await app.inject({ method: 'DELETE', url, headers: w.otherTrainer.headers })).statusCode, 404)
    t.equal((await app.inject({ method: 'DELETE', url, headers: w.otherMember.headers })).statusCode, 404)
    const otherProgram = await createProgram(app, w.trainer, { weeks: [{ days: [{ day: 1, workout: w.workout }] }] })
    t.equal((await app.inject({ method: 'DELETE', url: `/api/programs/${otherProgram.id}/assignments/${assignment.id}`, headers: w.trainer.headers })).statusCode, 404, 'under another program')
    const res = await app.inject({ method: 'DELETE', url, headers: w.trainer.headers })
    t.equal(res.statusCode, 200)
    t.match(res.json(), { id: assignment.id, status: 'ended', removed_sessions: 2, ended_by_user_id: w.trainer.id, ended_at: String })
    const left = await db.collection(COLLECTIONS.sessions).find({ assignment_id: new ObjectId(assignment.id) }).sort({ program_week: 1, program_day: 1 }).toArray()
    t.same(left.map((doc) => [doc.program_week, doc.program_day, doc.status]), [
      [1, 1, 'completed'], [1, 3, 'in_progress'], [1, 5, 'planned'], [2, 1, 'planned'], [2, 3, 'planned'], [2, 7, 'in_progress']
    ], 'weeks 2 days 5 and 6 are gone; the completed, started, past and logged-into ones stay')
    t.equal(await db.collection(COLLECTIONS.logs).countDocuments({ workout_session_id: new ObjectId(session(2, 3)) }), 1, 'the logged set stays with its session')
    const again = await app.inject({ method: 'DELETE', url, headers: w.client.headers })
    t.equal(again.statusCode, 409)
    t.equal(again.json().code, 'INVALID_STATE')
    t.match((await app.inject({ url: adherence, headers: w.client.headers })).json(), {
      assignment: { status: 'ended' }, totals: { planned: 6, completed: 1, missed: 3, upcoming: 2 }
    })
    const reassigned = await app.inject({ method: 'POST', url: `/api/programs/${program.id}/assignments`, headers: w.trainer.headers, payload: { client_id: w.client.id, start_date: utcDay(10) } })
    t.equal(reassigned.statusCode, 201, 'an ended assignment frees the program for the client')
    const byClient = await app.inject({ method: 'DELETE', url: `/api/programs/${program.id}/assignments/${reassigned.json().id}`, headers: w.client.headers })
    t.match(byClient.json(), { status: 'ended', removed_sessions: 8, ended_by_user_id: w.client.id }, 'the client may end it too')
  })

  t.test('the trainer loses access the moment the link ends', async (t) => {
    await app.pg.query("UPDATE coaching_links SET status = 'ended', ended_at = now() WHERE id = $1", [w.linkId])
    t.equal((await app.inject({ url: adherence, headers: w.trainer.headers })).statusCode, 404)
    t.equal((await app.inject({ url: `/api/programs/assignments?user_id=${w.client.id}`, headers: w.trainer.headers })).statusCode, 404)
    t.same((await app.inject({ url: '/api/programs/assignments?scope=clients', headers: w.trainer.headers })).json().results, [])
    t.equal((await app.inject({ url: adherence, headers: w.client.headers })).statusCode, 200)
  })
})
