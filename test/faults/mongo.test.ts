import t from 'tap'
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build as buildApp } from '../../src/app.js'
import { testDatabases } from '../helpers/databases.js'
import { dropIsolation, isolatedConfig } from '../helpers/isolation.js'
import { login, register } from '../modules/auth/fixtures.js'
import { assertFailedFast, assertWholeOrNone, FAULT_CONFIG, recoveredAfter, startLoad, until } from '../helpers/faults.js'

const cli = fileURLToPath(new URL('../../src/embedded/mongo/cli.ts', import.meta.url))
const dataDir = mkdtempSync(join(tmpdir(), 'fault-mongo-'))
t.teardown(() => rmSync(dataDir, { recursive: true, force: true }))

/** The standalone embedded store as a child process (as in test/embedded/mongo/crash.test.ts), on `port` (0: any). */
async function startStore (port: number): Promise<{ child: ChildProcess, url: string }> {
  const env = { ...process.env, NODE_OPTIONS: '' }
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', String(port), '--data-dir', dataDir, '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'], env })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('\n')) resolve(out.split('\n')[0].trim())
    })
    child.once('exit', (code) => reject(new Error(`store exited early with ${String(code)}`)))
  })
  return { child, url }
}

async function kill (child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
}

t.test('MongoDB killed mid-load: fast 503s, readiness names it, recovery without a restart', async (t) => {
  let store = await startStore(0)
  const port = Number(new URL(store.url).port)
  const { postgresUrl, embeddedPostgres } = await testDatabases()
  const config = isolatedConfig({ kind: 'standalone store', postgresUrl, mongoUrl: store.url, embeddedPostgres }, FAULT_CONFIG)
  const app = await buildApp(config)
  t.teardown(async () => {
    await app.close()
    await dropIsolation(config)
    await kill(store.child)
  })
  await app.ready()

  const user = await register(app)
  const leaving = await register(app)
  const reads = [{ url: '/api/auth/me', headers: user.headers }, { url: '/api/workouts', headers: user.headers }]
  const load = startLoad(app, reads)
  await until('load under way', () => load.answers.filter((a) => a.status === 200).length >= 10)

  await kill(store.child)
  const killedAt = Date.now()
  await until('requests fail with 503', () => load.answers.some((a) => a.startedAt >= killedAt && a.status === 503))

  const ready = await app.inject('/api/health/ready')
  t.equal(ready.statusCode, 503, 'not ready')
  t.same(ready.json().details, [{ field: 'mongodb', message: 'not reachable' }, { field: 'postgres', message: 'ok' }])
  t.equal((await app.inject('/api/health')).statusCode, 200, 'still alive')
  const deletion = await app.inject({ method: 'DELETE', url: '/api/auth/me', headers: leaving.headers })
  t.equal(deletion.statusCode, 503, 'account deletion cannot finish without MongoDB')
  t.equal((await login(app, leaving.username)).statusCode, 200, '… and leaves the account in place')
  await until('a few rounds of the outage', () => load.answers.filter((a) => a.startedAt >= killedAt).length >= 30)

  store = await startStore(port)
  const restartedAt = Date.now()
  await until('requests succeed again', () => load.answers.some((a) => a.startedAt >= restartedAt && a.status === 200))
  await load.stop()
  t.equal((await app.inject('/api/health/ready')).statusCode, 200, 'ready again, same process')
  t.equal((await app.inject({ url: '/api/auth/me', headers: user.headers })).statusCode, 200)
  t.equal((await app.inject({ method: 'DELETE', url: '/api/auth/me', headers: leaving.headers })).statusCode, 204, 'the repeated deletion finishes')
  t.equal((await login(app, leaving.username)).statusCode, 401, 'and the account is gone')

  const slowest = assertFailedFast(t, load.answers)
  const outcome = await assertWholeOrNone(t, app, load.registered())
  t.comment(`answers: ${load.answers.length}, slowest ${slowest} ms; first success ${recoveredAfter(load.answers, restartedAt)} ms after the database was back; registers: ${outcome.whole} whole, ${outcome.none} undone`)
})
