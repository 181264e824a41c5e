import type { Pool, PoolClient } from 'pg'
import { inTransaction } from '../../lib/transaction.js'

export type FollowStatus = 'pending' | 'accepted'

/** A user in a list (followers, following, requests, blocks) with the time the relation began. */
export interface Member { id: number, username: string, image_sha256: string | null, since: Date }

export type FollowOutcome =
  | { kind: 'missing' | 'blocked' }
  | { kind: 'created' | 'existing', status: FollowStatus }

interface Page { limit: number, offset: number }

const MEMBER = 'u.id, u.username, i.sha256 AS image_sha256'
const IMAGE_JOIN = 'LEFT JOIN profile_images i ON i.user_id = u.id'
/** Neither of the two blocked the other. */
const UNBLOCKED = (a: string, b: string) =>
  `NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = ${a} AND b.blocked_id = ${b}) OR (b.blocker_id = ${b} AND b.blocked_id = ${a}))`

const toCount = (rows: Array<{ count: string | number }>) => Number(rows[0].count)

/**
 * Follows and blocks (PostgreSQL). Races are settled by row locks on the users rows:
 * a follow holds the followee's row FOR SHARE while it checks blocks and privacy and inserts; a
 * block holds both rows FOR NO KEY UPDATE while it inserts and deletes follows; a privacy change
 * updates the row. So a follow either commits before a block (which then deletes it) or sees the
 * block; and a request to an account turning public is either accepted by that change or made after it.
 */
