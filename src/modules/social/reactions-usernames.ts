import type { Pool } from 'pg'

/** Current usernames of these users, in one query (deleted users are absent). */
export async function usernamesOf (pg: Pick<Pool, 'query'>, ids: Iterable<number>): Promise<Map<number, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const { rows } = await pg.query<{ id: number, username: string }>('SELECT id, username FROM users WHERE id = ANY($1::int[])', [unique])
  return new Map(rows.map((row) => [row.id, row.username]))
}
