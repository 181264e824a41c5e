import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import t, { type Test } from 'tap'
import { MongoClient } from 'mongodb'
import pg from 'pg'
import { pino } from 'pino'
import { configWith } from '../../src/config.js'
import { startDatabases } from '../../src/embedded/databases.js'
import { findMongod } from '../../src/embedded/mongod.js'

const silent = pino({ level: 'silent' })
const storeCli = new URL('../../src/embedded/mongo/cli.ts', import.meta.url).pathname
const serverEntry = new URL('../../src/server.ts', import.meta.url).pathname

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

// One DATA_DIR for every start below: only the first pays for PGlite's initdb.
const sharedDataDir = await mkdtemp(join(tmpdir(), 'workout-dbs-'))
t.teardown(() => rm(sharedDataDir, { recursive: true, force: true }))

/** The directory of the Unix sockets a URL of the database process names. */
function socketDirOf (url: string): string {
  const host = decodeURIComponent(/^\w+:\/\/(?:[^@/]*@)?([^/]+)\//.exec(url)![1])
  return host.endsWith('.sock') ? dirname(host) : host
}

t.test('with no URLs: embedded PGlite and the embedded store, data under DATA_DIR, on Unix sockets only this user can reach', async (t) => {
  const dbs = await startDatabases(configWith({ DATA_DIR: sharedDataDir, MONGOD_BINARY: undefined }), silent)
  t.teardown(dbs.close)
  t.match(dbs.config.DATABASE_URL, /^postgres:\/\/postgres@%2F[^/]+\/postgres/)
  t.match(dbs.config.MONGODB_URL, /^mongodb:\/\/%2F[^/]+mongodb-27017\.sock\//)
  t.equal(dbs.config.POSTGRES_POOL_MAX, 1, 'PGlite runs one query at a time')
  const socketDir = socketDirOf(dbs.config.DATABASE_URL!)
  t.equal(socketDirOf(dbs.config.MONGODB_URL!), socketDir, 'one directory for both sockets')
  t.equal((await stat(socketDir)).mode & 0o777, 0o700)
  await bothAnswer(t, dbs.config)
  await dbs.close()
  t.notOk(existsSync(socketDir), 'the directory is removed on close')
})

t.test('where a socket path would be too long, TCP on 127.0.0.1', async (t) => {
  const longTmp = join(await tempDir(t), 'x'.repeat(100))
  await mkdir(longTmp)
  const before = process.env.TMPDIR
  t.teardown(() => { if (before === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = before })
  process.env.TMPDIR = longTmp
  const dbs = await startDatabases(configWith({ DATA_DIR: sharedDataDir, MONGOD_BINARY: undefined }), silent)
  t.teardown(dbs.close)
  t.match(dbs.config.DATABASE_URL, /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres/)
  t.match(dbs.config.MONGODB_URL, /^mongodb:\/\/127\.0\.0\.1:\d+/)
  await bothAnswer(t, dbs.config)
  t.same((await readdir(longTmp)).filter((name) => name.startsWith('workout-db-')), [], 'the socket directory tried is not left behind')
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

type LogLine = Record<string, unknown> & { msg?: string, pid?: number, component?: string }

/** `src/server.ts` with the embedded defaults, its pino lines (its own and the database process's), and the port it listens on. */
async function startServer (t: Test) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: sharedDataDir, HOST: '127.0.0.1', PORT: '0', METRICS_PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'development', SEED_EXERCISES: 'false' }
  for (const key of ['DATABASE_URL', 'POSTGRES_HOST', 'MONGODB_URL', 'MONGODB_HOST', 'MONGOD_BINARY']) delete env[key]
  const server = spawn(process.execPath, ['--import', 'tsx', serverEntry], { env, stdio: ['ignore', 'pipe', 'inherit'] })
  const lines: LogLine[] = []
  const exited = once(server, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
  const output = createInterface({ input: server.stdout })
  // Both processes write to this pipe: it ends once neither is alive.
  const outputEnded = once(output, 'close')
  const port = await new Promise<number>((resolve, reject) => {
    output.on('line', (text) => {
      try { lines.push(JSON.parse(text) as LogLine) } catch { return }
      const line = lines.at(-1)!
      const listening = /^Server listening at http:\/\/127\.0\.0\.1:(\d+)$/.exec(line.msg ?? '')
      if (listening && line.listener === undefined) resolve(Number(listening[1]))
    })
    exited.then(([code]) => reject(new Error(`server exited with ${code} before listening`)), reject)
  })
  const databasePid = lines.find((line) => typeof line.databasePid === 'number')?.databasePid as number | undefined
  t.teardown(() => {
    server.kill('SIGKILL')
    try { if (databasePid) process.kill(databasePid, 'SIGKILL') } catch {}
  })
  return { server, port, databasePid, lines, exited, outputEnded }
}

t.test('npm start: the embedded databases run in a process of their own; SIGTERM stops both', async (t) => {
  const { server, port, databasePid, lines, exited, outputEnded } = await startServer(t)
  t.ok(databasePid)
  t.not(databasePid, server.pid, 'PGlite and the store run outside the server process')
  const ready = await fetch(`http://127.0.0.1:${port}/api/health/ready`)
  t.equal(ready.status, 200, 'the server reaches both databases')

  server.kill('SIGTERM')
  t.same((await exited)[0], 0, 'graceful exit')
  await outputEnded
  t.ok(lines.some((line) => line.pid === databasePid && line.component === 'embedded-databases'), 'its pino lines come out on the same stdout, marked with the component')
  const closed = lines.findIndex((line) => line.msg === 'embedded databases: closed')
  t.ok(closed > lines.findIndex((line) => line.msg === 'shutting down gracefully'), 'the databases closed after the app')
})

t.test('a SIGKILLed parent leaves no database process behind', async (t) => {
  // Only the store (Postgres is "configured"), in a bare parent: the mechanism without the app's start-up cost.
  const script = `
    const { startDatabases } = await import(${JSON.stringify(new URL('../../src/embedded/databases.ts', import.meta.url).pathname)})
    const { configWith } = await import(${JSON.stringify(new URL('../../src/config.ts', import.meta.url).pathname)})
    const { pino } = await import('pino')
    await startDatabases(configWith({ DATA_DIR: ${JSON.stringify(sharedDataDir)}, DATABASE_URL: 'postgres://unused.example/db', MONGOD_BINARY: undefined }), pino())
    setInterval(() => {}, 60_000)`
  const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  t.teardown(() => { parent.kill('SIGKILL') })
  const output = createInterface({ input: parent.stdout })
  const ended = once(output, 'close')
  const lines: LogLine[] = []
  await new Promise<void>((resolve) => {
    output.on('line', (text) => {
      lines.push(JSON.parse(text) as LogLine)
      if (lines.at(-1)!.msg?.startsWith('mongodb: embedded')) resolve()
    })
  })
  const databasePid = lines.at(-1)!.databasePid
  t.not(databasePid, parent.pid)
  parent.kill('SIGKILL')
  // Both processes write to this pipe: it ends once neither is alive.
  await ended
  const own = lines.filter((line) => line.pid === databasePid)
  t.ok(own.some((line) => line.reason === 'the server process is gone'), 'the database process noticed')
  t.equal(own.at(-1)?.msg, 'embedded databases: closed', 'and closed its databases before exiting')
  const url = own.find((line) => line.msg === 'embedded mongo: listening')?.url as string
  t.notOk(existsSync(socketDirOf(url)), 'and removed its socket directory')
})

t.test('when the database process dies, the server shuts down with exit code 1', async (t) => {
  const { databasePid, lines, exited, outputEnded } = await startServer(t)
  process.kill(databasePid!, 'SIGKILL')
  t.equal((await exited)[0], 1)
  await outputEnded
  const failure = lines.find((line) => line.msg === 'shutting down after an error')
  t.match(failure?.err, { message: /embedded database process \d+ died: killed by SIGKILL/ })
})
