import type { FastifyInstance } from 'fastify'
import { createVisibilityAccess } from './visibility-access.js'
import { createTargets } from './reactions-target.js'
import { createReactionRepository } from './reactions-repository.js'
import { createCommentRepository } from './comment-repository.js'
import { feedAuthorScope } from './feed-scopes.js'
import { objectCollection, type Target } from './reactions-target.js'
import { notify, type NotificationEvent } from './notify.js'
import { COLLECTIONS } from '../documents.js'
import { oid } from '../../lib/mongo.js'

/** What the like and comment routes share: the objects they are on, the stores, and feed invalidation. */
export function createReactionsContext (fastify: FastifyInstance) {
  const db = fastify.mongo.db!
  const reactions = createReactionRepository(db)
  return {
    db,
    targets: createTargets(db, createVisibilityAccess(fastify)),
    reactions,
    comments: createCommentRepository(db, reactions),
    /**
     * Tells the owner. The object may be deleted between the reaction's write and this insert (its
     * delete then found no notification to remove): looked up again after, and the news taken back.
     */
    async notifyOwner (target: Target, event: Omit<NotificationEvent, 'recipient' | 'object'>) {
      const _id = oid(target.id)
      await notify(db, { ...event, recipient: target.owner, object: { kind: target.kind, id: _id } })
      if (await db.collection(objectCollection(target.kind)).countDocuments({ _id }, { limit: 1 }) === 0) {
        await db.collection(COLLECTIONS.notifications).deleteMany({ 'object.id': _id })
      }
    },
    /** Counts shown in feeds changed: only sessions are in feeds. */
    async touchFeed (target: Pick<Target, 'kind' | 'owner'>) {
      if (target.kind === 'session') await fastify.cache.bump(feedAuthorScope(target.owner))
    }
  }
}
