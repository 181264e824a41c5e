import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { ModuleOptions } from '../index.js'
import { ConflictError, FieldError, ForbiddenError, NotFoundError } from '../../errors.js'
import { pageOf, pageWindow } from '../../lib/pagination.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { canonicalTimeZone } from '../auth/rules.js'
import { createGymRepository } from './gym-repository.js'
import { conditionalMiss, expectedVersion } from '../../plugins/etags.js'
import {
  AddMemberRoute, CreateGymRoute, DeleteGymRoute, GetGymRoute, ListGymsRoute, ListMembersRoute, RemoveMemberRoute, UpdateGymRoute
} from './gym-schemas.js'

/** /api/gyms: everyone reads; admins write and manage memberships; a member may leave. */
const gymRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify) => {
  const gyms = createGymRepository(fastify.pg.pool)
  const adminOnly = fastify.requireRole('admin')

  fastify.get('/', { schema: ListGymsRoute }, listGyms)
  fastify.post('/', { schema: CreateGymRoute, preHandler: adminOnly }, createGym)
  fastify.get('/:id', { schema: GetGymRoute }, getGym)
  fastify.patch('/:id', { schema: UpdateGymRoute, preHandler: adminOnly }, updateGym)
  fastify.delete('/:id', { schema: DeleteGymRoute, preHandler: adminOnly }, deleteGym)
  fastify.get('/:id/members', { schema: ListMembersRoute, preHandler: adminOnly }, listMembers)
  fastify.put('/:id/members/:user_id', { schema: AddMemberRoute, preHandler: adminOnly }, addMember)
  fastify.delete('/:id/members/:user_id', { schema: RemoveMemberRoute }, removeMember)

  async function listGyms (request: RequestOf<typeof ListGymsRoute>) {
    const window = pageWindow(request.query)
    const { count, rows } = await gyms.list(request.query, window.pageSize, window.skip)
    return pageOf(request, window, count, rows)
  }

  async function createGym (request: RequestOf<typeof CreateGymRoute>, reply: ReplyOf<typeof CreateGymRoute>) {
    const gym = await gyms.create({ ...request.body, time_zone: zoneOf(request.body.time_zone ?? 'UTC') })
    return reply.code(201).send(gym)
  }

  async function getGym (request: RequestOf<typeof GetGymRoute>) {
    return await gyms.findById(request.params.id) ?? notFound()
  }

  async function updateGym (request: RequestOf<typeof UpdateGymRoute>) {
    const { time_zone: zone, ...changes } = request.body
    const expected = await expectedOf(request)
    return await gyms.update(request.params.id, { ...changes, ...(zone ? { time_zone: zoneOf(zone) } : {}) }, expected) ?? await missed(request.params.id, expected)
  }

  async function deleteGym (request: RequestOf<typeof DeleteGymRoute>, reply: ReplyOf<typeof DeleteGymRoute>) {
    const expected = await expectedOf(request)
    if (!await gyms.remove(request.params.id, expected)) await missed(request.params.id, expected)
    return reply.code(204).send(null)
  }

  /** The `updated_at` an If-Match write must still find (plugins/etags.ts); without If-Match the gym is not read first. */
  async function expectedOf (request: FastifyRequest & { params: { id: number } }) {
    if (request.headers['if-match'] === undefined) return undefined
    return expectedVersion(request, await gyms.findById(request.params.id) ?? notFound(), 'Gym')
  }

  async function missed (id: number, expected: string | undefined): Promise<never> {
    return expected === undefined ? notFound() : await conditionalMiss(async () => await gyms.findById(id) !== null, 'Gym')
  }

  async function listMembers (request: RequestOf<typeof ListMembersRoute>) {
    if (!await gyms.findById(request.params.id)) notFound()
    const window = pageWindow(request.query)
    const { count, rows } = await gyms.members(request.params.id, window.pageSize, window.skip)
    return pageOf(request, window, count, rows)
  }

  async function addMember (request: RequestOf<typeof AddMemberRoute>, reply: ReplyOf<typeof AddMemberRoute>) {
    const { id, user_id: userId } = request.params
    if (!await gyms.findById(id)) notFound()
    if (!await gyms.userExists(userId)) throw new NotFoundError('User')
    const added = await gyms.addMember(id, userId)
    const membership = (await gyms.membershipOf(userId))!
    if (membership.gym_id !== id) throw new ConflictError(`The user is a member of gym ${membership.gym_id}; a member belongs to at most one gym`)
    return reply.code(added ? 201 : 200).send(membership)
  }

  async function removeMember (request: RequestOf<typeof RemoveMemberRoute>, reply: ReplyOf<typeof RemoveMemberRoute>) {
    const { id, user_id: userId } = request.params
    const self = request.user.id === userId
    if (!self && request.user.role !== 'admin') throw new ForbiddenError('Only admins remove other members; a member may leave')
    if (!await gyms.removeMember(id, userId)) throw new NotFoundError('Membership')
    return reply.code(204).send(null)
  }
}

function zoneOf (zone: string): string {
  const canonical = canonicalTimeZone(zone)
  if (!canonical) throw new FieldError('body/time_zone', 'is not a known IANA time zone')
  return canonical
}

function notFound (): never {
  throw new NotFoundError('Gym')
}

export default gymRoutes
