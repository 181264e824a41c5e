import t from 'tap'
import { build } from '../../helpers/build.js'
import { inParallel, listen } from '../../helpers/http.js'
import { createUser } from '../../helpers/users.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'

t.test('follows and blocks under concurrency, through a listening server', async (t) => {
  const app = await build(t)
  const client = await listen(app)
  const count = async (sql: string, params: unknown[]) => (await app.pg.query<{ n: number }>(sql, params)).rows[0].n

  t.test('30 parallel follows of the same user by the same user: one row, one notification', async (t) => {
    const [fan, star] = await Promise.all([createUser(app), createUser(app)])
    const answers = await inParallel(30, () => client(fan)('POST', `/api/users/${star.username}/follow`))
    t.same(answers.map((a) => a.status).sort(), [...Array(29).fill(200), 201], 'one made it, the rest found it')
    t.ok(answers.every((a) => a.body.status === 'following'))
    t.equal(await count('SELECT count(*)::int AS n FROM follows WHERE followee_id = $1', [star.id]), 1)
    t.equal((await client(star)('GET', `/api/users/${star.username}`)).body.follower_count, 1)
    t.equal(await app.mongo.db!.collection(COLLECTIONS.notifications).countDocuments({ user_id: star.id }), 1)
  })

  t.test('30 different followers in parallel: 30 followers', async (t) => {
    const star = await createUser(app)
    const fans = await Promise.all(Array.from({ length: 30 }, () => createUser(app)))
    const answers = await inParallel(30, (i) => client(fans[i])('POST', `/api/users/${star.username}/follow`))
    t.ok(answers.every((a) => a.status === 201))
    const profile = await client(star)('GET', `/api/users/${star.username}`)
    t.equal(profile.body.follower_count, 30)
    t.equal((await client(star)('GET', `/api/users/${star.username}/followers?page_size=100`)).body.count, 30)
  })

  t.test('follows racing blocks: no follow survives a block', async (t) => {
    const pairs = await Promise.all(Array.from({ length: 15 }, async () => [await createUser(app), await createUser(app)] as const))
    await inParallel(pairs.length * 2, (i) => {
      const [follower, blocker] = pairs[i >> 1]
      return i % 2 === 0
        ? client(follower)('POST', `/api/users/${blocker.username}/follow`)
        : client(blocker)('POST', `/api/users/${follower.username}/block`)
    })
    for (const [follower, blocker] of pairs) {
      t.equal(await count('SELECT count(*)::int AS n FROM blocks WHERE blocker_id = $1 AND blocked_id = $2', [blocker.id, follower.id]), 1)
    }
    const survivors = await count('SELECT count(*)::int AS n FROM follows WHERE follower_id = ANY($1)', [pairs.map(([follower]) => follower.id)])
    t.equal(survivors, 0)
  })

  t.test('requests racing an account going public: none is left pending', async (t) => {
    const star = await createUser(app)
    await app.pg.query('UPDATE users SET is_private = true WHERE id = $1', [star.id])
    const fans = await Promise.all(Array.from({ length: 20 }, () => createUser(app)))
    await inParallel(21, (i) => i === 10
      ? client(star)('PATCH', '/api/users/me/settings', { is_private: false })
      : client(fans[i > 10 ? i - 1 : i])('POST', `/api/users/${star.username}/follow`))
    t.equal(await count('SELECT count(*)::int AS n FROM follows WHERE followee_id = $1 AND status = \'pending\'', [star.id]), 0)
    t.equal(await count('SELECT count(*)::int AS n FROM follows WHERE followee_id = $1 AND status = \'accepted\'', [star.id]), 20)
  })
})
