import type { Pool, PoolClient } from 'pg'

/** Who may see a session or workout (its owner always; see `mayView`). */
export const VISIBILITIES = ['private', 'followers', 'public'] as const
export type Visibility = typeof VISIBILITIES[number]

/**
 * What the viewer is to the owner: the owner themselves, an approved follower, someone whose
 * follow request is pending, anyone else, or blocked (either of the two blocked the other).
 */
export type Relation = 'self' | 'follower' | 'requested' | 'stranger' | 'blocked'

/**
 * The one rule for social visibility. A blocked pair sees nothing of each other, whatever the
 * setting; a pending request is no better than a stranger. (An active trainer's access to a
 * client's training data is a separate, coaching rule: `fastify.mayActFor`.)
 */
export function mayView (relation: Relation, visibility: Visibility): boolean {
  if (relation === 'self') return true
  if (relation === 'blocked') return false
  if (visibility === 'public') return true
  return visibility === 'followers' && relation === 'follower'
}

type Queryable = Pick<Pool | PoolClient, 'query'>

/** The viewer's relation to the owner, in one indexed query, asked of PostgreSQL every time (never cached). */
export async function relationOf (pg: Queryable, viewerId: number, ownerId: number): Promise<Relation> {
  if (viewerId === ownerId) return 'self'
  const { rows } = await pg.query<{ blocked: boolean, status: 'pending' | 'accepted' | null }>(
    `SELECT EXISTS (SELECT 1 FROM blocks WHERE (blocker_id = $1 AND blocked_id = $2) OR (blocker_id = $2 AND blocked_id = $1)) AS blocked,
            (SELECT status FROM follows WHERE follower_id = $1 AND followee_id = $2) AS status`,
    [viewerId, ownerId])
  const { blocked, status } = rows[0]
  if (blocked) return 'blocked'
  if (status === 'accepted') return 'follower'
  return status === 'pending' ? 'requested' : 'stranger'
}
