import type { Pool } from 'pg'
import { DuplicateError } from '../../errors.js'
import type { Gym, GymChanges, GymQueryType } from './gym-schemas.js'
import { pgError } from '../../lib/transaction.js'
import { sqlNextUpdatedAt, sqlStillAt } from '../../lib/versioned-write.js'

interface GymRow { id: number, name: string, address: string, time_zone: string, contact_email: string | null, contact_phone: string | null, member_count: number, created_at: Date, updated_at: Date }
interface MemberRow { gym_id: number, user_id: number, username: string, joined_at: Date }

const toGym = (row: GymRow): Gym => ({ ...row, member_count: Number(row.member_count), created_at: row.created_at.toISOString(), updated_at: row.updated_at.toISOString() })
const toMember = (row: MemberRow) => ({ ...row, joined_at: row.joined_at.toISOString() })

const SELECT_GYM = 'SELECT g.*, (SELECT count(*) FROM gym_memberships m WHERE m.gym_id = g.id)::int AS member_count FROM gyms g'
const ORDERINGS: Record<string, string> = { name: 'lower(g.name)', '-name': 'lower(g.name) DESC', created_at: 'g.created_at', '-created_at': 'g.created_at DESC' }
const CHANGEABLE = ['name', 'address', 'time_zone', 'contact_email', 'contact_phone'] as const

function duplicateNameOr (error: unknown): never {
  if (pgError(error).constraint === 'gyms_name_ci') {
    throw Object.assign(new DuplicateError('A gym with that name already exists'), { details: [{ field: 'body/name', message: 'is already taken' }] })
  }
  throw error
}

export function createGymRepository (pool: Pool) {
  async function findById (id: number): Promise<Gym | null> {
    const { rows } = await pool.query<GymRow>(`${SELECT_GYM} WHERE g.id = $1`, [id])
    return rows[0] ? toGym(rows[0]) : null
  }

  return {
    findById,

    async list (query: GymQueryType, limit: number, offset: number) {
      const where = "WHERE ($1::text IS NULL OR g.name ILIKE '%' || $1 || '%' OR g.address ILIKE '%' || $1 || '%')"
      const search = query.search?.replace(/[\\%_]/g, '\\$&') ?? null
      const order = ORDERINGS[query.ordering ?? 'name']
      const [counted, listed] = [
        await pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM gyms g ${where}`, [search]),
        await pool.query<GymRow>(`${SELECT_GYM} ${where} ORDER BY ${order}, g.id LIMIT $2 OFFSET $3`, [search, limit, offset])
      ]
      return { count: counted.rows[0].count, rows: listed.rows.map(toGym) }
    },

    async create (gym: GymChanges & { name: string, time_zone: string }): Promise<Gym> {
      const { rows } = await pool.query<{ id: number }>(
        'INSERT INTO gyms (name, address, time_zone, contact_email, contact_phone) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [gym.name, gym.address ?? '', gym.time_zone, gym.contact_email ?? null, gym.contact_phone ?? null]
      ).catch(duplicateNameOr)
      return (await findById(rows[0].id))!
    },

    /** null when the gym is gone, or (with `expected`, an If-Match-checked `updated_at`) no longer that version. */
    async update (id: number, changes: GymChanges, expected?: string): Promise<Gym | null> {
      const fields = CHANGEABLE.filter((field) => changes[field] !== undefined)
      if (fields.length > 0) {
        const sets = fields.map((field, index) => `${field} = $${index + 3}`).join(', ')
        const { rowCount } = await pool.query(
          `UPDATE gyms SET ${sets}, updated_at = ${sqlNextUpdatedAt('updated_at')} WHERE id = $1 AND ${sqlStillAt('updated_at', 2)}`,
          [id, expected ?? null, ...fields.map((field) => changes[field])]
        ).catch(duplicateNameOr)
        if (rowCount === 0) return null
      }
      return findById(id)
    },

    async remove (id: number, expected?: string): Promise<boolean> {
      return (await pool.query(`DELETE FROM gyms WHERE id = $1 AND ${sqlStillAt('updated_at', 2)}`, [id, expected ?? null])).rowCount === 1
    },

    async members (gymId: number, limit: number, offset: number) {
      const [counted, listed] = [
        await pool.query<{ count: number }>('SELECT count(*)::int AS count FROM gym_memberships WHERE gym_id = $1', [gymId]),
        await pool.query<MemberRow>(
          'SELECT m.gym_id, m.user_id, u.username, m.joined_at FROM gym_memberships m JOIN users u ON u.id = m.user_id WHERE m.gym_id = $1 ORDER BY m.joined_at, m.user_id LIMIT $2 OFFSET $3',
          [gymId, limit, offset])
      ]
      return { count: counted.rows[0].count, rows: listed.rows.map(toMember) }
    },

    /** The user's membership, whichever gym it is in. */
    async membershipOf (userId: number) {
      const { rows } = await pool.query<MemberRow>(
        'SELECT m.gym_id, m.user_id, u.username, m.joined_at FROM gym_memberships m JOIN users u ON u.id = m.user_id WHERE m.user_id = $1', [userId])
      return rows[0] ? toMember(rows[0]) : null
    },

    /** Adds the membership; false when the user already belongs to a gym (the primary key says so). */
    async addMember (gymId: number, userId: number): Promise<boolean> {
      const { rowCount } = await pool.query('INSERT INTO gym_memberships (gym_id, user_id) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING', [gymId, userId])
      return rowCount === 1
    },

    async removeMember (gymId: number, userId: number): Promise<boolean> {
      return (await pool.query('DELETE FROM gym_memberships WHERE gym_id = $1 AND user_id = $2', [gymId, userId])).rowCount === 1
    },

    async userExists (userId: number): Promise<boolean> {
      return (await pool.query('SELECT 1 FROM users WHERE id = $1', [userId])).rowCount === 1
    }
  }
}

export type GymRepository = ReturnType<typeof createGymRepository>
