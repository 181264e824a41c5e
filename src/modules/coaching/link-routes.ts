import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../index.js'
import { ConflictError, FieldError, ForbiddenError, NotFoundError, StateConflictError } from '../../errors.js'
import { pageOf, pageWindow } from '../../lib/pagination.js'
import type { AuthUser } from '../../plugins/auth.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { createLinkRepository, type LinkRecord } from './link-repository.js'
import { refusal, sideOf, type LinkAction } from './link-rules.js'
import {
  AcceptLinkRoute, CreateLinkRoute, DeclineLinkRoute, EndLinkRoute, GetLinkRoute, ListClientsRoute, ListLinksRoute
} from './link-schemas.js'

/** /api/coaching: trainer–client links and a trainer's clients. Roles are read live from Postgres, not from the token cache. */
const linkRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify) => {
  const links = createLinkRepository(fastify.pg.pool)
  // The users row's foreign keys would take these too; said here so the module owns its cleanup.
  fastify.accountCleanup.register('coaching', async (userId) => {
    await fastify.pg.query('DELETE FROM coaching_links WHERE trainer_id = $1 OR client_id = $1', [userId])
    await fastify.pg.query('DELETE FROM gym_memberships WHERE user_id = $1', [userId])
    await fastify.pg.query('DELETE FROM trainer_profiles WHERE user_id = $1', [userId])
  })

  fastify.get('/links', { schema: ListLinksRoute }, listLinks)
  fastify.post('/links', { schema: CreateLinkRoute }, createLink)
  fastify.get('/links/:id', { schema: GetLinkRoute }, getLink)
  fastify.post('/links/:id/accept', { schema: AcceptLinkRoute }, (request) => move(request, 'accept'))
  fastify.post('/links/:id/decline', { schema: DeclineLinkRoute }, (request) => move(request, 'decline'))
  fastify.post('/links/:id/end', { schema: EndLinkRoute }, (request) => move(request, 'end'))
  fastify.get('/clients', { schema: ListClientsRoute }, listClients)

  async function listLinks (request: RequestOf<typeof ListLinksRoute>) {
    const window = pageWindow(request.query)
    const { count, rows } = await links.list(request.user.id, request.query, window.pageSize, window.skip)
    return pageOf(request, window, count, rows.map(shown))
  }

  async function createLink (request: RequestOf<typeof CreateLinkRoute>, reply: ReplyOf<typeof CreateLinkRoute>) {
    const { client_id: clientId, trainer_id: trainerId } = request.body
    if ((clientId === undefined) === (trainerId === undefined)) {
      throw new FieldError('body', 'must name exactly one of client_id (a trainer inviting a client) or trainer_id (asking a trainer)')
    }
    const me = request.user.id
    const invite = clientId !== undefined
    const field = invite ? 'body/client_id' : 'body/trainer_id'
    const other = (clientId ?? trainerId)!
    if (other === me) throw new FieldError(field, 'must not be yourself')
    const [myRole, otherRole] = await Promise.all([links.roleOf(me), links.roleOf(other)])
    if (invite && myRole !== 'trainer') throw new ForbiddenError('Only trainers invite clients')
    if (otherRole === null) throw new FieldError(field, 'does not exist')
    if (!invite && otherRole !== 'trainer') throw new FieldError(field, 'is not a trainer')
    const link = invite ? { trainer_id: me, client_id: other } : { trainer_id: other, client_id: me }
    const current = await links.activeTrainerOf(link.client_id)
    if (current !== null) {
      throw new ConflictError(current === link.trainer_id ? 'This link is already active' : 'The client already has an active trainer; one link must end first')
    }
    return reply.code(201).send(shown(await links.create({ ...link, initiated_by: invite ? 'trainer' : 'client' })))
  }

  async function getLink (request: RequestOf<typeof GetLinkRoute>) {
    return shown(await ownLink(request.params.id, request.user))
  }

  async function move (request: { params: { id: number }, user: AuthUser }, action: LinkAction) {
    const link = await ownLink(request.params.id, request.user)
    const refused = refusal(link, sideOf(link, request.user.id)!, action)
    if (refused?.status === 403) throw new ForbiddenError(refused.message)
    if (refused) throw new StateConflictError(refused.message)
    const moved = await links.move(link.id, action, request.user.id)
    if (!moved) {
      // Another request moved it first (a double accept, an end racing an accept).
      const current = await links.findById(link.id)
      throw new StateConflictError(`Cannot ${action} a link that is ${current?.status ?? 'gone'}`)
    }
    return shown(moved)
  }

  async function listClients (request: RequestOf<typeof ListClientsRoute>) {
    const window = pageWindow(request.query)
    const { count, rows } = await links.clients(request.user.id, request.query, window.pageSize, window.skip)
    return pageOf(request, window, count, rows)
  }

  /** 404 unless the caller is the link's trainer or client — never reveal other people's links. */
  async function ownLink (id: number, user: AuthUser): Promise<LinkRecord> {
    const link = await links.findById(id)
    if (!link || sideOf(link, user.id) === null) throw new NotFoundError('Link')
    return link
  }
}

/** The API shape: parties as objects, not the raw ids the repository also carries. */
function shown ({ trainer_id: _trainer, client_id: _client, ...link }: LinkRecord) {
  return link
}

export default linkRoutes
