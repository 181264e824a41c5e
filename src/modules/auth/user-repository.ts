import type { Static } from '@sinclair/typebox'
import type { Pool } from 'pg'
import { DuplicateError } from '../../errors.js'
import type { Role } from '../../plugins/auth.js'
import { looksLikeEmail } from './rules.js'
import type { UserSchema } from './schemas.js'

interface Row {
  id: number
  username: string
  email: string
  role: Role
  is_active: boolean
  created_at: Date
  updated_at: Date
  last_login_at: Date | null
}

/** A user as the API shows it (dates as ISO strings); never the password hash. */
export type UserRow = Static<typeof UserSchema>

const toUser = (row: Row): UserRow => ({
  ...row,
  created_at: row.created_at.toISOString(),
  updated_at: row.updated_at.toISOString(),
  last_login_at: row.last_login_at?.toISOString() ?? null
})
const firstUser = ({ rows }: { rows: Row[] }) => rows[0] ? toUser(rows[0]) : null

export interface UserChanges { username?: string, email?: string, role?: Role, is_active?: boolean }

export interface UserListQuery { role?: Role, is_active?: boolean, ordering?: string, limit: number, offset: number }

const USER_COLUMNS = 'id, username, email, role, is_active, created_at, updated_at, last_login_at'
// Each maps to an index (the primary key or the lower() unique indexes).
const ORDERINGS: Record<string, string> = {
  id: 'id', '-id': 'id DESC', username: 'lower(username)', '-username': 'lower(username) DESC', email: 'lower(email)', '-email': 'lower(email) DESC'
}
const CHANGEABLE = ['username', 'email', 'role', 'is_active'] as const

/** Postgres unique violations on the case-insensitive indexes → a 409 naming the field. */
function duplicateOr (error: unknown): never {
  const { code, constraint } = error as { code?: string, constraint?: string }
  if (code === '23505' && (constraint === 'users_username_ci' || constraint === 'users_email_ci')) {
    const field = constraint === 'users_username_ci' ? 'username' : 'email'
    const message = `A user with that ${field} already exists`
    throw Object.assign(new DuplicateError(message), { details: [{ field: `body/${field}`, message: 'is already taken' }] })
  }
  throw error
}

export function createUserRepository (pool: Pool) {
  async function findById (id: number): Promise<UserRow | null> {
    return firstUser(await pool.query<Row>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]))
  }

  return {
    findById,

    async create (user: { username: string, email: string, passwordHash: string, role?: Role }): Promise<UserRow> {
      return firstUser(await pool.query<Row>(
        `INSERT INTO users (username, email, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING ${USER_COLUMNS}`,
        [user.username, user.email, user.passwordHash, user.role ?? 'member']
      ).catch(duplicateOr))!
    },

    /** By username or email, case-insensitively, with the password hash (login only). */
    async findForLogin (login: string): Promise<(UserRow & { password_hash: string }) | null> {
      const column = looksLikeEmail(login) ? 'email' : 'username'
      const { rows } = await pool.query<Row & { password_hash: string }>(
        `SELECT ${USER_COLUMNS}, password_hash FROM users WHERE lower(${column}) = lower($1)`, [login]
      )
      return rows[0] ? { ...toUser(rows[0]), password_hash: rows[0].password_hash } : null
    },

    async passwordHash (id: number): Promise<string | null> {
      const { rows } = await pool.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [id])
      return rows[0]?.password_hash ?? null
    },

    async setPassword (id: number, passwordHash: string): Promise<void> {
      await pool.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [id, passwordHash])
    },

    /** Stamps last_login_at; stores a fresh hash when the parameters changed since the last one. */
    async recordLogin (id: number, rehashed: string | null): Promise<UserRow> {
      return firstUser(await pool.query<Row>(
        `UPDATE users SET last_login_at = now(), password_hash = coalesce($2, password_hash) WHERE id = $1 RETURNING ${USER_COLUMNS}`,
        [id, rehashed]
      ))!
    },

    async update (id: number, changes: UserChanges): Promise<UserRow | null> {
      const fields = CHANGEABLE.filter((field) => changes[field] !== undefined)
      if (fields.length === 0) return findById(id)
      const sets = fields.map((field, index) => `${field} = $${index + 2}`).join(', ')
      return firstUser(await pool.query<Row>(
        `UPDATE users SET ${sets}, updated_at = now() WHERE id = $1 RETURNING ${USER_COLUMNS}`,
        [id, ...fields.map((field) => changes[field])]
      ).catch(duplicateOr))
    },

    async remove (id: number): Promise<void> {
      await pool.query('DELETE FROM users WHERE id = $1', [id])
    },

    async list (query: UserListQuery): Promise<{ count: number, rows: UserRow[] }> {
      const where = 'WHERE ($1::text IS NULL OR role = $1) AND ($2::boolean IS NULL OR is_active = $2)'
      const params = [query.role ?? null, query.is_active ?? null]
      const order = ORDERINGS[query.ordering ?? 'id'] ?? 'id'
      const [counted, listed] = [
        await pool.query<{ count: string }>(`SELECT count(*) FROM users ${where}`, params),
        await pool.query<Row>(`SELECT ${USER_COLUMNS} FROM users ${where} ORDER BY ${order}, id LIMIT $3 OFFSET $4`, [...params, query.limit, query.offset])
      ]
      return { count: Number(counted.rows[0].count), rows: listed.rows.map(toUser) }
    }
  }
}

export type UserRepository = ReturnType<typeof createUserRepository>
export const USER_ORDERINGS = Object.keys(ORDERINGS).filter((key) => !key.startsWith('-'))
