import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser, type TestUser } from '../../helpers/users.js'
import { follows } from './graph-fixtures.js'

t.test('blocks', async (t) => {
  const app = await build(t)
  const call = (user: TestUser, method: 'GET' | 'POST' | 'DELETE', url: string) => app.inject({ method, url: `/api/users/${url}`, headers: user.headers })
  const followRows = async (a: TestUser, b: TestUser) => (await app.pg.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM follows WHERE (follower_id = $1 AND followee_id = $2) OR (follower_id = $2 AND followee_id = $1)', [a.id, b.id])).rows[0].n

  t.test('a block ends follows both ways and hides each from the other', async (t) => {
    const [me, pest, friend] = await Promise.all([createUser(app), createUser(app), createUser(app)])
    await follows(app, me, pest)
    await follows(app, pest, me)
    await follows(app, friend, me)
    let res = await call(me, 'POST', `${pest.username}/block`)
    t.equal(res.statusCode, 201)
    t.same(res.json(), { username: pest.username, blocked: true })
    t.equal(await followRows(me, pest), 0, 'both follows ended')
    t.equal((await call(me, 'POST', `${pest.username}/block`)).statusCode, 200, 'again: 200')
    t.equal((await call(pest, 'GET', me.username)).statusCode, 404)
    t.equal((await call(me, 'GET', pest.username)).statusCode, 404)
    t.equal((await call(pest, 'POST', `${me.username}/follow`)).statusCode, 404, 'cannot follow the blocker')
    t.equal((await call(me, 'POST', `${pest.username}/follow`)).statusCode, 404, 'nor the blocked')
    t.equal(await followRows(me, pest), 0)
    t.equal((await call(pest, 'GET', `${me.username}/followers`)).statusCode, 404)
    t.equal((await call(pest, 'POST', `${me.username}/block`)).statusCode, 201, 'the blocked may block back')

    // A third party's lists leave out whoever is blocked with the viewer.
    await follows(app, pest, friend)
    await follows(app, me, friend)
    t.same((await call(me, 'GET', `${friend.username}/followers`)).json().results.map((m: { username: string }) => m.username), [me.username])
    t.equal((await call(me, 'GET', `${friend.username}/followers`)).json().count, 1)
    t.equal((await call(friend, 'GET', `${friend.username}/followers`)).json().count, 2, 'the owner sees both')

    res = await call(me, 'GET', 'me/blocks')
    t.match(res.json(), { count: 1, results: [{ username: pest.username, since: String }] })
    t.equal((await call(me, 'DELETE', `${pest.username}/block`)).statusCode, 204)
    t.equal((await call(me, 'DELETE', `${pest.username}/block`)).statusCode, 204, 'idempotent')
    t.equal((await call(me, 'GET', 'me/blocks')).json().count, 0)
    t.equal((await call(me, 'GET', pest.username)).statusCode, 404, 'their block of me still hides them')
    t.equal((await call(pest, 'DELETE', `${me.username}/block`)).statusCode, 204)
    t.equal((await call(me, 'GET', pest.username)).statusCode, 200, 'no block left')
    t.equal(await followRows(me, pest), 0, 'follows ended by a block are not restored')
  })

  t.test('bad input', async (t) => {
    const me = await createUser(app)
    t.equal((await call(me, 'POST', `${me.username}/block`)).statusCode, 400, 'yourself')
    t.equal((await call(me, 'POST', 'ghost_user/block')).statusCode, 404)
    t.equal((await call(me, 'DELETE', 'ghost_user/block')).statusCode, 404)
    t.equal((await call(me, 'POST', '%7B%22%24gt%22%3A1%7D/block')).statusCode, 400)
    t.equal((await call(me, 'GET', 'me/blocks?page_size=101')).statusCode, 400)
    t.equal((await app.inject({ url: '/api/users/me/blocks' })).statusCode, 401)
    t.equal((await app.inject({ method: 'POST', url: `/api/users/${me.username}/block` })).statusCode, 401)
  })
})
