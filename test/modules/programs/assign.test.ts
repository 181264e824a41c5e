import t from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { createAssignmentRepository, STALE_PENDING_MS } from '../../../src/modules/programs/assignment-repository.js'
import { createAssignmentWriter } from '../../../src/modules/programs/assignment-writer.js'
import { createProgramRepository } from '../../../src/modules/programs/repository.js'
import { fieldsOf } from '../sessions/fixtures.js'
import { createProgram, programWorld } from './fixtures.js'

t.test('assigning a program', async (t) => {
  const app = await build(t)
  const w = await programWorld(app)
  const db = app.mongo.db!
  const sessionsOf = (assignment: string) => db.collection(COLLECTIONS.sessions).find({ assignment_id: new ObjectId(assignment) }).sort({ scheduled_for: 1 }).toArray()
  const berlin = await app.inject({ method: 'PATCH', url: '/api/auth/me', headers: w.client.headers, payload: { profile: { timezone: 'Europe/Berlin' } } })
  t.equal(berlin.statusCode, 200)
  // Every day of the week around the last Sunday of March 2027 (the 28th: 02:00 CET → 03:00 CEST), then the Monday after.
  const everyDay = await createProgram(app, w.trainer, {
    name: 'Daily',
    visibility: 'gym',
    weeks: [{ days: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, workout: w.workout, notes: `Day ${day}` })) }, { days: [{ day: 1, workout: w.publicWorkout }] }]
  })

  t.test('across a DST change every session lands on its local day at the local hour', async (t) => {
    const res = await app.inject({ method: 'POST', url: `/api/programs/${everyDay.id}/assignments`, headers: w.trainer.headers, payload: { client_id: w.client.id, start_date: '2027-03-22' } })
    t.equal(res.statusCode, 201)
    t.match(res.json(), { program: everyDay.id, program_name: 'Daily', user_id: w.client.id, assigned_by_user_id: w.trainer.id, start_date: '2027-03-22', time_of_day: '09:00', timezone: 'Europe/Berlin', status: 'active', session_count: 8 })
    const sessions = await sessionsOf(res.json().id)
    // 09:00 in Berlin: 08:00Z while on CET (UTC+1), 07:00Z from Sunday on (CEST, UTC+2).
    t.same(sessions.map((s) => s.scheduled_for.toISOString()), [
      '2027-03-22T08:00:00.000Z', '2027-03-23T08:00:00.000Z', '2027-03-24T08:00:00.000Z', '2027-03-25T08:00:00.000Z',
      '2027-03-26T08:00:00.000Z', '2027-03-27T08:00:00.000Z', '2027-03-28T07:00:00.000Z', '2027-03-29T07:00:00.000Z'
    ])
    t.same(sessions.map((s) => [s.program_week, s.program_day]), [[1, 1], [1, 2], [1, 3], [1, 4], [1, 5], [1, 6], [1, 7], [2, 1]])
    t.ok(sessions.every((s) => s.status === 'planned' && s.user_id === w.client.id && s.session_date.getTime() === s.scheduled_for.getTime()))
    t.same(sessions.map((s) => s.name), [...Array(7).fill('Trainer push'), 'Shared pull'])
    t.equal(sessions[2].notes, 'Day 3')
    const seen = await app.inject({ url: `/api/workout-sessions/${sessions[6]._id.toHexString()}`, headers: w.client.headers })
    t.match(seen.json(), { status: 'planned', scheduled_for: '2027-03-28T07:00:00.000Z' }, 'the client sees them as planned sessions')
  })

  t.test('a time inside the spring-forward gap moves forward by the gap; a late time stays on its local day', async (t) => {
    const program = await createProgram(app, w.trainer, { weeks: [{ days: [{ day: 6, workout: w.workout }, { day: 7, workout: w.workout }] }] })
    const early = await app.inject({ method: 'POST', url: `/api/programs/${program.id}/assignments`, headers: w.trainer.headers, payload: { client_id: w.client.id, start_date: '2027-03-22', time_of_day: '02:30' } })
    t.equal(early.statusCode, 201)
    // Saturday 02:30 CET = 01:30Z; Sunday 02:30 does not exist in Berlin → 03:30 CEST = 01:30Z.
    t.same((await sessionsOf(early.json().id)).map((s) => s.scheduled_for.toISOString()), ['2027-03-27T01:30:00.000Z', '2027-03-28T01:30:00.000Z'])
    const late = await createProgram(app, w.trainer, { weeks: [{ days: [{ day: 1, workout: w.workout }] }] })
    const res = await app.inject({ method: 'POST', url: `/api/programs/${late.id}/assignments`, headers: w.trainer.headers, payload: { client_id: w.client.id, start_date: '2027-10-31', time_of_day: '23:30' } })
    t.same((await sessionsOf(res.json().id)).map((s) => s.scheduled_for.toISOString()), ['2027-10-31T22:30:00.000Z'], 'Sunday 23:30 CET after the fall-back, not Monday')
  })

  t.test('who may assign: the client\'s active trainer, or a member to themselves; 404 for anyone else', async (t) => {
    const program = await createProgram(app, w.trainer, { visibility: 'public', weeks: [{ days: [{ day: 1, workout: w.workout }] }] })
    const url = `/api/programs/${program.id}/assignments`
    const body = { client_id: w.client.id, start_date: '2027-05-03' }
    for (const [label, user, payload] of [
      ['another trainer', w.otherTrainer, body],
      ['an admin', w.admin, body],
      ['another member', w.otherMember, body],
      ['the trainer, to a member who is not their client', w.trainer, { ...body, client_id: w.otherMember.id }],
      ['the trainer, to a user that does not exist', w.trainer, { ...body, client_id: 999_999 }]
    ] as const) {
      const res = await app.inject({ method: 'POST', url, headers: user.headers, payload })
      t.equal(res.statusCode, 404, label)
      t.equal(res.json().code, 'NOT_FOUND')
    }
    t.equal((await app.inject({ method: 'POST', url, payload: body })).statusCode, 401)
    const own = await app.inject({ method: 'POST', url, headers: w.otherMember.headers, payload: { start_date: '2027-05-03' } })
    t.equal(own.statusCode, 201, 'a member assigns a visible program to themselves')
    t.match(own.json(), { user_id: w.otherMember.id, assigned_by_user_id: w.otherMember.id, timezone: 'UTC' })
    const privateOne = await createProgram(app, w.trainer, { visibility: 'private', weeks: [{ days: [{ day: 1, workout: w.workout }] }] })
    const hidden = await app.inject({ method: 'POST', url: `/api/programs/${privateOne.id}/assignments`, headers: w.client.headers, payload: { start_date: '2027-05-03' } })
    t.equal(hidden.statusCode, 404, 'a program the caller may not see')
    t.equal((await app.inject({ method: 'POST', url: `/api/programs/${new ObjectId().toHexString()}/assignments`, headers: w.trainer.headers, payload: body })).statusCode, 404)
    t.equal(await db.collection(COLLECTIONS.sessions).countDocuments({ user_id: w.client.id, workout_id: new ObjectId(w.workout), scheduled_for: new Date('2027-05-03T07:00:00Z') }), 0, 'none of the refusals wrote a session')
  })

  t.test('bad input: 400 naming the field, nothing written', async (t) => {
    const url = `/api/programs/${everyDay.id}/assignments`
    const before = await db.collection(COLLECTIONS.programAssignments).countDocuments()
    const cases: Array<[string, unknown, string]> = [
      ['no start date', { client_id: w.client.id }, 'body/start_date'],
      ['an impossible date', { start_date: '2027-02-30' }, 'body/start_date'],
      ['a date-time', { start_date: '2027-03-22T00:00:00Z' }, 'body/start_date'],
      ['year 10000', { start_date: '10000-01-01' }, 'body/start_date'],
      ['past 2999', { start_date: '2999-12-30' }, 'body/start_date'],
      ['an operator object', { start_date: '2027-03-22', client_id: { $gt: 0 } }, 'body/client_id'],
      ['a huge client id', { start_date: '2027-03-22', client_id: 1e20 }, 'body/client_id'],
      ['24:00', { start_date: '2027-03-22', time_of_day: '24:00' }, 'body/time_of_day'],
      ['an unknown field', { start_date: '2027-03-22', status: 'ended' }, 'body/status']
    ]
    for (const [label, payload, field] of cases) {
      const res = await app.inject({ method: 'POST', url, headers: w.trainer.headers, payload: payload as object })
      t.equal(res.statusCode, 400, label)
      t.same(fieldsOf(res.json()), [field], `${label}: ${res.json().message}`)
    }
    t.equal((await app.inject({ method: 'POST', url: '/api/programs/xyz/assignments', headers: w.trainer.headers, payload: { start_date: '2027-03-22' } })).statusCode, 400, 'malformed program id')
    t.equal(await db.collection(COLLECTIONS.programAssignments).countDocuments(), before)
  })

  t.test('a workout gone since the program was written: 409 and nothing written', async (t) => {
    const doomed = (await app.inject({ method: 'POST', url: '/api/workouts', headers: w.trainer.headers, payload: { name: 'Doomed' } })).json().id
    const program = await createProgram(app, w.trainer, { weeks: [{ days: [{ day: 1, workout: w.workout }, { day: 2, workout: doomed }] }, { days: [{ day: 4, workout: doomed }] }] })
    t.equal((await app.inject({ method: 'DELETE', url: `/api/workouts/${doomed}`, headers: w.trainer.headers })).statusCode, 204)
    const [sessions, assignments] = [await db.collection(COLLECTIONS.sessions).countDocuments(), await db.collection(COLLECTIONS.programAssignments).countDocuments()]
    const res = await app.inject({ method: 'POST', url: `/api/programs/${program.id}/assignments`, headers: w.trainer.headers, payload: { client_id: w.client.id, start_date: '2027-06-07' } })
    t.equal(res.statusCode, 409)
    t.match(res.json(), { code: 'CONFLICT', message: /week 1 day 2, week 2 day 4/ })
    t.equal(await db.collection(COLLECTIONS.sessions).countDocuments(), sessions, 'no session written')
    t.equal(await db.collection(COLLECTIONS.programAssignments).countDocuments(), assignments, 'no assignment written')
  })

  t.test('a write failing part-way leaves nothing behind and frees the slot', async (t) => {
    const programs = createProgramRepository(db)
    const real = createAssignmentRepository(db)
    let attempts = 0
    const failing = { ...real, insertSessions: async (docs: Parameters<typeof real.insertSessions>[0]) => { attempts++; await real.insertSessions(docs.slice(0, 3)); throw new Error('the disk filled up') } }
    const program = (await programs.findDoc(everyDay.id))!
    const request = { program, clientId: w.gymMate.id, assignedBy: w.gymMate.id, startDate: '2027-07-05', timeOfDay: '09:00' }
    await t.rejects(createAssignmentWriter(db, programs, failing).assign(request), /disk filled up/)
    t.equal(attempts, 1)
    t.equal(await db.collection(COLLECTIONS.sessions).countDocuments({ user_id: w.gymMate.id }), 0, 'the three written sessions were removed')
    t.equal(await db.collection(COLLECTIONS.programAssignments).countDocuments({ user_id: w.gymMate.id }), 0, 'and the pending assignment')
    const retried = await createAssignmentWriter(db, programs, real).assign(request)
    t.match(retried, { status: 'active', session_count: 8 }, 'the same assignment succeeds afterwards')
    t.equal(await db.collection(COLLECTIONS.sessions).countDocuments({ user_id: w.gymMate.id }), 8)
  })

  t.test('a pending assignment left by a crashed writer: 409 while fresh, discarded with its sessions once stale', async (t) => {
    const program = await createProgram(app, w.trainer, { weeks: [{ days: [{ day: 1, workout: w.workout }] }] })
    const leftover = async (ageMs: number) => {
      const at = new Date(Date.now() - ageMs)
      const { insertedId } = await db.collection(COLLECTIONS.programAssignments).insertOne({
        program_id: new ObjectId(program.id), user_id: w.client.id, status: 'pending', open: true, created_at: at, updated_at: at
      })
      await db.collection(COLLECTIONS.sessions).insertOne({ user_id: w.client.id, assignment_id: insertedId, status: 'planned' })
      return insertedId
    }
    const url = `/api/programs/${program.id}/assignments`
    const payload = { client_id: w.client.id, start_date: '2027-08-02' }
    const fresh = await leftover(1000)
    t.equal((await app.inject({ method: 'POST', url, headers: w.trainer.headers, payload })).statusCode, 409, 'a writer may still be at work')
    await db.collection(COLLECTIONS.programAssignments).updateOne({ _id: fresh }, { $set: { created_at: new Date(Date.now() - STALE_PENDING_MS - 1000) } })
    const res = await app.inject({ method: 'POST', url, headers: w.trainer.headers, payload })
    t.equal(res.statusCode, 201)
    t.equal(await db.collection(COLLECTIONS.programAssignments).countDocuments({ _id: fresh }), 0)
    t.equal(await db.collection(COLLECTIONS.sessions).countDocuments({ assignment_id: fresh }), 0, 'its half-written sessions went with it')
  })

  t.test('the largest program (52 weeks × 7 days) plans 364 sessions, one per local day', async (t) => {
    const weeks = Array.from({ length: 52 }, () => ({ days: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, workout: w.workout })) }))
    const program = await createProgram(app, w.trainer, { weeks })
    const started = performance.now()
    const res = await app.inject({ method: 'POST', url: `/api/programs/${program.id}/assignments`, headers: w.trainer.headers, payload: { client_id: w.client.id, start_date: '2028-01-03' } })
    t.comment(`assigning 364 sessions took ${Math.round(performance.now() - started)} ms`)
    t.equal(res.statusCode, 201)
    const sessions = await sessionsOf(res.json().id)
    t.equal(sessions.length, 364)
    const berlinDay = (date: Date) => date.toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' })
    const berlinTime = (date: Date) => date.toLocaleTimeString('sv-SE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' })
    t.equal(new Set(sessions.map((s) => berlinDay(s.scheduled_for))).size, 364, 'every session on its own local day')
    t.ok(sessions.every((s) => berlinTime(s.scheduled_for) === '09:00'), 'all at 09:00 local, summer and winter')
    t.equal(berlinDay(sessions[363].scheduled_for), '2028-12-31', '2028 is a leap year: start + 363 days')
  })
})
