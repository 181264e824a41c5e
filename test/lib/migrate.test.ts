import { randomBytes } from 'node:crypto'
import t, { type Test } from 'tap'
import pg from 'pg'
import { migrate } from '../../src/lib/migrate.js'
import { testDatabases } from '../helpers/databases.js'

async function poolInFreshSchema (t: Test, max = 1) {
  const { postgresUrl } = await testDatabases()
  const schema = `t_migrate_${randomBytes(4).toString('hex')}`
  const pool = new pg.Pool({ connectionString: postgresUrl, max })
  t.teardown(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await pool.end()
  })
  return { pool, schema }
}

t.test('applies every migration once and records it', async (t) => {
  const { pool, schema } = await poolInFreshSchema(t)
  const first = await migrate(pool, schema)
  t.ok(first.applied.includes('001_identity.sql'))
  const second = await migrate(pool, schema)
  t.same(second.applied, [], 'a second run applies nothing')
  const { rows } = await pool.query(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`)
  t.same(rows.map((row) => row.version), first.applied)
  const tables = await pool.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema])
  t.ok(tables.rows.some((row) => row.table_name === 'users'))
})

t.test('concurrent start-ups apply each migration exactly once', async (t) => {
  const { pool, schema } = await poolInFreshSchema(t, 3)
  const results = await Promise.all([migrate(pool, schema), migrate(pool, schema), migrate(pool, schema)])
  const appliedTotal = results.flatMap((result) => result.applied)
  t.same(appliedTotal.sort(), results.find((result) => result.applied.length > 0)!.applied.sort(), 'one runner applied them, the others found them done')
  const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${schema}".schema_migrations`)
  t.equal(rows[0].n, appliedTotal.length)
})

t.test('a runner waits while another process holds the migration lock', async (t) => {
  const { embeddedPostgres } = await testDatabases()
  if (embeddedPostgres) return t.skip('PGlite has a single session; runs against a real server in CI', () => {})
  const { pool, schema } = await poolInFreshSchema(t, 2)
  const holder = new pg.Client({ connectionString: (await testDatabases()).postgresUrl })
  await holder.connect()
  t.teardown(() => holder.end())
  await holder.query('SELECT pg_advisory_lock(hashtext($1))', [`workout-api:migrations:${schema}`])
  let finished = false
  const running = migrate(pool, schema).then((result) => { finished = true; return result })
  await new Promise((resolve) => setTimeout(resolve, 300))
  t.equal(finished, false, 'blocked behind the other holder')
  await holder.query('SELECT pg_advisory_unlock(hashtext($1))', [`workout-api:migrations:${schema}`])
  t.ok((await running).applied.length > 0)
})
