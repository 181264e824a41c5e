import { readdir, readFile } from 'node:fs/promises'
import type { Pool } from 'pg'

const MIGRATIONS_DIR = new URL('../migrations/', import.meta.url)
const FILE_NAME = /^(\d{3,})_[a-z0-9_]+\.sql$/

export interface MigrationResult { applied: string[], schema: string }

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

/**
 * Applies every pending `src/migrations/NNN_name.sql` in order, each in its own transaction,
 * recording it in `schema_migrations`. A session-level advisory lock keyed on the schema makes
 * concurrent replicas wait for each other instead of racing.
 */
export function migrate (pool: Pool, schema = 'public'): Promise<MigrationResult> {
  // Advisory locks are re-entrant within one Postgres session, and embedded PGlite has only one
  // session, so runners in the same process also queue here.
  const run = (inProcess.get(schema) ?? Promise.resolve()).catch(() => {}).then(() => migrateLocked(pool, schema))
  inProcess.set(schema, run)
  return run
}

const inProcess = new Map<string, Promise<unknown>>()

async function migrateLocked (pool: Pool, schema: string): Promise<MigrationResult> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((name) => FILE_NAME.test(name)).sort()
  const client = await pool.connect()
  const applied: string[] = []
  // Restored afterwards: RESET would drop the schema the pool's connect hook chose for this client.
  const { rows: [previous] } = await client.query<{ search_path: string }>("SELECT current_setting('search_path') AS search_path")
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`workout-api:migrations:${schema}`])
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`)
    await client.query(`SET search_path TO ${quoteIdent(schema)}`)
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`)
    const { rows } = await client.query<{ version: string }>('SELECT version FROM schema_migrations')
    const done = new Set(rows.map((row) => row.version))
    for (const file of files.filter((name) => !done.has(name))) {
      const sql = await readFile(new URL(file, MIGRATIONS_DIR), 'utf8')
      await client.query('BEGIN')
      try {
        await client.query(sql)
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file])
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw new Error(`Migration ${file} failed: ${(error as Error).message}`)
      }
      applied.push(file)
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`workout-api:migrations:${schema}`]).catch(() => {})
    await client.query("SELECT set_config('search_path', $1, false)", [previous.search_path]).catch(() => {})
    client.release()
  }
  return { applied, schema }
}

export { quoteIdent }
