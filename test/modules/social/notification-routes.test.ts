import t from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { notify } from '../../../src/modules/social/notify.js'
import { block, completedSession } from './visibility-fixtures.js'

t.test('notifications', async (t) => {
  const app = await build(t)
  const [me, fan, troll] = await Promise.all([createUser(app), createUser(app), createUser(app)])
  const session = await completedSession(app, me, 'public')
  const like = (user: typeof fan) => app.inject({ method: 'PUT', url: `/api/workout-sessions/${session.id}/like`, headers: user.headers })
  await like(fan)
  await like(troll)
  // The follow events are written by the follow routes (another module) through the same notify().
  await notify(app.mongo.db!, { recipient: me.id, type: 'follow', actor: fan.id })
  const get = (url: string, user = me) => app.inject({ url, headers: user.headers })

  t.test('newest first, paged, unread filter and count', async (t) => {
    const all = (await get('/api/notifications?page_size=2')).json()
    t.equal(all.count, 3)
    t.same(all.results.map((n: { type: string }) => n.type), ['follow', 'like'])
    t.match(all.next, /page=2/)
    t.same((await get('/api/notifications/unread-count')).json(), { unread: 3 })
    const first = all.results[0]
    const read = await app.inject({ method: 'POST', url: `/api/notifications/${first.id}/read`, headers: me.headers })
    t.match(read.json(), { id: first.id, read: true, read_at: String })
    const again = await app.inject({ method: 'POST', url: `/api/notifications/${first.id}/read`, headers: me.headers })
    t.equal(again.json().read_at, read.json().read_at, 'read_at keeps the first time')
    t.same((await get('/api/notifications/unread-count')).json(), { unread: 2 })
    t.equal((await get('/api/notifications?unread=true')).json().count, 2)
    t.equal((await get('/api/notifications?unread=false')).json().count, 1)
    t.same((await app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: me.headers })).json(), { marked: 2 })
    t.same((await get('/api/notifications/unread-count')).json(), { unread: 0 })
  })

  t.test('another user\'s notification is a 404; bad ids and queries are 400; no token 401', async (t) => {
    const mine = (await get('/api/notifications')).json().results[0]
    t.equal((await app.inject({ method: 'POST', url: `/api/notifications/${mine.id}/read`, headers: fan.headers })).statusCode, 404)
    t.equal((await app.inject({ method: 'POST', url: `/api/notifications/${new ObjectId().toHexString()}/read`, headers: me.headers })).statusCode, 404)
    t.equal((await app.inject({ method: 'POST', url: '/api/notifications/xyz/read', headers: me.headers })).statusCode, 400)
    t.equal((await get('/api/notifications?unread=maybe')).statusCode, 400)
    t.equal((await get('/api/notifications?user_id=1')).statusCode, 400)
    t.equal((await get('/api/notifications?page_size=1000')).statusCode, 400)
    t.equal((await app.inject({ url: '/api/notifications' })).statusCode, 401)
    t.equal((await get('/api/notifications', fan)).json().count, 0, 'the fan has none of mine')
  })

  t.test('a blocked actor\'s notifications are not shown, either way round', async (t) => {
    await app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: me.headers })
    await app.mongo.db!.collection('notifications').updateMany({}, { $set: { read_at: null } })
    await block(app, troll, me)
    const list = (await get('/api/notifications')).json()
    t.equal(list.count, 2)
    t.notOk(list.results.some((n: { actor: { id: number } }) => n.actor.id === troll.id))
    t.same((await get('/api/notifications/unread-count')).json(), { unread: 2 })
    const trolls = await app.mongo.db!.collection('notifications').findOne({ actor_id: troll.id })
    t.equal((await app.inject({ method: 'POST', url: `/api/notifications/${trolls!._id.toHexString()}/read`, headers: me.headers })).statusCode, 404)
    await app.pg.query('DELETE FROM blocks')
    t.equal((await get('/api/notifications')).json().count, 3, 'back once the block ends')
  })

  t.test('deleting the object takes its notifications along', async (t) => {
    await app.inject({ method: 'DELETE', url: `/api/workout-sessions/${session.id}`, headers: me.headers })
    t.same((await get('/api/notifications')).json().results.map((n: { type: string }) => n.type), ['follow'])
  })
})
