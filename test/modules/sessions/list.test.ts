import t from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { sessionIndexes } from '../../../src/modules/sessions/repository.js'
import { createSession, fieldsOf, insertWorkout } from './fixtures.js'

const url = '/api/workout-sessions'

t.test('GET /api/workout-sessions', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const legs = await insertWorkout(app, alice.id, { name: 'Legs' })
  const list = async (query = '', user = alice) => {
    const res = await app.inject({ method: 'GET', url: `${url}${query}`, headers: user.headers })
    return { status: res.statusCode, body: res.json() }
  }

  const made: string[] = []
  for (let i = 0; i < 5; i++) made.push((await createSession(app, alice, 'planned', { name: `S${i}` })).id)
  await createSession(app, bob)

  t.test('only the caller\'s sessions, newest first', async (t) => {
    const { status, body } = await list()
    t.equal(status, 200)
    t.equal(body.count, 5)
    t.same(body.results.map((s: { id: string }) => s.id), [...made].reverse())
    t.same([body.next, body.previous], [null, null])
    t.equal((await list('', bob)).body.count, 1)
  })

  t.test('page edges: count, next and previous are exact', async (t) => {
    const first = await list('?page_size=2')
    t.equal(first.body.count, 5)
    t.match(first.body.next, /^http:\/\/localhost(:\d+)?\/api\/workout-sessions\?page_size=2&page=2$/)
    t.equal(first.body.previous, null)
    const middle = await list('?page_size=2&page=2')
    t.match(middle.body.next, /page=3$/)
    t.match(middle.body.previous, /\/api\/workout-sessions\?page_size=2$/)
    const last = await list('?page_size=2&page=3')
    t.same(last.body.results.map((s: { name: string }) => s.name), ['S0'])
    t.equal(last.body.next, null)
    t.match(last.body.previous, /page=2$/)
    const beyond = await list('?page_size=2&page=9')
    t.same([beyond.body.count, beyond.body.results, beyond.body.next], [5, [], null])
    t.match(beyond.body.previous, /page=3$/)
    const exact = await list('?page_size=5')
    t.same([exact.body.results.length, exact.body.next, exact.body.previous], [5, null, null])
  })

  t.test('filters: status and workout', async (t) => {
    const running = await createSession(app, alice, 'in_progress', { workout: legs })
    const done = await createSession(app, alice, 'completed')
    t.same((await list('?status=in_progress')).body.results.map((s: { id: string }) => s.id), [running.id])
    t.same((await list('?status=completed')).body.results.map((s: { id: string }) => s.id), [done.id])
    t.same((await list(`?workout=${legs}`)).body.results.map((s: { id: string }) => s.id), [running.id])
    t.equal((await list(`?workout=${legs}`, bob)).body.count, 0)
    await app.inject({ method: 'DELETE', url: `${url}/${running.id}`, headers: alice.headers })
    await app.inject({ method: 'DELETE', url: `${url}/${done.id}`, headers: alice.headers })
  })

  t.test('date_from/date_to on session_date: days are whole and inclusive, instants exact', async (t) => {
    const coll = app.mongo.db!.collection(COLLECTIONS.sessions)
    const days = ['2026-03-01T23:59:59.999Z', '2026-03-02T00:00:00.000Z', '2026-03-02T12:00:00.000Z', '2026-03-03T00:00:00.000Z', '2026-03-04T08:00:00.000Z']
    for (const [i, id] of made.entries()) await coll.updateOne({ _id: new ObjectId(id) }, { $set: { session_date: new Date(days[i]) } })
    const names = async (query: string) => (await list(query)).body.results.map((s: { name: string }) => s.name).sort()
    t.same(await names('?date_from=2026-03-02&date_to=2026-03-02'), ['S1', 'S2'])
    t.same(await names('?date_from=2026-03-02'), ['S1', 'S2', 'S3', 'S4'])
    t.same(await names('?date_to=2026-03-03'), ['S0', 'S1', 'S2', 'S3'])
    t.same(await names('?date_from=2026-03-02T12:00:00Z&date_to=2026-03-03T00:00:00Z'), ['S2', 'S3'])
    t.same(await names('?date_from=2026-03-02T13:00:00%2B01:00&date_to=2026-03-02T12:00:00Z'), ['S2'])
  })

  t.test('ordering by created_at, session_date, total_volume', async (t) => {
    t.same((await list('?ordering=created_at')).body.results.map((s: { id: string }) => s.id), made)
    t.same((await list('?ordering=-session_date')).body.results.map((s: { name: string }) => s.name), ['S4', 'S3', 'S2', 'S1', 'S0'])
    t.equal((await list('?ordering=-total_volume')).status, 200)
  })

  t.test('bad query values are named', async (t) => {
    const { status, body } = await list('?status=done&workout=xyz&date_from=yesterday&ordering=name&page=0&page_size=101&owner=1')
    t.equal(status, 400)
    t.same(fieldsOf(body), ['querystring/date_from', 'querystring/ordering', 'querystring/owner', 'querystring/page', 'querystring/page_size', 'querystring/status', 'querystring/workout'])
    const reversed = await list('?date_from=2026-03-03&date_to=2026-03-02')
    t.equal(reversed.status, 400)
    t.same(reversed.body.details, [{ field: 'querystring/date_to', message: 'must not be before date_from' }])
  })

  t.test('401 without a token', async (t) => {
    t.equal((await app.inject({ method: 'GET', url })).statusCode, 401)
  })

  t.test('an index leads with user_id behind every filter and ordering', async (t) => {
    const keys = sessionIndexes.map((index) => Object.keys(index.key))
    for (const field of ['status', 'workout_id', 'session_date', 'created_at', 'start_time', 'end_time', 'total_volume']) {
      t.ok(keys.some((key) => key[0] === 'user_id' && key.includes(field)), field)
    }
    const stored = await app.mongo.db!.collection(COLLECTIONS.sessions).indexes()
    t.ok(sessionIndexes.every((index) => stored.some((s) => s.name === index.options?.name)), 'all declared indexes exist')
  })
})
