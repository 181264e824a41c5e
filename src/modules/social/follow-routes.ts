import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { ModuleOptions } from '../index.js'
import { FieldError, ForbiddenError, NotFoundError } from '../../errors.js'
import { pageOf, pageWindow } from '../../lib/pagination.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { followsChanged } from './follow-cache.js'
import { createFollowRepository, type Member as MemberRow } from './follow-repository.js'
import {
  ApproveRequestRoute, BlockRoute, BlocksRoute, DeclineRequestRoute, FollowersRoute, FollowingRoute, FollowRequestsRoute,
  FollowRoute, RemoveFollowerRoute, UnblockRoute, UnfollowRoute
} from './follow-schemas.js'
import { imageUrlOf } from './image-url.js'
import { notify } from './notify.js'
import { createProfileAccess, seesDetails } from './profile-access.js'
import { createAccountRepository } from './profile-repository.js'
import type { Member } from './profile-schemas.js'

/** /api/users: follows, follow requests and blocks (PostgreSQL). */
const followRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify) => {
  const follows = createFollowRepository(fastify.pg.pool)
  const access = createProfileAccess(fastify.pg.pool, createAccountRepository(fastify.pg.pool))
  const db = fastify.mongo.db!
  // The users row's foreign keys would take these too; said here so the module owns its cleanup.
  fastify.accountCleanup.register('social-graph', async (userId) => {
    await fastify.pg.query('DELETE FROM follows WHERE follower_id = $1 OR followee_id = $1', [userId])
    await fastify.pg.query('DELETE FROM blocks WHERE blocker_id = $1 OR blocked_id = $1', [userId])
    await fastify.pg.query('DELETE FROM profile_images WHERE user_id = $1', [userId])
  })

  fastify.post('/:username/follow', { schema: FollowRoute }, follow)
  fastify.delete('/:username/follow', { schema: UnfollowRoute }, unfollow)
  fastify.get('/:username/followers', { schema: FollowersRoute }, (request) => members(request, 'followers'))
  fastify.get('/:username/following', { schema: FollowingRoute }, (request) => members(request, 'following'))
  fastify.get('/me/follow-requests', { schema: FollowRequestsRoute }, listRequests)
  fastify.post('/me/follow-requests/:username/approve', { schema: ApproveRequestRoute }, approve)
  fastify.post('/me/follow-requests/:username/decline', { schema: DeclineRequestRoute }, decline)
  fastify.delete('/me/followers/:username', { schema: RemoveFollowerRoute }, removeFollower)
  fastify.post('/:username/block', { schema: BlockRoute }, block)
  fastify.delete('/:username/block', { schema: UnblockRoute }, unblock)
  fastify.get('/me/blocks', { schema: BlocksRoute }, listBlocks)

  /** The named account, unless it is the caller: 400 on the username. */
  async function other (request: { params: { username: string }, user: { id: number } }) {
    const account = await access.account(request.params.username, request.user.id)
    if (account.id === request.user.id) throw new FieldError('params/username', 'must not be yourself')
    return account
  }

  async function follow (request: RequestOf<typeof FollowRoute>, reply: ReplyOf<typeof FollowRoute>) {
    const followee = await other(request)
    const outcome = await follows.follow(request.user.id, followee.id)
    if (!('status' in outcome)) throw new NotFoundError('User')
    const body = { username: followee.username, status: outcome.status === 'accepted' ? 'following' as const : 'requested' as const }
    if (outcome.kind === 'existing') return reply.code(200).send(body)
    if (outcome.status === 'accepted') await followsChanged(fastify.cache, [request.user.id])
    await notify(db, { recipient: followee.id, type: outcome.status === 'accepted' ? 'follow' : 'follow_request', actor: request.user.id })
    return reply.code(201).send(body)
  }

  async function unfollow (request: RequestOf<typeof UnfollowRoute>, reply: ReplyOf<typeof UnfollowRoute>) {
    const followee = await other(request)
    if (await follows.unfollow(request.user.id, followee.id)) await followsChanged(fastify.cache, [request.user.id])
    return reply.code(204).send(null)
  }

  async function members (request: RequestOf<typeof FollowersRoute>, which: 'followers' | 'following') {
    const { account, relation } = await access.visible(request.user.id, request.params.username)
    if (!seesDetails(relation, account)) throw new ForbiddenError('This account is private: only its approved followers see whom it follows and who follows it')
    const window = pageWindow(request.query)
    const { count, rows } = await follows[which](account.id, request.user.id, { limit: window.pageSize, offset: window.skip })
    return pageOf(request, window, count, rows.map((row) => shown(request, row)))
  }

  async function listRequests (request: RequestOf<typeof FollowRequestsRoute>) {
    const window = pageWindow(request.query)
    const { count, rows } = await follows.requests(request.user.id, { limit: window.pageSize, offset: window.skip })
    return pageOf(request, window, count, rows.map((row) => shown(request, row)))
  }

  async function approve (request: RequestOf<typeof ApproveRequestRoute>) {
    const follower = await other(request)
    if (!await follows.approve(request.user.id, follower.id)) throw new NotFoundError('Follow request')
    await followsChanged(fastify.cache, [follower.id])
    return { username: follower.username, status: 'following' as const }
  }

  async function decline (request: RequestOf<typeof DeclineRequestRoute>, reply: ReplyOf<typeof DeclineRequestRoute>) {
    const follower = await other(request)
    if (!await follows.decline(request.user.id, follower.id)) throw new NotFoundError('Follow request')
    return reply.code(204).send(null)
  }

  async function removeFollower (request: RequestOf<typeof RemoveFollowerRoute>, reply: ReplyOf<typeof RemoveFollowerRoute>) {
    const follower = await other(request)
    if (await follows.unfollow(follower.id, request.user.id)) await followsChanged(fastify.cache, [follower.id])
    return reply.code(204).send(null)
  }

  async function block (request: RequestOf<typeof BlockRoute>, reply: ReplyOf<typeof BlockRoute>) {
    const blocked = await other(request)
    const { created, unfollowed } = await follows.block(request.user.id, blocked.id)
    await followsChanged(fastify.cache, unfollowed)
    return reply.code(created ? 201 : 200).send({ username: blocked.username, blocked: true as const })
  }

  async function unblock (request: RequestOf<typeof UnblockRoute>, reply: ReplyOf<typeof UnblockRoute>) {
    const blocked = await other(request)
    await follows.unblock(request.user.id, blocked.id)
    return reply.code(204).send(null)
  }

  async function listBlocks (request: RequestOf<typeof BlocksRoute>) {
    const window = pageWindow(request.query)
    const { count, rows } = await follows.blocks(request.user.id, { limit: window.pageSize, offset: window.skip })
    return pageOf(request, window, count, rows.map((row) => shown(request, row)))
  }

  function shown (request: FastifyRequest, row: MemberRow): Member {
    return { id: row.id, username: row.username, image_url: imageUrlOf(fastify.publicOrigin(request), row.username, row.image_sha256), since: row.since.toISOString() }
  }
}

export default followRoutes
