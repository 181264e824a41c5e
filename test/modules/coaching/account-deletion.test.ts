import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { createUser, type TestUser } from '../../helpers/users.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { createSession, insertExercise, insertWorkout, logSet } from '../sessions/fixtures.js'
import { activeLink } from './fixtures.js'
import { createPoint } from '../health-metrics/fixtures.js'

/** Every row and document anywhere that still names the user: the test of "leaves nothing". */
async function tracesOf (app: FastifyInstance, userId: number): Promise<Record<string, number>> {
  const pg = await app.pg.query<Record<string, number>>(`SELECT
    (SELECT count(*) FROM users WHERE id = $1)::int AS users,
    (SELECT count(*) FROM auth_tokens WHERE user_id = $1)::int AS tokens,
    (SELECT count(*) FROM coaching_links WHERE trainer_id = $1 OR client_id = $1 OR ended_by = $1)::int AS links,
    (SELECT count(*) FROM gym_memberships WHERE user_id = $1)::int AS memberships,
    (SELECT count(*) FROM trainer_profiles WHERE user_id = $1)::int AS trainer_profiles,
    (SELECT count(*) FROM follows WHERE follower_id = $1 OR followee_id = $1)::int AS follows,
    (SELECT count(*) FROM blocks WHERE blocker_id = $1 OR blocked_id = $1)::int AS blocks,
    (SELECT count(*) FROM profile_images WHERE user_id = $1)::int AS profile_images`, [userId])
  const db = app.mongo.db!
  const mongo: Record<string, number> = {}
  for (const name of Object.values(COLLECTIONS)) {
    mongo[name] = await db.collection(name).countDocuments({
      $or: [{ user_id: userId }, { created_by_user_id: userId }, { entered_by_user_id: userId }, { assigned_by_user_id: userId }, { ended_by_user_id: userId }, { owner_id: userId }, { actor_id: userId }]
    })
  }
  return { ...pg.rows[0], ...mongo }
}

const nothing = (traces: Record<string, number>) => Object.entries(traces).filter(([, n]) => n > 0)

/** A program the user owns (written directly: a member who was a trainer once), assigned to themselves. */
async function selfAssignedProgram (app: FastifyInstance, user: TestUser, workout: string) {
  const now = new Date()
  const { insertedId } = await app.mongo.db!.collection(COLLECTIONS.programs).insertOne({
    name: 'Old plan', description: '', visibility: 'private', weeks: [{ days: [{ day: 1, workout_id: new ObjectId(workout), notes: '' }] }], total_weeks: 1, total_sessions: 1, created_by_user_id: user.id, created_at: now, updated_at: now
  })
  const res = await app.inject({ method: 'POST', url: `/api/programs/${insertedId.toHexString()}/assignments`, headers: user.headers, payload: { start_date: '2027-01-04' } })
  if (res.statusCode !== 201) throw new Error(`assign: ${res.statusCode} ${res.body}`)
}

