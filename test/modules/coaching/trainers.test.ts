import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { activeLink } from './fixtures.js'

t.test('trainers', async (t) => {
  const app = await build(t)
  const admin = await createUser(app, { role: 'admin' })
  const future = await createUser(app, { username: 'coach_carla' })
  const member = await createUser(app)
  const gym = (await app.pg.query<{ id: number }>("INSERT INTO gyms (name) VALUES ('Coach Gym') RETURNING id")).rows[0].id
  const promote = (payload: object, headers = admin.headers) => app.inject({ method: 'POST', url: '/api/trainers', headers, payload })

  t.test('an admin makes a user a trainer with a profile; the new role works at once', async (t) => {
    t.equal((await promote({ user_id: future.id }, member.headers)).statusCode, 403)
    t.same((await promote({ user_id: 999_999 })).json().details, [{ field: 'body/user_id', message: 'does not exist' }])
    t.same((await promote({ user_id: future.id, gym_id: 999_999 })).json().details, [{ field: 'body/gym_id', message: 'does not exist' }])
    const res = await promote({ user_id: future.id, bio: 'Lifts', specialties: ['powerlifting'], gym_id: gym })
    t.equal(res.statusCode, 201)
    t.match(res.json(), { id: future.id, username: 'coach_carla', bio: 'Lifts', specialties: ['powerlifting'], certifications: [], gym_id: gym })
    t.equal((await promote({ user_id: future.id })).statusCode, 409, 'already a trainer')
    t.equal((await promote({ user_id: admin.id })).statusCode, 409, 'admins keep their role')
    const role = await app.pg.query('SELECT role FROM users WHERE id = $1', [future.id])
    t.equal(role.rows[0].role, 'trainer')
    const invite = await app.inject({ method: 'POST', url: '/api/coaching/links', headers: future.headers, payload: { client_id: member.id } })
    t.equal(invite.statusCode, 201, 'the cached token does not hide the new role')
  })

  t.test('everyone reads and lists trainers with filters', async (t) => {
    t.equal((await app.inject({ url: `/api/trainers/${future.id}`, headers: member.headers })).statusCode, 200)
    t.equal((await app.inject({ url: `/api/trainers/${member.id}`, headers: member.headers })).statusCode, 404, 'a member is no trainer')
    const list = await app.inject({ url: `/api/trainers?gym=${gym}&search=power`, headers: member.headers })
    t.same(list.json().results.map((row: { id: number }) => row.id), [future.id])
    t.equal((await app.inject({ url: '/api/trainers?search=nothing-like-it', headers: member.headers })).json().count, 0)
  })

  t.test('a trainer edits their own profile; others may not; an admin may', async (t) => {
    const patch = (headers: { authorization: string }, payload: object) => app.inject({ method: 'PATCH', url: `/api/trainers/${future.id}`, headers, payload })
    t.equal((await patch(future.headers, { bio: 'Lifts heavy', certifications: ['CSCS'] })).json().bio, 'Lifts heavy')
    t.equal((await patch(member.headers, { bio: 'hacked' })).statusCode, 403)
    t.equal((await patch(admin.headers, { gym_id: null })).json().gym_id, null)
  })

  t.test('an admin demotes: the profile goes and every open link ends', async (t) => {
    const client = await createUser(app)
    const link = await activeLink(app, future.id, client.id)
    t.equal((await app.inject({ method: 'DELETE', url: `/api/trainers/${future.id}`, headers: member.headers })).statusCode, 403)
    t.equal((await app.inject({ method: 'DELETE', url: `/api/trainers/${future.id}`, headers: admin.headers })).statusCode, 204)
    t.equal((await app.inject({ method: 'DELETE', url: `/api/trainers/${future.id}`, headers: admin.headers })).statusCode, 404)
    const links = await app.pg.query('SELECT id, status, ended_by FROM coaching_links WHERE trainer_id = $1 ORDER BY id', [future.id])
    t.same(links.rows.map((row) => row.status), ['ended', 'ended'], 'the pending invite and the active link')
    t.equal(links.rows.find((row) => row.id === link).ended_by, admin.id)
    t.equal((await app.pg.query('SELECT count(*)::int AS n FROM trainer_profiles WHERE user_id = $1', [future.id])).rows[0].n, 0)
    const invite = await app.inject({ method: 'POST', url: '/api/coaching/links', headers: future.headers, payload: { client_id: member.id } })
    t.equal(invite.statusCode, 403, 'no longer invites')
  })
})
