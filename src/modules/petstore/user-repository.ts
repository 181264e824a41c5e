import type { Pool } from 'pg'
import { DuplicateError } from '../../errors.js'
import type { Role } from '../../plugins/auth.js'
import type { Queryable } from './sql.js'
import type { UserType } from './schemas.js'

interface Row {
  id: number
  username: string
  email: string
  role: Role
  first_name: string | null
  last_name: string | null
  phone: string | null
  user_status: number | null
}
export interface PetstoreAccount { user: UserType, role: Role, isActive: boolean }
export interface AccountFields { firstName?: string, lastName?: string, phone?: string, userStatus?: number }
export interface NewAccount extends AccountFields { username: string, email: string, passwordHash: string }

type Transact = <T>(work: (db: Queryable) => Promise<T>) => Promise<T>

const COLUMNS = 'id, username, email, role, is_active, first_name, last_name, phone, user_status'
const optional = <K extends string, V>(key: K, value: V | null) => (value === null ? {} : { [key]: value }) as Partial<Record<K, V>>
const toUser = (row: Row): UserType => ({
  id: row.id,
  username: row.username,
  ...optional('firstName', row.first_name),
  ...optional('lastName', row.last_name),
  email: row.email,
  ...optional('phone', row.phone),
  ...optional('userStatus', row.user_status)
})
const FIELD_COLUMNS = { firstName: 'first_name', lastName: 'last_name', phone: 'phone', userStatus: 'user_status' } as const

/** A unique violation on the accounts' case-insensitive indexes → 409 naming the field. */
function duplicateOr (error: unknown, field: (name: string) => string): never {
  const { code, constraint } = error as { code?: string, constraint?: string }
  if (code === '23505' && (constraint === 'users_username_ci' || constraint === 'users_email_ci')) {
    const name = constraint === 'users_username_ci' ? 'username' : 'email'
    throw Object.assign(new DuplicateError(`A user with that ${name} already exists`), { details: [{ field: field(name), message: 'is already taken' }] })
  }
  throw error
}

/** The service's accounts (the `users` table) with the Petstore's extra fields; never a hash out. */
export function createPetstoreUserRepository (pool: Pool, transact: Transact) {
  const insert = (db: Queryable, account: NewAccount) => db.query<Row>(
    `INSERT INTO users (username, email, password_hash, first_name, last_name, phone, user_status)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [account.username, account.email, account.passwordHash, account.firstName ?? null, account.lastName ?? null, account.phone ?? null, account.userStatus ?? null])

  return {
    async create (account: NewAccount): Promise<UserType> {
      const { rows } = await insert(pool, account).catch((error) => duplicateOr(error, (name) => `body/${name}`))
      return toUser(rows[0])
    },

    /** All or none, in one transaction; answers the created users in order. */
    createAll: (accounts: NewAccount[]) => transact(async (db) => {
      const created: UserType[] = []
      for (const [index, account] of accounts.entries()) {
        const { rows } = await insert(db, account).catch((error) => duplicateOr(error, (name) => `body/${index}/${name}`))
        created.push(toUser(rows[0]))
      }
      return created
    }),

    async findByUsername (username: string): Promise<PetstoreAccount | null> {
      const { rows } = await pool.query<Row & { is_active: boolean }>(`SELECT ${COLUMNS} FROM users WHERE lower(username) = lower($1)`, [username])
      return rows[0] ? { user: toUser(rows[0]), role: rows[0].role, isActive: rows[0].is_active } : null
    },

    async update (id: number, changes: AccountFields & { username?: string, email?: string, passwordHash?: string }): Promise<void> {
      const sets: string[] = []
      const values: unknown[] = [id]
      const set = (column: string, value: unknown) => { values.push(value); sets.push(`${column} = $${values.length}`) }
      if (changes.username !== undefined) set('username', changes.username)
      if (changes.email !== undefined) set('email', changes.email)
      if (changes.passwordHash !== undefined) set('password_hash', changes.passwordHash)
      for (const [field, column] of Object.entries(FIELD_COLUMNS)) {
        const value = changes[field as keyof typeof FIELD_COLUMNS]
        if (value !== undefined) set(column, value)
      }
      if (sets.length === 0) return
      await pool.query(`UPDATE users SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, values)
        .catch((error) => duplicateOr(error, (name) => `body/${name}`))
    },

    async passwordHash (id: number): Promise<string | null> {
      const { rows } = await pool.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [id])
      return rows[0]?.password_hash ?? null
    },

    async remove (id: number): Promise<void> {
      await pool.query('DELETE FROM users WHERE id = $1', [id])
    }
  }
}
