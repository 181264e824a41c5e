import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { build } from '../../helpers/build.js'
import { createUser, type TestUser } from '../../helpers/users.js'

const ask = (app: FastifyInstance, from: TestUser, payload: object) => app.inject({ method: 'POST', url: '/api/coaching/links', headers: from.headers, payload })
const act = (app: FastifyInstance, who: TestUser, id: number, action: string) => app.inject({ method: 'POST', url: `/api/coaching/links/${id}/${action}`, headers: who.headers })

t.test('links: invite, ask, accept, decline, end', async (t) => {
  const app = await build(t)
  const trainer = await createUser(app, { role: 'trainer', username: 'tina_trainer' })
  const second = await createUser(app, { role: 'trainer' })
  const client = await createUser(app, { username: 'carl_client' })
  const stranger = await createUser(app)

  t.test('a trainer invites, the client accepts; the trainer lists the client', async (t) => {
    const invite = await ask(app, trainer, { client_id: client.id })
    t.equal(invite.statusCode, 201)
    t.match(invite.json(), { trainer: { id: trainer.id, username: 'tina_trainer' }, client: { id: client.id }, initiated_by: 'trainer', status: 'pending', responded_at: null })
    const id = invite.json().id
    t.equal((await act(app, trainer, id, 'accept')).statusCode, 403, 'the inviter does not accept their own invitation')
    t.equal((await act(app, stranger, id, 'accept')).statusCode, 404, 'someone else\'s link is not found')
    const accepted = await act(app, client, id, 'accept')
    t.equal(accepted.statusCode, 200)
    t.match(accepted.json(), { status: 'active', responded_at: String })
    t.equal((await act(app, client, id, 'accept')).statusCode, 409, 'double accept')
    const clients = await app.inject({ url: '/api/coaching/clients', headers: trainer.headers })
    t.match(clients.json(), { count: 1, results: [{ id: client.id, username: 'carl_client', link_id: id }] })
  })

  t.test('one active trainer per client', async (t) => {
    const second1 = await ask(app, second, { client_id: client.id })
    t.equal(second1.statusCode, 409, 'inviting a client who has an active trainer')
    t.equal(second1.json().code, 'CONFLICT')
    t.equal((await ask(app, client, { trainer_id: second.id })).statusCode, 409, 'asking for a second trainer')
    t.equal((await ask(app, trainer, { client_id: client.id })).statusCode, 409, 'already active with this trainer')
  })

  t.test('bad input answers as documented', async (t) => {
    const self = await ask(app, trainer, { client_id: trainer.id })
    t.equal(self.statusCode, 400)
    t.same(self.json().details, [{ field: 'body/client_id', message: 'must not be yourself' }])
    t.same((await ask(app, client, { trainer_id: client.id })).json().details, [{ field: 'body/trainer_id', message: 'must not be yourself' }])
    t.same((await ask(app, trainer, { client_id: 999_999 })).json().details, [{ field: 'body/client_id', message: 'does not exist' }])
    t.same((await ask(app, stranger, { trainer_id: 999_999 })).json().details, [{ field: 'body/trainer_id', message: 'does not exist' }])
    t.same((await ask(app, stranger, { trainer_id: client.id })).json().details, [{ field: 'body/trainer_id', message: 'is not a trainer' }])
    t.equal((await ask(app, stranger, { client_id: client.id })).statusCode, 403, 'members do not invite')
    t.same((await ask(app, stranger, {})).json().details, [{ field: 'body', message: 'must name exactly one of client_id (a trainer inviting a client) or trainer_id (asking a trainer)' }])
    t.equal((await ask(app, stranger, { trainer_id: trainer.id, client_id: client.id })).statusCode, 400)
    t.equal((await act(app, stranger, 999_999, 'end')).statusCode, 404)
  })

  t.test('a member asks; a pending pair is unique; the trainer declines; history is kept', async (t) => {
    const asked = await ask(app, stranger, { trainer_id: second.id })
    t.equal(asked.statusCode, 201)
    t.equal(asked.json().initiated_by, 'client')
    const again = await ask(app, stranger, { trainer_id: second.id })
    t.equal(again.statusCode, 409)
    t.equal(again.json().code, 'DUPLICATE')
    t.equal((await act(app, stranger, asked.json().id, 'decline')).statusCode, 403, 'the asker does not decline')
    t.equal((await act(app, second, asked.json().id, 'decline')).json().status, 'declined')
    t.equal((await act(app, second, asked.json().id, 'accept')).statusCode, 409, 'a declined request cannot be accepted')
    t.equal((await ask(app, stranger, { trainer_id: second.id })).statusCode, 201, 'asking again after a decline')
  })

  t.test('either side ends; ending twice is a 409; the list filters by status and side', async (t) => {
    const [active] = (await app.inject({ url: '/api/coaching/links?status=active', headers: client.headers })).json().results
    const ended = await act(app, client, active.id, 'end')
    t.match(ended.json(), { status: 'ended', ended_by: client.id, ended_at: String })
    const twice = await act(app, trainer, active.id, 'end')
    t.equal(twice.statusCode, 409)
    t.equal(twice.json().code, 'INVALID_STATE')
    t.equal((await app.inject({ url: '/api/coaching/clients', headers: trainer.headers })).json().count, 0)
    const asTrainer = await app.inject({ url: '/api/coaching/links?as=trainer', headers: second.headers })
    t.same(asTrainer.json().results.map((link: { status: string }) => link.status), ['pending', 'declined'], 'newest first, history kept')
    t.equal((await app.inject({ url: '/api/coaching/links?as=client', headers: second.headers })).json().count, 0)
    t.equal((await app.inject({ url: `/api/coaching/links/${active.id}`, headers: stranger.headers })).statusCode, 404)
    t.equal((await app.inject({ url: `/api/coaching/links/${active.id}`, headers: trainer.headers })).json().status, 'ended')
    t.equal((await ask(app, client, { trainer_id: second.id })).statusCode, 201, 'free to ask another trainer now')
  })
})
