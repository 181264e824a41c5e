import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { blocks, follows, PNG, putImage } from './graph-fixtures.js'

t.test('account deletion removes the follows, blocks and image of the user, and only theirs', async (t) => {
  const app = await build(t)
  const [user, fan, idol, pest, admirer, bystander] = await Promise.all(Array.from({ length: 6 }, () => createUser(app)))
  await follows(app, fan, user)
  await follows(app, user, idol)
  await follows(app, admirer, user, 'pending')
  await follows(app, bystander, idol)
  await blocks(app, user, pest)
  await blocks(app, pest, user)
  t.equal((await putImage(app, user, PNG, 'image/png')).statusCode, 200)
  t.equal((await putImage(app, bystander, PNG, 'image/png')).statusCode, 200)
  const traces = async (id: number) => (await app.pg.query<{ follows: number, blocks: number, images: number }>(`SELECT
    (SELECT count(*) FROM follows WHERE follower_id = $1 OR followee_id = $1)::int AS follows,
    (SELECT count(*) FROM blocks WHERE blocker_id = $1 OR blocked_id = $1)::int AS blocks,
    (SELECT count(*) FROM profile_images WHERE user_id = $1)::int AS images`, [id])).rows[0]
  t.same(await traces(user.id), { follows: 3, blocks: 2, images: 1 }, 'the user is in every table first')
  t.ok(app.hasDecorator('accountCleanup'))

  t.equal((await app.inject({ method: 'DELETE', url: '/api/auth/me', headers: user.headers })).statusCode, 204)
  t.same(await traces(user.id), { follows: 0, blocks: 0, images: 0 })
  t.same(await traces(bystander.id), { follows: 1, blocks: 0, images: 1 }, 'another user\'s rows are untouched')
  t.equal((await app.inject({ url: `/api/users/${idol.username}`, headers: idol.headers })).json().follower_count, 1, 'counts follow at once')
  t.equal((await app.inject({ url: `/api/users/${user.username}/image` })).statusCode, 404)
})
