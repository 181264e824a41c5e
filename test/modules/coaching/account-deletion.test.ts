import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { createUser, type TestUser } from '../../helpers/users.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { createSession, insertExercise, insertWorkout, logSet } from '../sessions/fixtures.js'
import { activeLink } from './fixtures.js'

/** Every row and document anywhere that still names the user: the test of "leaves nothing". */
async function tracesOf (app: FastifyInstance, userId: number): Promise<Record<string, number>> {
  const pg = await app.pg.query<Record<string, number>>(`SELECT
    (SELECT count(*) FROM users WHERE id = $1)::int AS users,
    (SELECT count(*) FROM auth_tokens WHERE user_id = $1)::int AS tokens,
    (SELECT count(*) FROM coaching_links WHERE trainer_id = $1 OR client_id = $1 OR ended_by = $1)::int AS links,
    (SELECT count(*) FROM gym_memberships WHERE user_id = $1)::int AS memberships,
    (SELECT count(*) FROM trainer_profiles WHERE user_id = $1)::int AS trainer_profiles`, [userId])
  const db = app.mongo.db!
  const mongo: Record<string, number> = {}
  for (const name of Object.values(COLLECTIONS)) {
    mongo[name] = await db.collection(name).countDocuments({ $or: [{ user_id: userId }, { created_by_user_id: userId }, { entered_by_user_id: userId }] })
  }
  return { ...pg.rows[0], ...mongo }
}

const nothing = (traces: Record<string, number>) => Object.entries(traces).filter(([, n]) => n > 0)

/** A user with something in every store: profile, tokens, custom exercise, workout, sessions, logs, stats cache, gym, links. */
async function busyUser (app: FastifyInstance, user: TestUser, coach: TestUser) {
  await app.mongo.db!.collection(COLLECTIONS.profiles).insertOne({ user_id: user.id, bio: 'x' })
  const exercise = await insertExercise(app, { created_by_user_id: user.id, is_custom: true })
  await insertWorkout(app, user.id)
  const session = await createSession(app, user, 'in_progress')
  await logSet(app, user, session.id, { exercise, reps: 5, weight: 50 })
  await app.inject({ method: 'POST', url: `/api/workout-sessions/${session.id}/complete`, headers: user.headers })
  // The stats module writes its cache only for data that settled a minute ago; a stand-in entry will do.
  await app.mongo.db!.collection(COLLECTIONS.statsCache).insertOne({ user_id: user.id, totals: {} })
  const gym = await app.pg.query<{ id: number }>(`INSERT INTO gyms (name) VALUES ('Gym ${user.id}') RETURNING id`)
  await app.pg.query('INSERT INTO gym_memberships (user_id, gym_id) VALUES ($1, $2)', [user.id, gym.rows[0].id])
  await activeLink(app, coach.id, user.id)
  const goal = await app.inject({ method: 'POST', url: '/api/goals', headers: user.headers, payload: { type: 'sessions_per_week', target: 3 } })
  if (goal.statusCode !== 201) throw new Error(`goal: ${goal.statusCode} ${goal.body}`)
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
    const everywhere = ['exercise_logs', 'exercises', 'goals', 'links', 'memberships', 'profiles', 'stats_cache', 'tokens', 'users', 'workout_sessions', 'workouts']
    t.same(nothing(await tracesOf(app, user.id)).map(([name]) => name).sort(), everywhere, 'the user is everywhere first')
    const res = await app.inject({ method: 'DELETE', url: '/api/auth/me', headers: user.headers })
    t.equal(res.statusCode, 204)
    t.same(nothing(await tracesOf(app, user.id)), [])
    t.equal((await app.inject({ url: '/api/auth/me', headers: user.headers })).statusCode, 401, 'the token died with the account')
    t.same(nothing(await tracesOf(app, bystander.id)).map(([name]) => name).sort(), everywhere, 'another user\'s data is untouched')
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

  t.test('admins: not their own account through the admin route; the last admin keeps theirs', async (t) => {
    t.equal((await app.inject({ method: 'DELETE', url: `/api/auth/users/${admin.id}`, headers: admin.headers })).statusCode, 409)
    t.equal((await app.inject({ method: 'DELETE', url: '/api/auth/me', headers: admin.headers })).statusCode, 409)
    const second = await createUser(app, { role: 'admin' })
    t.equal((await app.inject({ method: 'DELETE', url: '/api/auth/me', headers: second.headers })).statusCode, 204)
  })

  t.test('every module that keeps user data registered a cleaner', async (t) => {
    t.same(app.accountCleanup.modules(), ['auth', 'exercises', 'workouts', 'sessions', 'logs', 'stats', 'coaching', 'goals'])
  })
})
