import t from 'tap'
import net from 'node:net'
import pg from 'pg'
import { build as buildApp } from '../../src/app.js'
import { startEmbeddedMongo } from '../../src/embedded/mongo/index.js'
import { dropIsolation, isolatedConfig } from '../helpers/isolation.js'
import { register } from '../modules/auth/fixtures.js'
import { assertFailedFast, assertWholeOrNone, FAULT_CONFIG, recoveredAfter, startLoad, until } from '../helpers/faults.js'

// The real server (PGlite has no network to cut): DATABASE_URL when set, else the one CI and this machine run.
const target = new URL(process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test')

/**
 * A TCP proxy in front of the real server. `cut()` destroys every connection and then accepts new
 * ones without ever answering: a host that vanished behind a firewall, the case where only the
 * timeouts help (a refused connection fails faster still). `restore()` forwards again.
 */
class CuttableProxy {
  readonly #sockets = new Set<net.Socket>()
  #forwarding = true
  readonly #server = net.createServer((client) => {
    this.#track(client)
    if (!this.#forwarding) return
    const upstream = this.#track(net.connect(Number(target.port || 5432), target.hostname))
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
    client.pipe(upstream).pipe(client)
  })

  #track (socket: net.Socket): net.Socket {
    this.#sockets.add(socket)
    socket.on('close', () => this.#sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    return socket
  }

  async listen (): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve))
    const url = new URL(target)
    url.host = `127.0.0.1:${(this.#server.address() as net.AddressInfo).port}`
    return url.toString()
  }

  cut (): void { this.#forwarding = false; this.#dropAll() }
  restore (): void { this.#forwarding = true; this.#dropAll() }
  #dropAll (): void { for (const socket of this.#sockets) socket.destroy() }
  close (): Promise<void> {
    this.#dropAll()
    return new Promise((resolve) => this.#server.close(() => resolve()))
  }
}

async function serverAnswers (): Promise<string | false> {
  const client = new pg.Client({ connectionString: target.toString(), connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    await client.end()
    return false
  } catch (error) {
    return `no PostgreSQL server at ${target.host} (${(error as Error).message}); the fault test needs a real one`
  }
}

t.test('PostgreSQL cut mid-load: fast 503s, readiness names it, recovery without a restart', { skip: await serverAnswers() }, async (t) => {
  const proxy = new CuttableProxy()
  const mongo = await startEmbeddedMongo()
  const config = isolatedConfig(
    { kind: 'real PostgreSQL through a proxy', postgresUrl: await proxy.listen(), mongoUrl: mongo.url, embeddedPostgres: false },
    FAULT_CONFIG
  )
  const app = await buildApp(config)
  t.teardown(async () => {
    await app.close()
    proxy.restore()
    await dropIsolation(config)
    await proxy.close()
    await mongo.close()
  })
  await app.ready()

  const user = await register(app)
  const reads = [{ url: '/api/auth/me', headers: user.headers }]
  // Fewer callers than pooled connections, the pool filled first: some connections sit idle when the
  // cut comes, and pg-pool reports their loss as an 'error' event (fatal when nobody listens).
  await Promise.all(Array.from({ length: config.POSTGRES_POOL_MAX }, () => app.pg.query('SELECT pg_sleep(0.05)')))
  const load = startLoad(app, reads, 3)
  await until('load under way', () => load.answers.filter((a) => a.status === 200).length >= 10)

  proxy.cut()
  const cutAt = Date.now()
  await until('requests fail with 503', () => load.answers.some((a) => a.startedAt >= cutAt && a.status === 503))

  const ready = await app.inject('/api/health/ready')
  t.equal(ready.statusCode, 503, 'not ready')
  t.same(ready.json().details, [{ field: 'postgres', message: 'not reachable' }, { field: 'mongodb', message: 'ok' }])
  t.equal((await app.inject('/api/health')).statusCode, 200, 'still alive')
  await until('a few rounds of the outage', () => load.answers.filter((a) => a.startedAt >= cutAt).length >= 30)

  proxy.restore()
  const restoredAt = Date.now()
  await until('requests succeed again', () => load.answers.some((a) => a.startedAt >= restoredAt && a.status === 200))
  await load.stop()
  t.equal((await app.inject('/api/health/ready')).statusCode, 200, 'ready again, same process')
  t.equal((await app.inject({ url: '/api/auth/me', headers: user.headers })).statusCode, 200)

  const slowest = assertFailedFast(t, load.answers)
  const outcome = await assertWholeOrNone(t, app, load.registered())
  const { rows } = await app.pg.query<{ id: number }>('SELECT id FROM users')
  const profiles = await app.mongo.db!.collection('profiles').find({}, { projection: { user_id: 1 } }).toArray()
  const userIds = new Set(rows.map((row) => row.id))
  t.same(profiles.filter((p) => !userIds.has(p.user_id as number)), [], 'no profile outlived its account')
  t.comment(`answers: ${load.answers.length}, slowest ${slowest} ms; first success ${recoveredAfter(load.answers, restoredAt)} ms after the database was back; registers: ${outcome.whole} whole, ${outcome.none} undone`)
})
