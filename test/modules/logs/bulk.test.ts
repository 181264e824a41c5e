import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { createSession, fieldsOf, insertExercise, logSet } from '../sessions/fixtures.js'

const url = '/api/exercise-logs/bulk_create'

t.test('POST /api/exercise-logs/bulk_create', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const press = await insertExercise(app, { name: 'Overhead press' })
  const curl = await insertExercise(app, { name: 'Curl' })
  const bobsPrivate = await insertExercise(app, { created_by_user_id: bob.id })
  const session = await createSession(app, alice, 'in_progress')
  const other = await createSession(app, alice)
  const logs = app.mongo.db!.collection(COLLECTIONS.logs)
  const bulk = (payload: unknown, user = alice) => app.inject({ method: 'POST', url, headers: user.headers, payload: payload as Record<string, unknown> })
  const set = (extra: Record<string, unknown> = {}) => ({ workout_session: session.id, exercise: press, reps: 5, weight: 50, ...extra })

  t.test('writes every set, in order, numbering each (session, exercise) pair', async (t) => {
    await logSet(app, alice, session.id, { exercise: press, reps: 5, weight: 40 })
    const res = await bulk({ logs: [set(), set({ exercise: curl }), set(), set({ workout_session: other.id }), set({ set_number: 9 })] })
    t.equal(res.statusCode, 201)
    const created = res.json().logs
    t.same(created.map((log: { set_number: number }) => log.set_number), [2, 1, 3, 1, 9])
    t.same(created.map((log: { workout_session: string }) => log.workout_session), [session.id, session.id, session.id, other.id, session.id])
    t.equal(await logs.countDocuments({ user_id: alice.id }), 6)
  })

  t.test('one bad set among many: 400 naming it by index, nothing written', async (t) => {
    const before = await logs.countDocuments()
    const res = await bulk({ logs: [set(), set(), set({ reps: -3 }), set({ exercise: bobsPrivate }), set({ reps: null, weight: null })] })
    t.equal(res.statusCode, 400)
    t.same(res.json().details, [{ field: 'body/logs/2/reps', message: 'must be >= 0' }], 'schema errors come first')
    const refs = await bulk({ logs: [set(), set({ exercise: bobsPrivate }), set({ reps: null, weight: null }), set({ workout_session: '0123456789abcdef01234567' })] })
    t.equal(refs.statusCode, 400)
    t.match(refs.json(), { code: 'VALIDATION_ERROR' })
    t.same(refs.json().details, [
      { field: 'body/logs/1/exercise', message: 'does not exist' },
      { field: 'body/logs/2', message: 'must include at least one of reps, weight, duration_seconds, distance' },
      { field: 'body/logs/3/workout_session', message: 'does not exist' }
    ])
    t.equal(await logs.countDocuments(), before)
  })

  t.test('a set into someone else\'s session is "does not exist"; nothing written', async (t) => {
    const before = await logs.countDocuments()
    const bobs = await createSession(app, bob, 'in_progress')
    const res = await bulk({ logs: [set(), set({ workout_session: bobs.id })] })
    t.equal(res.statusCode, 400)
    t.same(res.json().details, [{ field: 'body/logs/1/workout_session', message: 'does not exist' }])
    t.equal(await logs.countDocuments(), before)
  })

  t.test('a set into a completed session: 409 naming it, nothing written', async (t) => {
    const before = await logs.countDocuments()
    const done = await createSession(app, alice, 'completed')
    const res = await bulk({ logs: [set(), set(), set({ workout_session: done.id })] })
    t.equal(res.statusCode, 409)
    t.match(res.json(), { code: 'INVALID_STATE', message: 'Cannot log sets into a session that is completed (body/logs/2)' })
    t.equal(await logs.countDocuments(), before)
  })

  t.test('1 to 100 sets, and nothing else in the body', async (t) => {
    t.same(fieldsOf((await bulk({ logs: [] })).json()), ['body/logs'])
    t.same(fieldsOf((await bulk({ logs: Array.from({ length: 101 }, () => set()) })).json()), ['body/logs'])
    t.same(fieldsOf((await bulk({})).json()), ['body/logs'])
    t.same(fieldsOf((await bulk({ logs: [set()], dry_run: true })).json()), ['body/dry_run'])
    t.same(fieldsOf((await bulk([set()])).json()), ['body'])
    const hundred = await bulk({ logs: Array.from({ length: 100 }, (_v, i) => set({ exercise: curl, set_number: i + 1 })) })
    t.equal(hundred.statusCode, 201)
    t.equal(hundred.json().logs.length, 100)
  })

  t.test('past the 100th set of a pair a set_number must be given', async (t) => {
    const res = await bulk({ logs: [set({ exercise: curl })] })
    t.equal(res.statusCode, 400)
    t.same(res.json().details, [{ field: 'body/logs/0/set_number', message: 'is required after set 100 (the maximum)' }])
  })

  t.test('401 without a token', async (t) => {
    t.equal((await app.inject({ method: 'POST', url, payload: { logs: [set()] } })).statusCode, 401)
  })
})
