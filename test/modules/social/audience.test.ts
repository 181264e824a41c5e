import t from 'tap'
import { mayView, relationOf, VISIBILITIES, type Relation, type Visibility } from '../../../src/modules/social/audience.js'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'

t.test('mayView: the whole table', async (t) => {
  const expected: Record<Relation, Record<Visibility, boolean>> = {
    self: { private: true, followers: true, public: true },
    follower: { private: false, followers: true, public: true },
    requested: { private: false, followers: false, public: true },
    stranger: { private: false, followers: false, public: true },
    blocked: { private: false, followers: false, public: false }
  }
  for (const [relation, row] of Object.entries(expected) as Array<[Relation, Record<Visibility, boolean>]>) {
    for (const visibility of VISIBILITIES) t.equal(mayView(relation, visibility), row[visibility], `${relation} × ${visibility}`)
  }
})

t.test('relationOf reads follows and blocks both ways', async (t) => {
  const app = await build(t)
  const [owner, follower, requester, stranger, blocker, blocked] = await Promise.all(Array.from({ length: 6 }, () => createUser(app)))
  await app.pg.query('INSERT INTO follows (follower_id, followee_id, status) VALUES ($1, $3, \'accepted\'), ($2, $3, \'pending\'), ($4, $3, \'accepted\'), ($3, $5, \'accepted\')',
    [follower.id, requester.id, owner.id, blocker.id, blocked.id])
  await app.pg.query('INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2), ($2, $3)', [blocker.id, owner.id, blocked.id])
  t.equal(await relationOf(app.pg, owner.id, owner.id), 'self')
  t.equal(await relationOf(app.pg, follower.id, owner.id), 'follower')
  t.equal(await relationOf(app.pg, requester.id, owner.id), 'requested')
  t.equal(await relationOf(app.pg, stranger.id, owner.id), 'stranger')
  t.equal(await relationOf(app.pg, blocker.id, owner.id), 'blocked', 'the blocker, even with a follow row')
  t.equal(await relationOf(app.pg, owner.id, blocker.id), 'blocked', 'the blocked one')
  t.equal(await relationOf(app.pg, owner.id, blocked.id), 'blocked', 'blocked by the other side, even when following')
  await t.rejects(app.pg.query('INSERT INTO follows (follower_id, followee_id, status) VALUES ($1, $1, \'pending\')', [owner.id]), /check/i, 'nobody follows themselves')
})
