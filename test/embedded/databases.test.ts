import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { MongoClient } from 'mongodb'
import pg from 'pg'
import { pino } from 'pino'
import { configWith } from '../../src/config.js'
import { startDatabases } from '../../src/embedded/databases.js'
import { findMongod } from '../../src/embedded/mongod.js'

const silent = pino({ level: 'silent' })
const storeCli = new URL('../../src/embedded/mongo/cli.ts', import.meta.url).pathname

async function tempDir (t: Test) {
  const dir = await mkdtemp(join(tmpdir(), 'workout-dbs-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return dir
}

async function bothAnswer (t: Test, urls: { DATABASE_URL?: string, MONGODB_URL?: string }) {
  const client = new pg.Client({ connectionString: urls.DATABASE_URL })
  await client.connect()
  t.same((await client.query('SELECT 1 + 1 AS two')).rows, [{ two: 2 }])
  await client.end()
  const mongo = new MongoClient(urls.MONGODB_URL!)
  t.match(await mongo.db('admin').command({ ping: 1 }), { ok: 1 })
  await mongo.close()
}

t.test('with no URLs: embedded PGlite and the embedded store, data under DATA_DIR', async (t) => {
  const dataDir = await tempDir(t)
  const dbs = await startDatabases(configWith({ DATA_DIR: dataDir, MONGOD_BINARY: undefined }), silent)
  t.teardown(dbs.close)
  t.match(dbs.config.DATABASE_URL, /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres/)
  t.match(dbs.config.MONGODB_URL, /^mongodb:\/\/127\.0\.0\.1:\d+/)
  t.equal(dbs.config.POSTGRES_POOL_MAX, 1, 'PGlite runs one query at a time')
  await bothAnswer(t, dbs.config)
})

t.test('configured URLs are used as they are; nothing is started', async (t) => {
  const config = configWith({ DATABASE_URL: 'postgres://db.example:5432/app', MONGODB_URL: 'mongodb://mongo.example:27017' })
  const dbs = await startDatabases(config, silent)
  t.equal(dbs.config.DATABASE_URL, 'postgres://db.example:5432/app')
  t.equal(dbs.config.MONGODB_URL, 'mongodb://mongo.example:27017')
  await dbs.close()
})

t.test('a mongod named by MONGOD_BINARY is preferred over the embedded store', async (t) => {
  const dir = await tempDir(t)
  const dataDir = await tempDir(t)
  // A stand-in `mongod` that speaks mongod's command line and runs the embedded store.
  const fake = join(dir, 'mongod')
  await writeFile(fake, `#!/bin/sh
while [ $# -gt 0 ]; do case "$1" in --port) port=$2; shift 2;; --dbpath) dbpath=$2; shift 2;; *) shift;; esac; done
exec "${process.execPath}" --import tsx "${storeCli}" --port "$port" --data-dir "$dbpath" --quiet
`)
  await chmod(fake, 0o755)
  const dbs = await startDatabases(configWith({ DATA_DIR: dataDir, MONGOD_BINARY: fake, DATABASE_URL: 'postgres://unused.example/db' }), silent)
  t.teardown(dbs.close)
  const client = new MongoClient(dbs.config.MONGODB_URL!)
  t.match(await client.db('admin').command({ ping: 1 }), { ok: 1 })
  await client.close()
})

t.test('findMongod: explicit binary, then PATH, else undefined', async (t) => {
  t.equal(findMongod('/opt/mongo/bin/mongod'), '/opt/mongo/bin/mongod')
  const dir = await tempDir(t)
  await writeFile(join(dir, 'mongod'), '#!/bin/sh\n')
  await chmod(join(dir, 'mongod'), 0o755)
  const before = process.env.PATH
  t.teardown(() => { process.env.PATH = before })
  process.env.PATH = `/nonexistent:${dir}`
  t.equal(findMongod(), join(dir, 'mongod'))
  process.env.PATH = '/nonexistent'
  t.equal(findMongod(), undefined)
})
