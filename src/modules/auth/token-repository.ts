import type { Pool } from 'pg'
import { inTransaction } from '../../lib/transaction.js'
import { hashToken, newToken } from './tokens.js'
import type { AuthUser, Role, Scope } from '../../plugins/auth.js'

export interface TokenRow {
  id: number
  name: string | null
  user_agent: string | null
  created_at: Date
  expires_at: Date
  last_used_at: Date | null
  scopes: Scope[]
}

export interface ActiveToken { user: AuthUser, expiresAt: Date, lastUsedAt: Date | null }

const TOKEN_COLUMNS = 'id, name, user_agent, created_at, expires_at, last_used_at, scopes'

export function createTokenRepository (pool: Pool) {
  return {
    /** Issues a token; the plain value is returned here and never again. */
    async issue (userId: number, ttlDays: number, meta: { name?: string | null, userAgent?: string | null, scopes?: readonly Scope[] } = {}) {
      const token = newToken()
      // Housekeeping on the way: the user's expired tokens can never be used again.
      await pool.query('DELETE FROM auth_tokens WHERE user_id = $1 AND expires_at <= now()', [userId])
      const { rows } = await pool.query<TokenRow>(
        `INSERT INTO auth_tokens (user_id, token_hash, name, user_agent, expires_at, scopes)
         VALUES ($1, $2, $3, $4, now() + make_interval(days => $5), $6)
         RETURNING ${TOKEN_COLUMNS}`,
        [userId, hashToken(token), meta.name ?? null, meta.userAgent?.slice(0, 255) ?? null, ttlDays, [...new Set(meta.scopes ?? [])]]
      )
      return { token, row: rows[0] }
    },

    /** The unexpired token of an active user, or null. */
    async findActive (tokenHash: string): Promise<ActiveToken | null> {
      const { rows } = await pool.query<{ token_id: number, expires_at: Date, last_used_at: Date | null, scopes: Scope[], id: number, username: string, email: string, role: Role }>(
        `SELECT t.id AS token_id, t.expires_at, t.last_used_at, t.scopes, u.id, u.username, u.email, u.role
           FROM auth_tokens t JOIN users u ON u.id = t.user_id
          WHERE t.token_hash = $1 AND t.expires_at > now() AND u.is_active`,
        [tokenHash]
      )
      const row = rows[0]
      if (!row) return null
      return {
        user: { id: row.id, username: row.username, email: row.email, role: row.role, tokenId: row.token_id, scopes: row.scopes },
        expiresAt: row.expires_at,
        lastUsedAt: row.last_used_at
      }
    },

    async touch (tokenId: number): Promise<void> {
      await pool.query('UPDATE auth_tokens SET last_used_at = now() WHERE id = $1', [tokenId])
    },

    /** One page of the user's unexpired tokens, newest first, and how many there are. */
    async list (userId: number, page: { limit: number, offset: number }): Promise<{ count: number, rows: TokenRow[] }> {
      const counted = await pool.query<{ count: string }>('SELECT count(*) FROM auth_tokens WHERE user_id = $1 AND expires_at > now()', [userId])
      const { rows } = await pool.query<TokenRow>(
        `SELECT ${TOKEN_COLUMNS} FROM auth_tokens WHERE user_id = $1 AND expires_at > now() ORDER BY id DESC LIMIT $2 OFFSET $3`,
        [userId, page.limit, page.offset]
      )
      return { count: Number(counted.rows[0].count), rows }
    },

    /** Revokes one token of this user; false when there is no such token. */
    async revoke (userId: number, tokenId: number): Promise<boolean> {
      const { rowCount } = await pool.query('DELETE FROM auth_tokens WHERE id = $1 AND user_id = $2', [tokenId, userId])
      return rowCount === 1
    },

    /**
     * Exchanges a live token for a new one with the same name and scopes and a fresh expiry, in one
     * transaction. The DELETE locks the old row, so of concurrent refreshes of one token only the
     * first finds it; the others get null (the caller answers 401) and no token is minted for them.
     */
    async refresh (userId: number, tokenId: number, ttlDays: number, userAgent?: string | null) {
      return await inTransaction(pool, async (client) => {
        const { rows: old } = await client.query<{ name: string | null, scopes: Scope[] }>(
          'DELETE FROM auth_tokens WHERE id = $1 AND user_id = $2 AND expires_at > now() RETURNING name, scopes',
          [tokenId, userId]
        )
        if (old.length === 0) return null
        const token = newToken()
        const { rows } = await client.query<TokenRow>(
          `INSERT INTO auth_tokens (user_id, token_hash, name, user_agent, expires_at, scopes)
           VALUES ($1, $2, $3, $4, now() + make_interval(days => $5), $6)
           RETURNING ${TOKEN_COLUMNS}`,
          [userId, hashToken(token), old[0].name, userAgent?.slice(0, 255) ?? null, ttlDays, old[0].scopes]
        )
        return { token, row: rows[0] }
      })
    },

    /** Revokes every token of the user, except `keepTokenId` when given. */
    async revokeAll (userId: number, keepTokenId?: number): Promise<number> {
      const { rowCount } = await pool.query('DELETE FROM auth_tokens WHERE user_id = $1 AND id <> $2', [userId, keepTokenId ?? 0])
      return rowCount ?? 0
    }
  }
}

export type TokenRepository = ReturnType<typeof createTokenRepository>
