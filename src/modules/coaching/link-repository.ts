import type { Pool } from 'pg'
import { ConflictError, DuplicateError } from '../../errors.js'
import type { Role } from '../../plugins/auth.js'
import type { ClientQueryType, Link, LinkQueryType } from './link-schemas.js'
import { TRANSITIONS, type LinkAction, type LinkStatus, type Side } from './link-rules.js'
import { pgError } from '../../lib/transaction.js'

interface LinkRow {
  id: number
  trainer_id: number
  trainer_username: string
  client_id: number
  client_username: string
  initiated_by: Side
  status: LinkStatus
  requested_at: Date
  responded_at: Date | null
  ended_at: Date | null
  ended_by: number | null
}
export type LinkRecord = Link & { trainer_id: number, client_id: number }

const iso = (date: Date | null) => date?.toISOString() ?? null
const toLink = (row: LinkRow): LinkRecord => ({
  id: row.id,
  trainer_id: row.trainer_id,
  client_id: row.client_id,
  trainer: { id: row.trainer_id, username: row.trainer_username },
  client: { id: row.client_id, username: row.client_username },
  initiated_by: row.initiated_by,
  status: row.status,
  requested_at: row.requested_at.toISOString(),
  responded_at: iso(row.responded_at),
  ended_at: iso(row.ended_at),
  ended_by: row.ended_by
})

const SELECT_LINK = `SELECT l.*, t.username AS trainer_username, c.username AS client_username
  FROM coaching_links l JOIN users t ON t.id = l.trainer_id JOIN users c ON c.id = l.client_id`
const CLIENT_ORDERINGS: Record<string, string> = { username: 'lower(c.username)', '-username': 'lower(c.username) DESC', since: 'l.responded_at', '-since': 'l.responded_at DESC' }

/** The partial unique indexes of 003_coaching.sql, as the 409s they mean. */
function conflictOr (error: unknown): never {
  const { constraint } = pgError(error)
  if (constraint === 'coaching_links_one_active_trainer') throw new ConflictError('The client already has an active trainer; one link must end first')
  if (constraint === 'coaching_links_one_pending_pair') throw new DuplicateError('There is already a pending request between this trainer and client')
  throw error
}

export function createLinkRepository (pool: Pool) {
  async function findById (id: number): Promise<LinkRecord | null> {
    const { rows } = await pool.query<LinkRow>(`${SELECT_LINK} WHERE l.id = $1`, [id])
    return rows[0] ? toLink(rows[0]) : null
  }

  return {
    findById,

    async roleOf (userId: number): Promise<Role | null> {
      const { rows } = await pool.query<{ role: Role }>('SELECT role FROM users WHERE id = $1', [userId])
      return rows[0]?.role ?? null
    },

    /** The client's active trainer, if any. */
    async activeTrainerOf (clientId: number): Promise<number | null> {
      const { rows } = await pool.query<{ trainer_id: number }>("SELECT trainer_id FROM coaching_links WHERE client_id = $1 AND status = 'active'", [clientId])
      return rows[0]?.trainer_id ?? null
    },

    async create (link: { trainer_id: number, client_id: number, initiated_by: Side }): Promise<LinkRecord> {
      const { rows } = await pool.query<{ id: number }>(
        'INSERT INTO coaching_links (trainer_id, client_id, initiated_by) VALUES ($1, $2, $3) RETURNING id',
        [link.trainer_id, link.client_id, link.initiated_by]
      ).catch(conflictOr)
      return (await findById(rows[0].id))!
    },

    /**
     * Moves the link only if it is still in a state the action starts from, so of two concurrent
     * accepts one wins and the other finds nothing to move (null); the unique index refuses a
     * second active trainer however the requests interleave.
     */
    async move (id: number, action: LinkAction, byUserId: number): Promise<LinkRecord | null> {
      const { from, to } = TRANSITIONS[action]
      const stamp = action === 'end' ? 'ended_at = now(), ended_by = $4' : 'responded_at = now()'
      const params: unknown[] = [id, [...from], to]
      if (action === 'end') params.push(byUserId)
      const { rowCount } = await pool.query(`UPDATE coaching_links SET status = $3, ${stamp} WHERE id = $1 AND status = ANY($2::text[])`, params).catch(conflictOr)
      return rowCount === 1 ? findById(id) : null
    },

    async list (userId: number, query: LinkQueryType, limit: number, offset: number) {
      const where = `WHERE (($2::text IS NULL AND (l.trainer_id = $1 OR l.client_id = $1))
          OR ($2 = 'trainer' AND l.trainer_id = $1) OR ($2 = 'client' AND l.client_id = $1))
        AND ($3::text IS NULL OR l.status = $3)`
      const params = [userId, query.as ?? null, query.status ?? null]
      const order = query.ordering === 'requested_at' ? 'l.requested_at, l.id' : 'l.requested_at DESC, l.id DESC'
      const [counted, listed] = [
        await pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM coaching_links l ${where}`, params),
        await pool.query<LinkRow>(`${SELECT_LINK} ${where} ORDER BY ${order} LIMIT $4 OFFSET $5`, [...params, limit, offset])
      ]
      return { count: counted.rows[0].count, rows: listed.rows.map(toLink) }
    },

    async clients (trainerId: number, query: ClientQueryType, limit: number, offset: number) {
      const where = "WHERE l.trainer_id = $1 AND l.status = 'active'"
      const [counted, listed] = [
        await pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM coaching_links l ${where}`, [trainerId]),
        await pool.query<{ id: number, username: string, link_id: number, since: Date }>(
          `SELECT c.id, c.username, l.id AS link_id, l.responded_at AS since FROM coaching_links l JOIN users c ON c.id = l.client_id
           ${where} ORDER BY ${CLIENT_ORDERINGS[query.ordering ?? 'username']}, c.id LIMIT $2 OFFSET $3`, [trainerId, limit, offset])
      ]
      return { count: counted.rows[0].count, rows: listed.rows.map((row) => ({ ...row, since: row.since.toISOString() })) }
    }
  }
}

export type LinkRepository = ReturnType<typeof createLinkRepository>
