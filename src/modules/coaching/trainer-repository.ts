import type { Pool } from 'pg'
import { ConflictError, DuplicateError, FieldError } from '../../errors.js'
import type { Trainer, TrainerProfileChanges, TrainerQueryType } from './trainer-schemas.js'
import { inTransaction, pgError } from '../../lib/transaction.js'

interface TrainerRow { id: number, username: string, bio: string, specialties: string[], certifications: string[], gym_id: number | null, created_at: Date, updated_at: Date }

const toTrainer = (row: TrainerRow): Trainer => ({ ...row, created_at: row.created_at.toISOString(), updated_at: row.updated_at.toISOString() })

// A trainer whose role was set without a profile (PATCH /api/auth/users) still lists, with an empty one.
const SELECT_TRAINER = `SELECT u.id, u.username, coalesce(p.bio, '') AS bio, coalesce(p.specialties, '{}') AS specialties,
  coalesce(p.certifications, '{}') AS certifications, p.gym_id, coalesce(p.created_at, u.created_at) AS created_at,
  coalesce(p.updated_at, u.updated_at) AS updated_at
  FROM users u LEFT JOIN trainer_profiles p ON p.user_id = u.id`
const ORDERINGS: Record<string, string> = { username: 'lower(u.username)', '-username': 'lower(u.username) DESC', created_at: 'created_at', '-created_at': 'created_at DESC' }
const CHANGEABLE = ['bio', 'specialties', 'certifications', 'gym_id'] as const

function unknownGymOr (error: unknown): never {
  if (pgError(error).code === '23503') throw new FieldError('body/gym_id', 'does not exist')
  throw error
}

export function createTrainerRepository (pool: Pool) {
  async function findById (id: number): Promise<Trainer | null> {
    const { rows } = await pool.query<TrainerRow>(`${SELECT_TRAINER} WHERE u.id = $1 AND u.role = 'trainer'`, [id])
    return rows[0] ? toTrainer(rows[0]) : null
  }

  return {
    findById,

    async list (query: TrainerQueryType, limit: number, offset: number) {
      const where = `WHERE u.role = 'trainer' AND ($1::int IS NULL OR p.gym_id = $1)
        AND ($2::text IS NULL OR u.username ILIKE '%' || $2 || '%' OR p.bio ILIKE '%' || $2 || '%'
          OR EXISTS (SELECT 1 FROM unnest(p.specialties) s WHERE s ILIKE '%' || $2 || '%'))`
      const params = [query.gym ?? null, query.search?.replace(/[\\%_]/g, '\\$&') ?? null]
      const order = ORDERINGS[query.ordering ?? 'username']
      const [counted, listed] = [
        await pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM users u LEFT JOIN trainer_profiles p ON p.user_id = u.id ${where}`, params),
        await pool.query<TrainerRow>(`${SELECT_TRAINER} ${where} ORDER BY ${order}, u.id LIMIT $3 OFFSET $4`, [...params, limit, offset])
      ]
      return { count: counted.rows[0].count, rows: listed.rows.map(toTrainer) }
    },

    /** Role and profile in one transaction; null when the user does not exist. */
    async promote (userId: number, profile: TrainerProfileChanges): Promise<Trainer | null> {
      const found = await inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ role: string }>('SELECT role FROM users WHERE id = $1 FOR UPDATE', [userId])
        if (!rows[0]) return false
        if (rows[0].role === 'trainer') throw new DuplicateError('The user is already a trainer')
        if (rows[0].role === 'admin') throw new ConflictError('Admins cannot also be trainers (a user has one role)')
        await client.query("UPDATE users SET role = 'trainer', updated_at = now() WHERE id = $1", [userId])
        await client.query(
          `INSERT INTO trainer_profiles (user_id, bio, specialties, certifications, gym_id) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (user_id) DO UPDATE SET bio = $2, specialties = $3, certifications = $4, gym_id = $5, updated_at = now()`,
          [userId, profile.bio ?? '', profile.specialties ?? [], profile.certifications ?? [], profile.gym_id ?? null]
        ).catch(unknownGymOr)
        return true
      })
      return found ? findById(userId) : null
    },

    async update (userId: number, changes: TrainerProfileChanges): Promise<Trainer | null> {
      const fields = CHANGEABLE.filter((field) => changes[field] !== undefined)
      const values = fields.map((field) => changes[field])
      const columns = fields.map((field, index) => `${field} = $${index + 2}`)
      await pool.query(
        `INSERT INTO trainer_profiles (user_id${fields.map((field) => `, ${field}`).join('')})
         SELECT id${fields.map((_, index) => `, $${index + 2}`).join('')} FROM users WHERE id = $1 AND role = 'trainer'
         ON CONFLICT (user_id) DO UPDATE SET ${[...columns, 'updated_at = now()'].join(', ')}`,
        [userId, ...values]
      ).catch(unknownGymOr)
      return findById(userId)
    },

    /** Back to member: the profile goes and every open link of the trainer ends, in one transaction. */
    async demote (userId: number, byUserId: number): Promise<boolean> {
      return inTransaction(pool, async (client) => {
        const { rowCount } = await client.query("UPDATE users SET role = 'member', updated_at = now() WHERE id = $1 AND role = 'trainer'", [userId])
        if (rowCount !== 1) return false
        await client.query('DELETE FROM trainer_profiles WHERE user_id = $1', [userId])
        await client.query(
          "UPDATE coaching_links SET status = 'ended', ended_at = now(), ended_by = $2 WHERE trainer_id = $1 AND status IN ('pending', 'active')",
          [userId, byUserId])
        return true
      })
    }
  }
}

export type TrainerRepository = ReturnType<typeof createTrainerRepository>
