import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'

t.test('gyms', async (t) => {
  const app = await build(t)
  const admin = await createUser(app, { role: 'admin' })
  const member = await createUser(app)
  const other = await createUser(app)
  const post = (payload: object, headers = admin.headers) => app.inject({ method: 'POST', url: '/api/gyms', headers, payload })

  t.test('admins create; the time zone is checked and made canonical; names are unique whatever the case', async (t) => {
    const res = await post({ name: 'Iron Temple', address: '1 Main St', time_zone: 'europe/berlin', contact_email: 'desk@iron.example' })
    t.equal(res.statusCode, 201)
    t.match(res.json(), { id: Number, name: 'Iron Temple', time_zone: 'Europe/Berlin', contact_phone: null, member_count: 0 })
    t.equal((await post({ name: 'IRON TEMPLE' })).statusCode, 409)
    t.same((await post({ name: 'Nowhere', time_zone: 'Mars/Olympus' })).json().details, [{ field: 'body/time_zone', message: 'is not a known IANA time zone' }])
    t.equal((await post({ name: 'Mine' }, member.headers)).statusCode, 403, 'members do not create gyms')
  })

  t.test('everyone reads, with search, ordering and pages; admins change and delete', async (t) => {
    await post({ name: 'Alpha Gym', time_zone: 'UTC' })
    await post({ name: 'Zeta Gym', address: 'Harbour Road' })
    const list = await app.inject({ url: '/api/gyms?ordering=-name&page_size=2', headers: member.headers })
    t.equal(list.statusCode, 200)
    t.equal(list.json().count, 3)
    t.same(list.json().results.map((gym: { name: string }) => gym.name), ['Zeta Gym', 'Iron Temple'])
    t.match(list.json().next, /page=2/)
    t.same((await app.inject({ url: '/api/gyms?search=harbour', headers: member.headers })).json().results.map((gym: { name: string }) => gym.name), ['Zeta Gym'])
    const id = list.json().results[0].id
    t.equal((await app.inject({ method: 'PATCH', url: `/api/gyms/${id}`, headers: member.headers, payload: { name: 'x' } })).statusCode, 403)
    const changed = await app.inject({ method: 'PATCH', url: `/api/gyms/${id}`, headers: admin.headers, payload: { contact_phone: '+49 30 123' } })
    t.equal(changed.json().contact_phone, '+49 30 123')
    t.equal((await app.inject({ method: 'DELETE', url: `/api/gyms/${id}`, headers: member.headers })).statusCode, 403)
    t.equal((await app.inject({ method: 'DELETE', url: `/api/gyms/${id}`, headers: admin.headers })).statusCode, 204)
    t.equal((await app.inject({ url: `/api/gyms/${id}`, headers: member.headers })).statusCode, 404)
  })

  t.test('memberships: admins add and remove, one gym per member, a member may leave', async (t) => {
    const a = (await post({ name: 'Members A' })).json().id
    const b = (await post({ name: 'Members B' })).json().id
    const put = (gym: number, user: number, headers = admin.headers) => app.inject({ method: 'PUT', url: `/api/gyms/${gym}/members/${user}`, headers })
    t.equal((await put(a, member.id, member.headers)).statusCode, 403, 'members do not add themselves')
    t.equal((await put(a, member.id)).statusCode, 201)
    t.equal((await put(a, member.id)).statusCode, 200, 'adding again is harmless')
    t.equal((await put(b, member.id)).statusCode, 409, 'at most one gym')
    t.equal((await put(a, 999_999)).statusCode, 404, 'unknown user')
    t.equal((await put(999_999, member.id)).statusCode, 404, 'unknown gym')
    await put(a, other.id)
    const members = await app.inject({ url: `/api/gyms/${a}/members`, headers: admin.headers })
    t.same(members.json().results.map((row: { user_id: number }) => row.user_id), [member.id, other.id])
    t.equal((await app.inject({ url: `/api/gyms/${a}`, headers: member.headers })).json().member_count, 2)
    t.equal((await app.inject({ method: 'DELETE', url: `/api/gyms/${a}/members/${other.id}`, headers: member.headers })).statusCode, 403, 'not someone else')
    t.equal((await app.inject({ method: 'DELETE', url: `/api/gyms/${a}/members/${member.id}`, headers: member.headers })).statusCode, 204, 'leaving')
    t.equal((await app.inject({ method: 'DELETE', url: `/api/gyms/${a}/members/${member.id}`, headers: member.headers })).statusCode, 404, 'already gone')
    t.equal((await app.inject({ method: 'DELETE', url: `/api/gyms/${a}/members/${other.id}`, headers: admin.headers })).statusCode, 204)
    t.equal((await put(b, member.id)).statusCode, 201, 'free to join another gym now')
  })
})