/** A user with something in every store: profile, tokens, custom exercise, workout, sessions, logs, stats cache, health metrics, programs, gym, links. */
async function busyUser (app: FastifyInstance, user: TestUser, coach: TestUser) {
  await app.mongo.db!.collection(COLLECTIONS.profiles).insertOne({ user_id: user.id, bio: 'x' })
  const exercise = await insertExercise(app, { created_by_user_id: user.id, is_custom: true })
  const workout = await insertWorkout(app, user.id)
  await selfAssignedProgram(app, user, workout)
  const session = await createSession(app, user, 'in_progress')
  await logSet(app, user, session.id, { exercise, reps: 5, weight: 50 })
  await app.inject({ method: 'POST', url: `/api/workout-sessions/${session.id}/complete`, headers: user.headers })
  // The stats module writes its cache only for data that settled a minute ago; a stand-in entry will do.
  await app.mongo.db!.collection(COLLECTIONS.statsCache).insertOne({ user_id: user.id, totals: {} })
  await createPoint(app, user)
  await createPoint(app, user, { type: 'blood_pressure', value: 120, diastolic: 80 })
  const gym = await app.pg.query<{ id: number }>(`INSERT INTO gyms (name) VALUES ('Gym ${user.id}') RETURNING id`)
  await app.pg.query('INSERT INTO gym_memberships (user_id, gym_id) VALUES ($1, $2)', [user.id, gym.rows[0].id])
  await activeLink(app, coach.id, user.id)
  // Social graph: follows both ways (the coach stands in for other users), a block, a profile image.
  await app.pg.query('INSERT INTO follows (follower_id, followee_id, status) VALUES ($1, $2, \'accepted\'), ($2, $1, \'pending\')', [user.id, coach.id])
  await app.pg.query('INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2)', [coach.id, user.id])
  await app.pg.query('INSERT INTO profile_images (user_id, content_type, bytes, sha256) VALUES ($1, \'image/png\', \'\\x89\', repeat(\'0\', 64))', [user.id])
  const goal = await app.inject({ method: 'POST', url: '/api/goals', headers: user.headers, payload: { type: 'sessions_per_week', target: 3 } })
  if (goal.statusCode !== 201) throw new Error(`goal: ${goal.statusCode} ${goal.body}`)
}

/** Each likes and comments on the other's public session (and is notified of the other's). */
async function socialPair (app: FastifyInstance, a: TestUser, b: TestUser): Promise<string[]> {
  const sessions: string[] = []
  for (const [owner, fan] of [[a, b], [b, a]]) {
    const session = await createSession(app, owner, 'completed', { visibility: 'public' })
    await app.inject({ method: 'PUT', url: `/api/workout-sessions/${session.id}/like`, headers: fan.headers })
    await app.inject({ method: 'POST', url: `/api/workout-sessions/${session.id}/comments`, headers: fan.headers, payload: { text: 'Nice' } })
    sessions.push(session.id)
  }
  return sessions
}

