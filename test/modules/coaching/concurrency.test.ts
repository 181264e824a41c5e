import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser, type TestUser } from '../../helpers/users.js'

const PARALLEL = 30

t.test('parallel invites and accepts through the HTTP server never give a client two active trainers', async (t) => {
  const app = await build(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  const post = async (who: TestUser, path: string, body?: object) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { ...who.headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined
    })
    return { status: res.status, body: await res.json() as { id: number, code?: string } }
  }
  const activeTrainers = async (client: TestUser) =>
    (await app.pg.query<{ n: number }>("SELECT count(*)::int AS n FROM coaching_links WHERE client_id = $1 AND status = 'active'", [client.id])).rows[0].n
  const trainers: TestUser[] = []
  for (let i = 0; i < PARALLEL; i++) trainers.push(await createUser(app, { role: 'trainer' }))
  const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {})

  t.test(`${PARALLEL} invitations, then ${PARALLEL} parallel accepts: one wins`, async (t) => {
    const client = await createUser(app)
    const invites = await Promise.all(trainers.map((trainer) => post(trainer, '/api/coaching/links', { client_id: client.id })))
    t.same(tally(invites.map((res) => res.status)), { 201: PARALLEL })
    const accepts = await Promise.all(invites.map((invite) => post(client, `/api/coaching/links/${invite.body.id}/accept`)))
    t.same(tally(accepts.map((res) => res.status)), { 200: 1, 409: PARALLEL - 1 })
    t.ok(accepts.filter((res) => res.status === 409).every((res) => res.body.code === 'CONFLICT'))
    t.equal(await activeTrainers(client), 1)
  })

  t.test(`${PARALLEL} trainers invite and the client accepts each invitation as it comes, all at once`, async (t) => {
    const client = await createUser(app)
    const results = await Promise.all(trainers.map(async (trainer) => {
      const invite = await post(trainer, '/api/coaching/links', { client_id: client.id })
      return invite.status === 201 ? (await post(client, `/api/coaching/links/${invite.body.id}/accept`)).status : invite.status
    }))
    t.equal(results.filter((status) => status === 200).length, 1, `one accepted (${JSON.stringify(tally(results))})`)
    t.ok(results.every((status) => status === 200 || status === 409), 'the others: 409')
    t.equal(await activeTrainers(client), 1)
  })

  t.test(`the same link accepted ${PARALLEL} times at once: one 200, the rest 409 INVALID_STATE`, async (t) => {
    const client = await createUser(app)
    const invite = await post(trainers[0], '/api/coaching/links', { client_id: client.id })
    const accepts = await Promise.all(Array.from({ length: PARALLEL }, () => post(client, `/api/coaching/links/${invite.body.id}/accept`)))
    t.same(tally(accepts.map((res) => res.status)), { 200: 1, 409: PARALLEL - 1 })
    t.ok(accepts.filter((res) => res.status === 409).every((res) => res.body.code === 'INVALID_STATE'))
    t.equal(await activeTrainers(client), 1)
  })
})
