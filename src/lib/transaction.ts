import type { Pool, PoolClient } from 'pg'

/** Runs `work` in one transaction on one pooled connection; rolls back on any error. */
export async function inTransaction<T> (pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

/** The Postgres error code and constraint of a failed query (23505 unique, 23503 foreign key). */
export const pgError = (error: unknown) => error as { code?: string, constraint?: string }
