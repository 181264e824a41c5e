import type { Pool } from 'pg'
import { inTransaction } from '../../lib/transaction.js'
import type { Visibility } from './audience.js'

/** An account as the social routes know it: found by username, active ones only. */
export interface Account { id: number, username: string, is_private: boolean, image_sha256: string | null }

export interface Settings { is_private: boolean, default_visibility: Visibility }

/** Accounts and their privacy settings (PostgreSQL, the users row). */
export function createAccountRepository (pool: Pool) {
  return {
    /** Case-insensitive, like login; a deactivated account is as good as unknown. */
    async byUsername (username: string): Promise<Account | null> {
      const { rows } = await pool.query<Account>(
        `SELECT u.id, u.username, u.is_private, i.sha256 AS image_sha256
           FROM users u LEFT JOIN profile_images i ON i.user_id = u.id
          WHERE lower(u.username) = lower($1) AND u.is_active`, [username])
      return rows[0] ?? null
    },

    async byId (id: number): Promise<Account | null> {
      const { rows } = await pool.query<Account>(
        `SELECT u.id, u.username, u.is_private, i.sha256 AS image_sha256
           FROM users u LEFT JOIN profile_images i ON i.user_id = u.id
          WHERE u.id = $1 AND u.is_active`, [id])
      return rows[0] ?? null
    },

    async settings (userId: number): Promise<Settings | null> {
      const { rows } = await pool.query<Settings>('SELECT is_private, default_visibility FROM users WHERE id = $1', [userId])
      return rows[0] ?? null
    },

    /**
     * Changes the settings. An account turning public accepts every pending request in the same
     * transaction (they asked to follow; nothing is left to approve). A request being made at the
     * same moment waits on the users row (follow-repository.ts locks it), so none is left pending.
     * Answers the new settings and the followers whose requests were accepted.
     */
    update: (userId: number, changes: Partial<Settings>) => inTransaction(pool, async (client) => {
      const { rows } = await client.query<Settings>(
        `UPDATE users SET is_private = coalesce($2, is_private), default_visibility = coalesce($3, default_visibility), updated_at = now()
          WHERE id = $1 RETURNING is_private, default_visibility`,
        [userId, changes.is_private ?? null, changes.default_visibility ?? null])
      if (!rows[0]) return null
      let accepted: number[] = []
      if (!rows[0].is_private) {
        const { rows: follows } = await client.query<{ follower_id: number }>(
          'UPDATE follows SET status = \'accepted\', accepted_at = now() WHERE followee_id = $1 AND status = \'pending\' RETURNING follower_id', [userId])
        accepted = follows.map((row) => row.follower_id)
      }
      return { settings: rows[0], accepted }
    })
  }
}

export type AccountRepository = ReturnType<typeof createAccountRepository>
