import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../index.js'
import { COLLECTIONS, type SocialObjectKind } from '../documents.js'
import type { RequestOf } from '../../lib/route-types.js'
import { NotFoundError } from '../../errors.js'
import { oid } from '../../lib/mongo.js'
import { createReactionsContext } from './reactions-context.js'
import { likeIndexes } from './reactions-repository.js'
import { feedAuthorScope } from './feed-scopes.js'
import { LABELS } from './reactions-target.js'
import { LikeSessionRoute, LikeWorkoutRoute, UnlikeSessionRoute, UnlikeWorkoutRoute } from './reactions-schemas.js'

type LikeRequest = RequestOf<typeof LikeSessionRoute>

/** Likes on sessions and workouts (registered under /api). */
const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify) => {
  const { db, targets, reactions, touchFeed, notifyOwner } = createReactionsContext(fastify)
  fastify.ensureMongoIndexes(likeIndexes)
  fastify.accountCleanup.register('likes-comments', async (userId) => {
    const touched = await reactions.forgetUser(userId)
    await fastify.cache.bump(...[...touched].map(feedAuthorScope))
  })

  fastify.put('/workout-sessions/:id/like', { schema: LikeSessionRoute }, (request) => like('session', request))
  fastify.delete('/workout-sessions/:id/like', { schema: UnlikeSessionRoute }, (request) => unlike('session', request))
  fastify.put('/workouts/:id/like', { schema: LikeWorkoutRoute }, (request) => like('workout', request))
  fastify.delete('/workouts/:id/like', { schema: UnlikeWorkoutRoute }, (request) => unlike('workout', request))

  async function like (kind: SocialObjectKind, request: LikeRequest) {
    const target = await targets.reactable(kind, request.params.id, request.user)
    const created = await reactions.like(target, request.user.id)
    if (created === null) throw new NotFoundError(LABELS[kind])
    if (created) {
      await touchFeed(target)
      await notifyOwner(target, { type: 'like', actor: request.user.id })
    }
    return { liked: true, like_count: await reactions.likeCount(target) }
  }

  async function unlike (kind: SocialObjectKind, request: LikeRequest) {
    const target = await targets.readable(kind, request.params.id, request.user)
    if (await reactions.unlike(target, request.user.id)) {
      await touchFeed(target)
      // The event it reported did not last: the owner is not told of a like that is gone.
      await db.collection(COLLECTIONS.notifications).deleteMany({ type: 'like', actor_id: request.user.id, 'object.id': oid(target.id) })
    }
    return { liked: false, like_count: await reactions.likeCount(target) }
  }
}

export default routes
