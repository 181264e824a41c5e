import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { createSession } from '../sessions/fixtures.js'
import { completedSession, follow } from './visibility-fixtures.js'

t.test('comments', async (t) => {
  const app = await build(t)
  const [owner, author, other, stranger] = await Promise.all([createUser(app), createUser(app), createUser(app), createUser(app)])
  await follow(app, author, owner)
  await follow(app, other, owner)
  const session = await completedSession(app, owner, 'followers')
  const base = `/api/workout-sessions/${session.id}/comments`
  const post = (text: unknown, user = author, url = base) => app.inject({ method: 'POST', url, headers: user.headers, payload: { text } })
  const sessionOf = async () => (await app.inject({ url: `/api/workout-sessions/${session.id}`, headers: owner.headers })).json()

  t.test('write, list (oldest first, paged), count, notify', async (t) => {
    const first = await post('Strong session!')
    t.equal(first.statusCode, 201)
    t.match(first.json(), { text: 'Strong session!', author: { id: author.id, username: author.username }, object: { kind: 'session', id: session.id }, edited: false })
    await post('Second', other)
    await post('Third')
    const page = (await app.inject({ url: `${base}?page_size=2`, headers: stranger.headers })).statusCode
    t.equal(page, 404, 'a stranger cannot see a followers session, nor its comments')
    const list = (await app.inject({ url: `${base}?page_size=2`, headers: owner.headers })).json()
    t.equal(list.count, 3)
    t.same(list.results.map((c: { text: string }) => c.text), ['Strong session!', 'Second'])
    t.match(list.next, /page=2/)
    t.equal((await sessionOf()).comment_count, 3)
    const inbox = (await app.inject({ url: '/api/notifications?unread=true', headers: owner.headers })).json()
    t.equal(inbox.count, 3)
    t.match(inbox.results[0], { type: 'comment', comment_id: String })
  })

  t.test('edit: the author only; delete: the author or the object\'s owner', async (t) => {
    const comment = (await post('Typo hree')).json()
    const url = `/api/comments/${comment.id}`
    const edit = (user: typeof owner) => app.inject({ method: 'PATCH', url, headers: user.headers, payload: { text: 'Typo here' } })
    t.equal((await edit(owner)).statusCode, 403, 'the owner sees it but may not edit it')
    t.equal((await edit(other)).statusCode, 403)
    t.equal((await edit(stranger)).statusCode, 404, 'who cannot see the session cannot see the comment')
    const edited = await edit(author)
    t.match(edited.json(), { text: 'Typo here', edited: true })
    const del = (user: typeof owner) => app.inject({ method: 'DELETE', url, headers: user.headers })
    t.equal((await del(other)).statusCode, 403)
    t.equal((await del(stranger)).statusCode, 404)
    const before = (await sessionOf()).comment_count
    t.equal((await del(owner)).statusCode, 204, 'the owner removes a comment on their session')
    t.equal((await del(author)).statusCode, 404, 'gone')
    t.equal((await sessionOf()).comment_count, before - 1)
    const own = (await post('Mine')).json()
    t.equal((await app.inject({ method: 'DELETE', url: `/api/comments/${own.id}`, headers: author.headers })).statusCode, 204)
    t.equal(await app.mongo.db!.collection('notifications').countDocuments({ comment_id: { $in: [comment.id, own.id] } }), 0)
  })

  t.test('bad input: length, blank, operators, unknown fields, ids, state', async (t) => {
    t.equal((await post('x'.repeat(2000))).statusCode, 201, '2000 characters fit')
    const long = await post('x'.repeat(2001))
    t.equal(long.statusCode, 400)
    t.match(long.json(), { code: 'VALIDATION_ERROR', details: [{ field: 'body/text' }] })
    t.equal((await post('')).statusCode, 400)
    t.equal((await post('   \n ')).statusCode, 400, 'only white space')
    t.equal((await post({ $gt: '' })).statusCode, 400, 'an operator object')
    t.equal((await post('a\u0000b')).statusCode, 400, 'NUL refused by the input guard')
    const extra = await app.inject({ method: 'POST', url: base, headers: author.headers, payload: { text: 'ok', user_id: 1 } })
    t.equal(extra.statusCode, 400, 'no field beyond text')
    const proto = await app.inject({ method: 'POST', url: base, headers: { ...author.headers, 'content-type': 'application/json' }, payload: '{"text":"ok","__proto__":{"admin":true}}' })
    t.equal(proto.statusCode, 400, 'a __proto__ key')
    t.equal((await post('x', author, '/api/workout-sessions/zz/comments')).statusCode, 400)
    t.equal((await app.inject({ method: 'PATCH', url: '/api/comments/123', headers: author.headers, payload: { text: 'x' } })).statusCode, 400)
    t.equal((await app.inject({ url: `${base}?page=0`, headers: owner.headers })).statusCode, 400)
    const planned = await createSession(app, owner, 'planned', { visibility: 'public' })
    t.equal((await post('early', author, `/api/workout-sessions/${planned.id}/comments`)).statusCode, 409)
    t.equal((await app.inject({ method: 'POST', url: base, payload: { text: 'x' } })).statusCode, 401)
  })

  t.test('workouts take comments; deleting the object deletes them', async (t) => {
    const workout = (await app.inject({ method: 'POST', url: '/api/workouts', headers: owner.headers, payload: { name: 'Public', visibility: 'public' } })).json()
    const url = `/api/workouts/${workout.id}/comments`
    t.equal((await post('Nice plan', stranger, url)).statusCode, 201)
    t.equal((await app.inject({ url, headers: stranger.headers })).json().count, 1)
    const doomed = await completedSession(app, owner, 'public')
    await post('bye', stranger, `/api/workout-sessions/${doomed.id}/comments`)
    await app.inject({ method: 'DELETE', url: `/api/workout-sessions/${doomed.id}`, headers: owner.headers })
    await app.inject({ method: 'DELETE', url: `/api/workouts/${workout.id}`, headers: owner.headers })
    const left = await app.mongo.db!.collection('comments').countDocuments({ user_id: stranger.id })
    t.equal(left, 0, 'the comments of both deleted objects are gone')
  })
})
