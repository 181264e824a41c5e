import type { PoolClient } from 'pg'
import { DuplicateError } from '../../errors.js'

/** A pool or a transaction's client: both answer `query`. */
export type Queryable = Pick<PoolClient, 'query'>

/**
 * Inserts a row and returns its id. With an id the client chose, a taken id is 409. Without
 * one, the identity sequence picks it; if a client-chosen id already holds that number the
 * insert is retried with the next one, so chosen and generated ids can mix.
 */
export async function insertRow (db: Queryable, table: string, fields: Record<string, unknown>, id?: number): Promise<number> {
  const columns = Object.keys(fields)
  const values = Object.values(fields)
  if (id) {
    const placeholders = values.map((_, index) => `$${index + 2}`)
    try {
      await db.query(`INSERT INTO ${table} (id, ${columns.join(', ')}) VALUES ($1, ${placeholders.join(', ')})`, [id, ...values])
      return id
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new DuplicateError(`The id ${id} is already taken`)
      throw error
    }
  }
  const placeholders = values.map((_, index) => `$${index + 1}`)
  for (let attempt = 0; attempt < 100; attempt++) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')}) ON CONFLICT (id) DO NOTHING RETURNING id`, values)
    if (rows[0]) return Number(rows[0].id)
  }
  throw new Error(`No free id found in ${table}`)
}
