import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { inParallel, listen } from '../../helpers/http.js'
import { createSession } from '../sessions/fixtures.js'
import { completedSession, follow } from './visibility-fixtures.js'

t.test('likes', async (t) => {
  const app = await build(t)
  const [owner, fan, stranger] = await Promise.all([createUser(app), createUser(app), createUser(app)])
  await follow(app, fan, owner)
  const call = (method: 'PUT' | 'DELETE', url: string, user = fan) => app.inject({ method, url, headers: user.headers })

  t.test('idempotent like and unlike; the count and the owner\'s notification follow', async (t) => {
    const session = await completedSession(app, owner, 'followers')
    const url = `/api/workout-sessions/${session.id}/like`
    t.same((await call('PUT', url)).json(), { liked: true, like_count: 1 })
    t.same((await call('PUT', url)).json(), { liked: true, like_count: 1 }, 'a second like changes nothing')
    t.same((await call('PUT', url, owner)).json(), { liked: true, like_count: 2 }, 'owners may like their own')
    const inbox = (await app.inject({ url: '/api/notifications', headers: owner.headers })).json()
    t.match(inbox, { count: 1, results: [{ type: 'like', actor: { id: fan.id, username: fan.username }, object: { kind: 'session', id: session.id }, read: false }] }, 'one notification, none for liking your own')
    t.same((await call('DELETE', url)).json(), { liked: false, like_count: 1 })
    t.same((await call('DELETE', url)).json(), { liked: false, like_count: 1 }, 'a second unlike changes nothing')
    t.equal((await app.inject({ url: '/api/notifications', headers: owner.headers })).json().count, 0, 'the like that is gone is no news')
    t.equal((await app.inject({ url: `/api/workout-sessions/${session.id}`, headers: owner.headers })).json().like_count, 1)
  })

  t.test('refusals: invisible → 404, not completed → 409, bad ids → 400, no token → 401', async (t) => {
    const hidden = await completedSession(app, owner, 'private')
    t.equal((await call('PUT', `/api/workout-sessions/${hidden.id}/like`)).statusCode, 404, 'liking a private session')
    const followersOnly = await completedSession(app, owner, 'followers')
    t.equal((await call('PUT', `/api/workout-sessions/${followersOnly.id}/like`, stranger)).statusCode, 404)
    const planned = await createSession(app, owner, 'planned', { visibility: 'public' })
    const res = await call('PUT', `/api/workout-sessions/${planned.id}/like`)
    t.equal(res.statusCode, 409)
    t.match(res.json(), { code: 'INVALID_STATE' })
    t.equal((await call('PUT', '/api/workout-sessions/000000000000000000000000/like')).statusCode, 404)
    t.equal((await call('PUT', '/api/workout-sessions/nope/like')).statusCode, 400)
    t.equal((await call('PUT', '/api/workout-sessions/%7B%22%24gt%22%3A%22%22%7D/like')).statusCode, 400, 'an operator object as id')
    t.equal((await app.inject({ method: 'PUT', url: `/api/workout-sessions/${followersOnly.id}/like` })).statusCode, 401)
  })

  t.test('workouts: visible ones take likes', async (t) => {
    const created = await app.inject({ method: 'POST', url: '/api/workouts', headers: owner.headers, payload: { name: 'Shared', visibility: 'public' } })
    const url = `/api/workouts/${created.json().id}/like`
    t.same((await call('PUT', url, stranger)).json(), { liked: true, like_count: 1 })
    const privateOne = await app.inject({ method: 'POST', url: '/api/workouts', headers: owner.headers, payload: { name: 'Mine' } })
    t.equal((await call('PUT', `/api/workouts/${privateOne.json().id}/like`, stranger)).statusCode, 404)
    await app.inject({ method: 'DELETE', url: `/api/workouts/${created.json().id}`, headers: owner.headers })
    t.equal(await app.mongo.db!.collection('likes').countDocuments({ object_kind: 'workout' }), 0, 'deleting the workout deletes its likes')
  })

  t.test('50 concurrent likes, then 50 concurrent unlikes and likes, counted exactly', async (t) => {
    const session = await completedSession(app, owner, 'public')
    const users = await Promise.all(Array.from({ length: 25 }, () => createUser(app)))
    const client = await listen(app)
    const url = `/api/workout-sessions/${session.id}/like`
    // Every user likes twice at once: a naive read-then-increment would count some twice.
    const liked = await inParallel(50, (i) => client(users[i % 25])('PUT', url))
    t.ok(liked.every((res) => res.status === 200))
    const count = async () => (await app.inject({ url: `/api/workout-sessions/${session.id}`, headers: owner.headers })).json().like_count
    t.equal(await count(), 25)
    // The first 10 users unlike twice at once, the others like again: 15 remain.
    const mixed = await inParallel(50, (i) => client(users[i % 25])(i % 25 < 10 ? 'DELETE' : 'PUT', url))
    t.ok(mixed.every((res) => res.status === 200))
    t.equal(await count(), 15)
    t.equal(await app.mongo.db!.collection('likes').countDocuments({ object_id: { $exists: true }, object_kind: 'session', user_id: { $in: users.map((u) => u.id) } }), 15)
  })
})
