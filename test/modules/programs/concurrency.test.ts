import t from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { inParallel, listen } from '../../helpers/http.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { createProgram, programWorld, twoWeeks } from './fixtures.js'

t.test('20 parallel assigns of one program to one client: one wins, the others get 409, one plan is written', async (t) => {
  const app = await build(t)
  const w = await programWorld(app)
  const program = await createProgram(app, w.trainer, { weeks: twoWeeks(w.workout, w.publicWorkout) })
  const send = (await listen(app))(w.trainer)
  const answers = await inParallel(20, () => send('POST', `/api/programs/${program.id}/assignments`, { client_id: w.client.id, start_date: '2027-09-06' }))
  const statuses = answers.map((answer) => answer.status).sort()
  t.same(statuses, [201, ...Array(19).fill(409)])
  t.ok(answers.filter((answer) => answer.status === 409).every((answer) => answer.body.code === 'CONFLICT'), 'each loser gets the documented body')
  const winner = answers.find((answer) => answer.status === 201)!.body
  const db = app.mongo.db!
  t.equal(await db.collection(COLLECTIONS.programAssignments).countDocuments({ user_id: w.client.id }), 1, 'one assignment')
  t.equal(await db.collection(COLLECTIONS.sessions).countDocuments({ user_id: w.client.id }), 4, 'one set of sessions')
  t.equal(await db.collection(COLLECTIONS.sessions).countDocuments({ assignment_id: new ObjectId(winner.id) }), 4, 'all of them the winner\'s')

  t.test('ending it 20 times at once: one 200, the rest 409, each future session removed once', async (t) => {
    const ends = await inParallel(20, () => send('DELETE', `/api/programs/${program.id}/assignments/${winner.id}`))
    t.same(ends.map((answer) => answer.status).sort(), [200, ...Array(19).fill(409)])
    t.equal(await db.collection(COLLECTIONS.sessions).countDocuments({ user_id: w.client.id }), 0)
    const ended = await db.collection(COLLECTIONS.programAssignments).findOne({ _id: new ObjectId(winner.id) })
    t.match(ended, { status: 'ended', open: false, removed_sessions: 4 }, 'removals are counted once each, whichever request made them')
  })
})