t.test('account deletion leaves nothing of the user in either database', async (t) => {
  const app = await build(t)
  const admin = await createUser(app, { role: 'admin' })

  t.test('DELETE /api/auth/me', async (t) => {
    const coach = await createUser(app, { role: 'trainer' })
    const user = await createUser(app)
    const bystander = await createUser(app)
    await busyUser(app, user, coach)
    await busyUser(app, bystander, await createUser(app, { role: 'trainer' }))
    const [, bystanders] = await socialPair(app, user, bystander)
    const everywhere = ['blocks', 'comments', 'exercise_logs', 'exercises', 'follows', 'goals', 'health_metrics', 'likes', 'links', 'memberships', 'notifications', 'profile_images', 'profiles', 'program_assignments', 'programs', 'stats_cache', 'tokens', 'users', 'workout_sessions', 'workouts']
    t.same(nothing(await tracesOf(app, user.id)).map(([name]) => name).sort(), everywhere, 'the user is everywhere first')
    const res = await app.inject({ method: 'DELETE', url: '/api/auth/me', headers: user.headers })
    t.equal(res.statusCode, 204)
    t.same(nothing(await tracesOf(app, user.id)), [])
    t.equal((await app.inject({ url: '/api/auth/me', headers: user.headers })).statusCode, 401, 'the token died with the account')
    t.same(nothing(await tracesOf(app, bystander.id)).map(([name]) => name).sort(), everywhere.filter((name) => !['comments', 'likes', 'notifications'].includes(name)),
      'another user\'s data is untouched (but for their reactions on the deleted user\'s session, and the notifications the deleted user caused)')
    const counts = await app.inject({ url: `/api/workout-sessions/${bystanders}`, headers: bystander.headers })
    t.match(counts.json(), { like_count: 0, comment_count: 0 }, 'the deleted user\'s like and comment no longer count')
  })

  t.test('an admin deletes a trainer; sets the trainer logged stay with the client, without the trainer\'s id', async (t) => {
    const trainer = await createUser(app, { role: 'trainer' })
    await app.pg.query('INSERT INTO trainer_profiles (user_id, bio) VALUES ($1, $2)', [trainer.id, 'coach'])
    const client = await createUser(app)
    await activeLink(app, trainer.id, client.id)
    const exercise = await insertExercise(app, { created_by_user_id: null, is_custom: false, is_public: true })
    const session = await createSession(app, client, 'in_progress')
    const logged = await app.inject({ method: 'POST', url: `/api/workout-sessions/${session.id}/logs`, headers: trainer.headers, payload: { exercise, reps: 3 } })
    t.equal(logged.json().entered_by_user_id, trainer.id)
    t.equal((await app.inject({ method: 'DELETE', url: `/api/auth/users/${trainer.id}`, headers: client.headers })).statusCode, 403, 'not for members')
    t.equal((await app.inject({ method: 'DELETE', url: `/api/auth/users/${trainer.id}`, headers: admin.headers })).statusCode, 204)
    t.equal((await app.inject({ method: 'DELETE', url: `/api/auth/users/${trainer.id}`, headers: admin.headers })).statusCode, 404)
    t.same(nothing(await tracesOf(app, trainer.id)), [])
    const set = await app.mongo.db!.collection(COLLECTIONS.logs).findOne({ _id: new ObjectId(logged.json().id) })
    t.match(set, { user_id: client.id, entered_by_user_id: null })
    t.equal((await app.inject({ url: `/api/exercise-logs/${logged.json().id}`, headers: client.headers })).json().entered_by_user_id, null)
  })

  t.test('a trainer deletes their account: their programs go; clients keep the assignments, plan and history, without the trainer\'s id', async (t) => {
    const trainer = await createUser(app, { role: 'trainer' })
    const client = await createUser(app)
    await activeLink(app, trainer.id, client.id)
    const workout = await insertWorkout(app, trainer.id)
    const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
    const program = (await app.inject({ method: 'POST', url: '/api/programs', headers: trainer.headers, payload: { name: 'Plan', weeks: [{ days: [{ day: 1, workout }, { day: 2, workout }] }] } })).json()
    const assigned = await app.inject({ method: 'POST', url: `/api/programs/${program.id}/assignments`, headers: trainer.headers, payload: { client_id: client.id, start_date: inAMonth } })
    t.equal(assigned.statusCode, 201)
    t.equal((await app.inject({ method: 'DELETE', url: '/api/auth/me', headers: trainer.headers })).statusCode, 204)
    t.same(nothing(await tracesOf(app, trainer.id)), [])
    const kept = await app.inject({ url: `/api/programs/assignments/${assigned.json().id}/adherence`, headers: client.headers })
    t.equal(kept.statusCode, 200)
    t.match(kept.json(), { assignment: { status: 'active', assigned_by_user_id: null, program_name: 'Plan' }, totals: { planned: 2 } })
    const ended = await app.inject({ method: 'DELETE', url: `/api/programs/${program.id}/assignments/${assigned.json().id}`, headers: client.headers })
    t.match(ended.json(), { status: 'ended', removed_sessions: 2 }, 'the client can still end it')
  })

  t.test('admins: not their own account through the admin route; the last admin keeps theirs', async (t) => {
    t.equal((await app.inject({ method: 'DELETE', url: `/api/auth/users/${admin.id}`, headers: admin.headers })).statusCode, 409)
    t.equal((await app.inject({ method: 'DELETE', url: '/api/auth/me', headers: admin.headers })).statusCode, 409)
    const second = await createUser(app, { role: 'admin' })
    t.equal((await app.inject({ method: 'DELETE', url: '/api/auth/me', headers: second.headers })).statusCode, 204)
  })

  t.test('every module that keeps user data registered a cleaner', async (t) => {
    t.same(app.accountCleanup.modules(), ['idempotency-keys', 'auth', 'exercises', 'workouts', 'sessions', 'logs', 'stats', 'coaching', 'health-metrics', 'programs', 'program-assignments', 'social-graph', 'likes-comments', 'notification-inbox', 'goals'])
  })
})
