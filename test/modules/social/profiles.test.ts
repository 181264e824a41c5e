import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { act, createSession, insertExercise, logSet } from '../sessions/fixtures.js'
import { blocks, follows, makePrivate } from './graph-fixtures.js'
import { createProfileStats } from '../../../src/modules/social/profile-stats.js'

t.test('GET /api/users/{username}', async (t) => {
  const app = await build(t)
  const [owner, viewer, fan] = await Promise.all([createUser(app), createUser(app), createUser(app)])
  const exercise = await insertExercise(app, { is_public: true })
  await app.inject({ method: 'PATCH', url: '/api/auth/me', headers: owner.headers, payload: { profile: { bio: 'Deadlifts on Sundays' } } })
  const profileOf = (username: string, user = viewer) => app.inject({ url: `/api/users/${username}`, headers: user.headers })

  /** A completed session of the owner with one working set of reps × weight. */
  const train = async (reps: number, weight: number) => {
    const session = await createSession(app, owner, 'in_progress')
    await logSet(app, owner, session.id, { exercise, reps, weight })
    return (await act(app, owner, session.id, 'complete')).json() as { id: string, end_time: string }
  }

  t.test('stats of a public account, and the scope bumped where sessions complete and are deleted', async (t) => {
    let res = await profileOf(owner.username)
    t.equal(res.statusCode, 200)
    t.match(res.json(), {
      id: owner.id,
      username: owner.username,
      is_private: false,
      restricted: false,
      image_url: null,
      bio: 'Deadlifts on Sundays',
      stats: { completed_workouts: 0, current_streak_days: 0, last_workout_at: null, total_volume: 0 },
      follower_count: 0,
      following_count: 0,
      viewer: { following: 'none', follows_you: false }
    })
    const first = await train(5, 100)
    res = await profileOf(owner.username)
    t.same(res.json().stats, { completed_workouts: 1, current_streak_days: 1, last_workout_at: first.end_time, total_volume: 500 }, 'a completion shows at once, though stats are cached for an hour')
    const second = await train(10, 20)
    t.same((await profileOf(owner.username)).json().stats, { completed_workouts: 2, current_streak_days: 1, last_workout_at: second.end_time, total_volume: 700 })
    t.equal((await app.inject({ method: 'DELETE', url: `/api/workout-sessions/${second.id}`, headers: owner.headers })).statusCode, 204)
    t.same((await profileOf(owner.username)).json().stats, { completed_workouts: 1, current_streak_days: 1, last_workout_at: first.end_time, total_volume: 500 }, 'a deletion shows at once')
    t.equal((await profileOf(owner.username.toUpperCase())).json().id, owner.id, 'usernames are case-insensitive')
  })

  t.test('the cached streak is judged against today when read, not when cached', async (t) => {
    const stats = createProfileStats(app.mongo.db!, app.cache)
    const day = 24 * 3600 * 1000
    t.equal((await stats(owner.id)).current_streak_days, 1)
    t.equal((await stats(owner.id, new Date(Date.now() + day))).current_streak_days, 1, 'still alive tomorrow')
    t.equal((await stats(owner.id, new Date(Date.now() + 2 * day))).current_streak_days, 0, 'broken the day after')
    t.equal((await stats(owner.id, new Date(Date.now() + 2 * day))).completed_workouts, 1, 'the rest is unchanged')
  })

  t.test('counts are live, the viewer sees both directions', async (t) => {
    await follows(app, fan, owner)
    await follows(app, owner, viewer)
    const body = (await profileOf(owner.username)).json()
    t.equal(body.follower_count, 1)
    t.equal(body.following_count, 1)
    t.same(body.viewer, { following: 'none', follows_you: true })
    t.same((await profileOf(owner.username, fan)).json().viewer, { following: 'following', follows_you: false })
    t.same((await profileOf(owner.username, owner)).json().viewer, { following: 'none', follows_you: false }, 'yourself')
  })

  t.test('a private account shows name, image and counts to non-followers only', async (t) => {
    const [secret, requester] = await Promise.all([createUser(app), createUser(app)])
    await makePrivate(app, secret)
    await follows(app, fan, secret)
    await follows(app, requester, secret, 'pending')
    const restricted = (await profileOf(secret.username)).json()
    t.match(restricted, { is_private: true, restricted: true, bio: null, stats: null, follower_count: 1, following_count: 0 })
    t.match((await profileOf(secret.username, requester)).json(), { restricted: true, stats: null, viewer: { following: 'requested' } }, 'a pending request is not enough')
    t.match((await profileOf(secret.username, fan)).json(), { restricted: false, bio: '', stats: { completed_workouts: 0 } }, 'an approved follower sees it all')
    t.match((await profileOf(secret.username, secret)).json(), { restricted: false }, 'the owner too')
  })

  t.test('404s and 4xx', async (t) => {
    const [blocker, blockee] = await Promise.all([createUser(app), createUser(app)])
    await blocks(app, blocker, blockee)
    t.equal((await profileOf(blockee.username, blocker)).statusCode, 404, 'the blocker does not see the blocked')
    t.equal((await profileOf(blocker.username, blockee)).statusCode, 404, 'nor the blocked the blocker')
    t.equal((await profileOf('nobody_here')).statusCode, 404)
    t.equal((await profileOf('__proto__')).statusCode, 404)
    await app.pg.query('UPDATE users SET is_active = false WHERE id = $1', [fan.id])
    t.equal((await profileOf(fan.username)).statusCode, 404, 'a deactivated account')
    t.equal((await profileOf(owner.username)).json().follower_count, 0, 'and it no longer counts')
    for (const bad of ['%24gt', '%7B%22%24gt%22%3A%22%22%7D', 'x'.repeat(151), 'a b']) {
      const res = await profileOf(bad)
      t.equal(res.statusCode, 400, `username ${bad.slice(0, 20)}`)
      t.equal(res.json().code, 'VALIDATION_ERROR')
    }
    const anonymous = await app.inject({ url: `/api/users/${owner.username}` })
    t.equal(anonymous.statusCode, 401)
  })
})
