import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { NotFoundError } from '../../errors.js'
import type { MayActFor } from '../../lib/access.js'
import type { AuthUser } from '../../plugins/auth.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The one check for a client's training data: the owner, or the owner's active trainer (see below). */
    mayActFor: MayActFor
    /**
     * Whose data a `?user_id=` request reads: the caller's own when absent or their own id, else that
     * user's when the caller is their active trainer; 404 otherwise (never reveal who has a trainer).
     */
    subjectOf: (viewer: AuthUser, userId: number | undefined) => Promise<number>
  }
}

/**
 * Asked of PostgreSQL on every request, never cached: a link ended on one replica ends the
 * trainer's access on all of them at once. One indexed lookup (coaching_links_one_active_trainer),
 * and the trainer must still hold the role: a role changed through PATCH /api/auth/users/{id}
 * (which does not end links as a demotion does) ends access too.
 */
async function clientAccess (fastify: FastifyInstance) {
  const mayActFor: MayActFor = async (viewer, ownerId) => {
    if (viewer.id === ownerId) return true
    const { rowCount } = await fastify.pg.query(
      `SELECT 1 FROM coaching_links l JOIN users t ON t.id = l.trainer_id AND t.role = 'trainer'
       WHERE l.client_id = $1 AND l.trainer_id = $2 AND l.status = 'active'`, [ownerId, viewer.id])
    return rowCount === 1
  }
  fastify.decorate('mayActFor', mayActFor)
  fastify.decorate('subjectOf', async (viewer: AuthUser, userId: number | undefined) => {
    if (userId === undefined) return viewer.id
    if (!await mayActFor(viewer, userId)) throw new NotFoundError('User')
    return userId
  })
}

export default fp(clientAccess, { name: 'client-access', dependencies: ['postgres'] })
