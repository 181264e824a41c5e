import t from 'tap'
import { createUser } from '../../helpers/users.js'
import { buildAuth, register } from './fixtures.js'

const fullProfile = {
  bio: 'Lifting on weekdays',
  height: 182.5,
  weight: 80,
  date_of_birth: '1990-04-01',
  fitness_goal: 'muscle_gain',
  experience_level: 'intermediate',
  preferred_workout_types: ['strength', 'cardio'],
  units: 'imperial',
  timezone: 'America/New_York'
}

t.test('/api/auth/profile and /api/auth/me', async (t) => {
  const app = await buildAuth(t)
  const jane = await register(app, { username: 'jane' })
  await register(app, { username: 'john', email: 'john@example.com' })

  t.test('GET answers the account with its profile at both paths; 401 without a token', async (t) => {
    for (const url of ['/api/auth/profile', '/api/auth/me', '/api/auth/me/']) {
      const res = await app.inject({ method: 'GET', url, headers: jane.headers })
      t.equal(res.statusCode, 200, url)
      t.match(res.json(), { id: jane.id, username: 'jane', email: jane.email, role: 'member', profile: { units: 'metric', timezone: 'UTC' } })
      t.notMatch(res.body, /password|hash/i)
      t.equal((await app.inject({ method: 'GET', url })).statusCode, 401, `${url} without token`)
    }
  })

  t.test('a user made outside register (CLI, imports) gets the default profile, created on first write', async (t) => {
    const bare = await createUser(app)
    const res = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bare.headers })
    t.equal(res.statusCode, 200)
    t.match(res.json().profile, { bio: '', units: 'metric', preferred_workout_types: [] })
    const patched = await app.inject({ method: 'PATCH', url: '/api/auth/me', headers: bare.headers, payload: { profile: { weight: 70 } } })
    t.equal(patched.statusCode, 200)
    t.match(patched.json().profile, { weight: 70, units: 'metric', timezone: 'UTC' })
    t.equal(await app.mongo.db!.collection('profiles').countDocuments({ user_id: bare.id }), 1)
  })

  t.test('PATCH changes only what is sent', async (t) => {
    const res = await app.inject({ method: 'PATCH', url: '/api/auth/profile', headers: jane.headers, payload: { profile: { bio: 'Hello', timezone: 'asia/tokyo' } } })
    t.equal(res.statusCode, 200)
    t.match(res.json(), { username: 'jane', profile: { bio: 'Hello', timezone: 'Asia/Tokyo', units: 'metric' } })
    const again = await app.inject({ method: 'PATCH', url: '/api/auth/profile', headers: jane.headers, payload: { profile: { height: null } } })
    t.match(again.json().profile, { bio: 'Hello', height: null })
  })

  t.test('PUT replaces account fields and the whole profile; the new username is used at once', async (t) => {
    const res = await app.inject({ method: 'PUT', url: '/api/auth/me', headers: jane.headers, payload: { username: 'jane_d', email: 'jane.d@example.com', profile: fullProfile } })
    t.equal(res.statusCode, 200)
    t.same(res.json().profile, fullProfile)
    t.match(res.json(), { username: 'jane_d', email: 'jane.d@example.com' })
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: jane.headers })
    t.equal(me.json().username, 'jane_d')
    const { rows } = await app.pg.query('SELECT username FROM users WHERE id = $1', [jane.id])
    t.equal(rows[0].username, 'jane_d')
    const missing = await app.inject({ method: 'PUT', url: '/api/auth/me', headers: jane.headers, payload: { username: 'jane_d', email: 'jane.d@example.com', profile: { bio: 'x' } } })
    t.equal(missing.statusCode, 400, 'PUT needs every profile field')
    t.ok(missing.json().details.some((detail: { field: string }) => detail.field === 'body/profile/units'))
  })

  t.test('409 when the new username or email belongs to someone else, whatever the case; nothing written', async (t) => {
    for (const [payload, field] of [[{ username: 'JOHN' }, 'body/username'], [{ email: 'John@Example.com' }, 'body/email']] as const) {
      const res = await app.inject({ method: 'PATCH', url: '/api/auth/me', headers: jane.headers, payload: { ...payload, profile: { bio: 'should not be saved' } } })
      t.equal(res.statusCode, 409)
      t.match(res.json(), { code: 'DUPLICATE', details: [{ field }] })
    }
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: jane.headers })
    t.not(me.json().profile.bio, 'should not be saved')
    const own = await app.inject({ method: 'PATCH', url: '/api/auth/me', headers: jane.headers, payload: { username: 'JANE_D' } })
    t.equal(own.statusCode, 200, 'changing the case of one\'s own name is fine')
  })

  t.test('400 per invalid field', async (t) => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, 'body'],
      [{ username: 'x' }, 'body/username'],
      [{ email: 'nope' }, 'body/email'],
      [{ role: 'admin' }, 'body/role'],
      [{ password: 'sneaky password' }, 'body/password'],
      [{ profile: { weight: 1000 } }, 'body/profile/weight'],
      [{ profile: { height: 'tall' } }, 'body/profile/height'],
      [{ profile: { bio: 'x'.repeat(2001) } }, 'body/profile/bio'],
      [{ profile: { fitness_goal: 'fame' } }, 'body/profile/fitness_goal'],
      [{ profile: { experience_level: 'god' } }, 'body/profile/experience_level'],
      [{ profile: { preferred_workout_types: ['cardio', 'cardio'] } }, 'body/profile/preferred_workout_types'],
      [{ profile: { units: 'stones' } }, 'body/profile/units'],
      [{ profile: { timezone: 'Atlantis/Lost' } }, 'body/profile/timezone'],
      [{ profile: { date_of_birth: '1990-13-01' } }, 'body/profile/date_of_birth'],
      [{ profile: { date_of_birth: '2999-01-01' } }, 'body/profile/date_of_birth'],
      [{ profile: { user_id: 2 } }, 'body/profile/user_id'],
      [{ profile: { $set: { user_id: 2 } } }, 'body/profile/$set']
    ]
    for (const [payload, field] of cases) {
      const res = await app.inject({ method: 'PATCH', url: '/api/auth/me', headers: jane.headers, payload })
      t.equal(res.statusCode, 400, JSON.stringify(payload).slice(0, 60))
      t.ok(res.json().details?.some((detail: { field: string }) => detail.field === field), `details name ${field}`)
    }
  })
})
