import t from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { createSession, insertExercise, logSet } from '../sessions/fixtures.js'
import { block, completedSession, follow, setDefaultVisibility } from './visibility-fixtures.js'

t.test('visibility of sessions and workouts', async (t) => {
  const app = await build(t)
  const [owner, follower, stranger] = await Promise.all([createUser(app), createUser(app), createUser(app)])
  await follow(app, follower, owner)
  const get = (url: string, user = owner) => app.inject({ url, headers: user.headers })

  t.test('a new session defaults to the owner\'s default_visibility; create and PATCH set it', async (t) => {
    t.equal((await createSession(app, owner)).visibility, 'private', 'the column default')
    await setDefaultVisibility(app, owner, 'followers')
    t.equal((await createSession(app, owner)).visibility, 'followers')
    const chosen = await createSession(app, owner, 'planned', { visibility: 'public' })
    t.equal(chosen.visibility, 'public')
    const patched = await app.inject({ method: 'PATCH', url: `/api/workout-sessions/${chosen.id}`, headers: owner.headers, payload: { visibility: 'private' } })
    t.equal(patched.json().visibility, 'private')
    const bad = await app.inject({ method: 'PATCH', url: `/api/workout-sessions/${chosen.id}`, headers: owner.headers, payload: { visibility: 'friends' } })
    t.equal(bad.statusCode, 400)
    await setDefaultVisibility(app, owner, 'private')
  })

  t.test('a session stored without the field counts as private', async (t) => {
    const session = await completedSession(app, owner, 'public')
    await app.mongo.db!.collection(COLLECTIONS.sessions).updateOne({ _id: new ObjectId(session.id) }, { $unset: { visibility: '' } })
    t.equal((await get(`/api/workout-sessions/${session.id}`)).json().visibility, 'private')
    t.equal((await get(`/api/workout-sessions/${session.id}`, stranger)).statusCode, 404)
  })

  t.test('others read a visible session and its sets, and change nothing', async (t) => {
    const exercise = await insertExercise(app, { created_by_user_id: null, is_custom: false })
    const session = await createSession(app, owner, 'in_progress', { visibility: 'followers' })
    await logSet(app, owner, session.id, { exercise, reps: 5, weight: 100 })
    t.equal((await get(`/api/workout-sessions/${session.id}`, follower)).statusCode, 200)
    t.equal((await get(`/api/workout-sessions/${session.id}/logs`, follower)).json().count, 1)
    t.equal((await get(`/api/workout-sessions/${session.id}`, stranger)).statusCode, 404)
    t.equal((await get(`/api/workout-sessions/${session.id}/logs`, stranger)).statusCode, 404)
    for (const [method, url, payload] of [
      ['PATCH', `/api/workout-sessions/${session.id}`, { name: 'x' }],
      ['DELETE', `/api/workout-sessions/${session.id}`, undefined],
      ['POST', `/api/workout-sessions/${session.id}/complete`, {}],
      ['POST', `/api/workout-sessions/${session.id}/logs`, { exercise, reps: 1 }]
    ] as const) {
      const res = await app.inject({ method, url, headers: follower.headers, ...(payload ? { payload } : {}) })
      t.equal(res.statusCode, 404, `${method} ${url} by a follower`)
    }
    t.equal((await get('/api/workout-sessions', follower)).json().count, 0, 'lists stay "mine"')
    await block(app, owner, follower)
    t.equal((await get(`/api/workout-sessions/${session.id}`, follower)).statusCode, 404, 'a block hides it')
    await app.pg.query('DELETE FROM blocks')
  })

  t.test('workouts: visibility stored, is_public derived and still accepted', async (t) => {
    const post = (payload: object, user = owner) => app.inject({ method: 'POST', url: '/api/workouts', headers: user.headers, payload: { name: 'W', ...payload } })
    t.match((await post({})).json(), { visibility: 'private', is_public: false })
    t.match((await post({ is_public: true })).json(), { visibility: 'public', is_public: true })
    t.match((await post({ visibility: 'public' })).json(), { visibility: 'public', is_public: true })
    const followers = (await post({ visibility: 'followers' })).json()
    t.match(followers, { visibility: 'followers', is_public: false })
    const clash = await post({ visibility: 'followers', is_public: true })
    t.equal(clash.statusCode, 400)
    t.match(clash.json(), { details: [{ field: 'body/is_public' }] })
    await setDefaultVisibility(app, owner, 'followers')
    t.match((await post({})).json(), { visibility: 'followers' }, 'the default comes from the account')
    await setDefaultVisibility(app, owner, 'private')
    const patched = await app.inject({ method: 'PATCH', url: `/api/workouts/${followers.id}`, headers: owner.headers, payload: { is_public: true } })
    t.match(patched.json(), { visibility: 'public', is_public: true })
    await app.inject({ method: 'PATCH', url: `/api/workouts/${followers.id}`, headers: owner.headers, payload: { visibility: 'followers' } })
    t.equal((await get(`/api/workouts/${followers.id}`, follower)).statusCode, 200, 'a follower reads a followers workout')
    t.equal((await get(`/api/workouts/${followers.id}`, stranger)).statusCode, 404)
    t.equal((await app.inject({ method: 'PATCH', url: `/api/workouts/${followers.id}`, headers: follower.headers, payload: { name: 'x' } })).statusCode, 404, 'and cannot change it')
    const legacy = (await post({ is_public: true })).json()
    await app.mongo.db!.collection(COLLECTIONS.workouts).updateOne({ _id: new ObjectId(legacy.id) }, { $unset: { visibility: '' } })
    t.equal((await get(`/api/workouts/${legacy.id}`, stranger)).json().visibility, 'public', 'a stored workout without the field is as public as is_public says')
  })
})
