import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { fieldsOf } from '../sessions/fixtures.js'
import { createProgram, programWorld, twoWeeks } from './fixtures.js'

t.test('programs: create, read, change, delete', async (t) => {
  const app = await build(t)
  const w = await programWorld(app)

  t.test('a trainer creates a program; the answer resolves workout names and counts', async (t) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/programs',
      headers: w.trainer.headers,
      payload: { name: 'Block A', description: 'Two weeks', visibility: 'gym', weeks: [{ days: [{ day: 3, workout: w.publicWorkout }, { day: 1, workout: w.workout, notes: 'Easy' }] }, { days: [] }] }
    })
    t.equal(res.statusCode, 201)
    t.match(res.json(), {
      id: /^[0-9a-f]{24}$/,
      name: 'Block A',
      visibility: 'gym',
      total_weeks: 2,
      total_sessions: 2,
      created_by_user_id: w.trainer.id,
      weeks: [{ week: 1, days: [{ day: 1, workout: w.workout, workout_name: 'Trainer push', notes: 'Easy' }, { day: 3, workout_name: 'Shared pull', notes: '' }] }, { week: 2, days: [] }]
    })
    const admin = await app.inject({ method: 'POST', url: '/api/programs', headers: w.admin.headers, payload: { name: 'Admin plan', weeks: [{ days: [{ day: 1, workout: w.publicWorkout }] }] } })
    t.equal(admin.statusCode, 201)
    t.equal(admin.json().visibility, 'private', 'private by default')
  })

  t.test('members may not create programs; anonymous callers are 401', async (t) => {
    const payload = { name: 'Mine', weeks: [{ days: [{ day: 1, workout: w.publicWorkout }] }] }
    const res = await app.inject({ method: 'POST', url: '/api/programs', headers: w.client.headers, payload })
    t.equal(res.statusCode, 403)
    t.equal(res.json().code, 'FORBIDDEN')
    t.equal((await app.inject({ method: 'POST', url: '/api/programs', payload })).statusCode, 401)
    t.equal((await app.inject({ url: '/api/programs' })).statusCode, 401)
  })

  t.test('bad input: 400 naming the field, nothing written', async (t) => {
    const before = await app.mongo.db!.collection('programs').countDocuments()
    const day = { day: 1, workout: w.workout }
    const cases: Array<[string, unknown, string[]]> = [
      ['no weeks', { weeks: [] }, ['body/weeks']],
      ['53 weeks', { weeks: Array.from({ length: 53 }, () => ({ days: [day] })) }, ['body/weeks']],
      ['day 0', { weeks: [{ days: [{ ...day, day: 0 }] }] }, ['body/weeks/0/days/0/day']],
      ['day 8', { weeks: [{ days: [{ ...day, day: 8 }] }] }, ['body/weeks/0/days/0/day']],
      ['8 days in a week', { weeks: [{ days: Array.from({ length: 8 }, (_v, i) => ({ ...day, day: (i % 7) + 1 })) }] }, ['body/weeks/0/days']],
      ['a day twice', { weeks: [{ days: [day, { ...day, notes: 'again' }] }] }, ['body/weeks/0/days/1/day']],
      ['only rest weeks', { weeks: [{ days: [] }, { days: [] }] }, ['body/weeks']],
      ['another user\'s private workout', { weeks: [{ days: [{ day: 2, workout: w.workout }] }, { days: [{ day: 1, workout: '0123456789abcdef01234567' }] }] }, ['body/weeks/1/days/0/workout']],
      ['a malformed workout id', { weeks: [{ days: [{ day: 1, workout: 'nope' }] }] }, ['body/weeks/0/days/0/workout']],
      ['an operator object as workout', { weeks: [{ days: [{ day: 1, workout: { $gt: '' } }] }] }, ['body/weeks/0/days/0/workout']],
      ['an operator object as name', { name: { $ne: null }, weeks: [{ days: [day] }] }, ['body/name']],
      ['an unknown visibility', { visibility: 'friends', weeks: [{ days: [day] }] }, ['body/visibility']],
      ['a huge name', { name: 'x'.repeat(201), weeks: [{ days: [day] }] }, ['body/name']],
      ['an unknown field', { owner: 1, weeks: [{ days: [day] }] }, ['body/owner']]
    ]
    for (const [label, body, fields] of cases) {
      const res = await app.inject({ method: 'POST', url: '/api/programs', headers: w.trainer.headers, payload: { name: 'Bad', ...body as object } })
      t.equal(res.statusCode, 400, label)
      t.same(fieldsOf(res.json()), fields, `${label}: ${res.json().message}`)
    }
    const otherTrainers = await app.inject({ method: 'POST', url: '/api/programs', headers: w.otherTrainer.headers, payload: { name: 'Theirs', weeks: [{ days: [day] }] } })
    t.equal(otherTrainers.statusCode, 400, 'a trainer cannot use another trainer\'s private workout')
    const proto = await app.inject({
      method: 'POST',
      url: '/api/programs',
      headers: { ...w.trainer.headers, 'content-type': 'application/json' },
      payload: `{"name":"Proto","weeks":[{"days":[{"day":1,"workout":"${w.workout}","__proto__":{"admin":true}}]}]}`
    })
    t.equal(proto.statusCode, 400, '__proto__ keys are refused')
    t.equal(await app.mongo.db!.collection('programs').countDocuments(), before)
  })

  t.test('owner and admin change and delete; others get 403 or 404', async (t) => {
    const program = await createProgram(app, w.trainer, { visibility: 'public', weeks: twoWeeks(w.workout) })
    const url = `/api/programs/${program.id}`
    const patch = await app.inject({ method: 'PATCH', url, headers: w.trainer.headers, payload: { name: 'Block B', weeks: [{ days: [{ day: 7, workout: w.publicWorkout }] }] } })
    t.equal(patch.statusCode, 200)
    t.match(patch.json(), { name: 'Block B', total_weeks: 1, total_sessions: 1, weeks: [{ days: [{ day: 7, workout: w.publicWorkout }] }] })
    t.ok(patch.json().updated_at > String(program.updated_at))
    const put = await app.inject({ method: 'PUT', url, headers: w.admin.headers, payload: { name: 'By admin', weeks: [{ days: [{ day: 1, workout: w.workout }] }] } })
    t.equal(put.statusCode, 200, 'an admin edits it, with the owner\'s workouts')
    t.match(put.json(), { name: 'By admin', description: '', visibility: 'private', created_by_user_id: w.trainer.id })
    const adminsOwn = await app.inject({ method: 'PATCH', url, headers: w.admin.headers, payload: { weeks: [{ days: [{ day: 1, workout: await adminWorkout() }] }] } })
    t.equal(adminsOwn.statusCode, 400, 'but not with the admin\'s private workout: the owner could not use it')
    await app.inject({ method: 'PATCH', url, headers: w.trainer.headers, payload: { visibility: 'public' } })
    for (const user of [w.otherTrainer, w.client]) {
      t.equal((await app.inject({ method: 'PATCH', url, headers: user.headers, payload: { name: 'Mine now' } })).statusCode, 403)
      t.equal((await app.inject({ method: 'DELETE', url, headers: user.headers })).statusCode, 403)
    }
    t.equal((await app.inject({ method: 'PATCH', url, headers: w.trainer.headers, payload: { visibility: 'private' } })).statusCode, 200)
    t.equal((await app.inject({ method: 'PATCH', url, headers: w.otherTrainer.headers, payload: { name: 'x' } })).statusCode, 404, 'private again: 404, not 403')
    t.equal((await app.inject({ method: 'PATCH', url, headers: w.trainer.headers, payload: { name: { $set: 'x' } } })).statusCode, 400)
    t.equal((await app.inject({ method: 'DELETE', url, headers: w.trainer.headers })).statusCode, 204)
    t.equal((await app.inject({ url, headers: w.trainer.headers })).statusCode, 404)
    t.equal((await app.inject({ method: 'DELETE', url, headers: w.admin.headers })).statusCode, 404)
    t.equal((await app.inject({ url: '/api/programs/not-an-id', headers: w.trainer.headers })).statusCode, 400, 'malformed id')
  })

  async function adminWorkout () {
    const res = await app.inject({ method: 'POST', url: '/api/workouts', headers: w.admin.headers, payload: { name: 'Admin only' } })
    return res.json().id as string
  }

  t.test('another user with no gym sees only public programs', async (t) => {
    const stranger = await createUser(app)
    const list = await app.inject({ url: '/api/programs?page_size=100', headers: stranger.headers })
    t.equal(list.statusCode, 200)
    t.ok(list.json().results.every((p: { visibility: string }) => p.visibility === 'public'))
  })
})