export function createFollowRepository (pool: Pool) {
  async function list (where: string, params: unknown[], order: string, page: Page): Promise<{ count: number, rows: Member[] }> {
    const [counted, listed] = [
      await pool.query<{ count: string }>(`SELECT count(*) FROM ${where}`, params),
      await pool.query<Member>(`SELECT ${MEMBER}, since FROM ${where} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, page.limit, page.offset])
    ]
    return { count: toCount(counted.rows), rows: listed.rows }
  }

  /** `from` (user u, with `since`) for the follows matching the condition, active users only. */
  const followsOf = (side: 'follower' | 'followee', condition: string) => {
    const other = side === 'follower' ? 'followee' : 'follower'
    return `(SELECT f.${other}_id AS id, coalesce(f.accepted_at, f.created_at) AS since FROM follows f WHERE f.${side}_id = $1 AND ${condition}) s
      JOIN users u ON u.id = s.id AND u.is_active ${IMAGE_JOIN}`
  }

  return {
    follow: (followerId: number, followeeId: number): Promise<FollowOutcome> => inTransaction(pool, async (client) => {
      const { rows: [followee] } = await client.query<{ is_private: boolean }>(
        'SELECT is_private FROM users WHERE id = $1 AND is_active FOR SHARE', [followeeId])
      if (!followee) return { kind: 'missing' }
      if (await blockedBetween(client, followerId, followeeId)) return { kind: 'blocked' }
      const status: FollowStatus = followee.is_private ? 'pending' : 'accepted'
      const { rows: [created] } = await client.query<{ status: FollowStatus }>(
        `INSERT INTO follows (follower_id, followee_id, status, accepted_at) VALUES ($1, $2, $3, CASE WHEN $3 = 'accepted' THEN now() END)
         ON CONFLICT (follower_id, followee_id) DO NOTHING RETURNING status`, [followerId, followeeId, status])
      if (created) return { kind: 'created', status: created.status }
      const { rows: [existing] } = await client.query<{ status: FollowStatus }>(
        'SELECT status FROM follows WHERE follower_id = $1 AND followee_id = $2', [followerId, followeeId])
      return { kind: 'existing', status: existing.status }
    }),

    /** Ends a follow or withdraws a request (or, from the other side, removes a follower); true when there was one. */
    async unfollow (followerId: number, followeeId: number): Promise<boolean> {
      const { rowCount } = await pool.query('DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2', [followerId, followeeId])
      return (rowCount ?? 0) > 0
    },

    async approve (followeeId: number, followerId: number): Promise<boolean> {
      const { rowCount } = await pool.query(
        'UPDATE follows SET status = \'accepted\', accepted_at = now() WHERE follower_id = $2 AND followee_id = $1 AND status = \'pending\'', [followeeId, followerId])
      return (rowCount ?? 0) > 0
    },

    async decline (followeeId: number, followerId: number): Promise<boolean> {
      const { rowCount } = await pool.query(
        'DELETE FROM follows WHERE follower_id = $2 AND followee_id = $1 AND status = \'pending\'', [followeeId, followerId])
      return (rowCount ?? 0) > 0
    },

    /** The status of a's follow of b, if any. */
    async statusOf (followerId: number, followeeId: number): Promise<FollowStatus | null> {
      const { rows } = await pool.query<{ status: FollowStatus }>('SELECT status FROM follows WHERE follower_id = $1 AND followee_id = $2', [followerId, followeeId])
      return rows[0]?.status ?? null
    },

    /** Approved followers and followings of active accounts, read live (never cached). */
    async counts (userId: number): Promise<{ followers: number, following: number }> {
      const { rows: [row] } = await pool.query<{ followers: number, following: number }>(
        `SELECT (SELECT count(*) FROM follows f JOIN users u ON u.id = f.follower_id AND u.is_active WHERE f.followee_id = $1 AND f.status = 'accepted')::int AS followers,
                (SELECT count(*) FROM follows f JOIN users u ON u.id = f.followee_id AND u.is_active WHERE f.follower_id = $1 AND f.status = 'accepted')::int AS following`, [userId])
      return row
    },

    /** Accepted followers of `userId`, newest first, without anyone blocked with the viewer. */
    followers: (userId: number, viewerId: number, page: Page) =>
      list(followsOf('followee', `f.status = 'accepted' AND ${UNBLOCKED('f.follower_id', '$2')}`), [userId, viewerId], 'since DESC, u.id', page),

    following: (userId: number, viewerId: number, page: Page) =>
      list(followsOf('follower', `f.status = 'accepted' AND ${UNBLOCKED('f.followee_id', '$2')}`), [userId, viewerId], 'since DESC, u.id', page),

    /** Incoming requests, oldest first (the order they are answered in). */
    requests: (userId: number, page: Page) => list(followsOf('followee', 'f.status = \'pending\''), [userId], 'since, u.id', page),

    /** Blocks `blockedId` and ends follows both ways, in one transaction; answers whether the block is new and whose follows ended. */
    block: (blockerId: number, blockedId: number) => inTransaction(pool, async (client) => {
      await client.query('SELECT 1 FROM users WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE', [[blockerId, blockedId]])
      const { rowCount } = await client.query('INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [blockerId, blockedId])
      const { rows } = await client.query<{ follower_id: number }>(
        'DELETE FROM follows WHERE (follower_id = $1 AND followee_id = $2) OR (follower_id = $2 AND followee_id = $1) RETURNING follower_id',
        [blockerId, blockedId])
      return { created: (rowCount ?? 0) > 0, unfollowed: rows.map((row) => row.follower_id) }
    }),

    async unblock (blockerId: number, blockedId: number): Promise<void> {
      await pool.query('DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2', [blockerId, blockedId])
    },

    blocks: (userId: number, page: Page) =>
      list(`(SELECT blocked_id AS id, created_at AS since FROM blocks WHERE blocker_id = $1) s JOIN users u ON u.id = s.id ${IMAGE_JOIN}`, [userId], 'since DESC, u.id', page)
  }
}

async function blockedBetween (client: PoolClient, a: number, b: number): Promise<boolean> {
  const { rows } = await client.query<{ unblocked: boolean }>(`SELECT ${UNBLOCKED('$1::int', '$2::int')} AS unblocked`, [a, b])
  return !rows[0].unblocked
}

export type FollowRepository = ReturnType<typeof createFollowRepository>
