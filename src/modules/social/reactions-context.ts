import type { FastifyInstance } from 'fastify'
import { createVisibilityAccess } from './visibility-access.js'
import { createTargets } from './reactions-target.js'
import { createReactionRepository } from './reactions-repository.js'
import { createCommentRepository } from './comment-repository.js'
import { feedAuthorScope } from './feed-scopes.js'
import type { Target } from './reactions-target.js'

/** What the like and comment routes share: the objects they are on, the stores, and feed invalidation. */
export function createReactionsContext (fastify: FastifyInstance) {
  const db = fastify.mongo.db!
  const reactions = createReactionRepository(db)
  return {
    db,
    targets: createTargets(db, createVisibilityAccess(fastify)),
    reactions,
    comments: createCommentRepository(db, reactions),
    /** Counts shown in feeds changed: only sessions are in feeds. */
    async touchFeed (target: Pick<Target, 'kind' | 'owner'>) {
      if (target.kind === 'session') await fastify.cache.bump(feedAuthorScope(target.owner))
    }
  }
}
