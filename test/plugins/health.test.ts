import t from 'tap'
import { build } from '../helpers/build.js'

t.test('liveness answers without touching a database', async (t) => {
  const app = await build(t)
  const res = await app.inject('/api/health')
  t.equal(res.statusCode, 200)
  t.match(res.json(), { status: 'ok', uptime_seconds: Number })
  t.notOk(res.json().checks)
})

t.test('readiness pings both databases', async (t) => {
  const app = await build(t)
  const res = await app.inject('/api/health/ready')
  t.equal(res.statusCode, 200)
  t.same(res.json().checks, { postgres: 'ok', mongodb: 'ok' })
})

t.test('readiness answers 503 naming the database that fails, and which still answer', async (t) => {
  const app = await build(t)
  await app.mongo.client.close()
  const res = await app.inject('/api/health/ready')
  t.equal(res.statusCode, 503)
  t.match(res.json(), {
    statusCode: 503,
    error: 'Service Unavailable',
    code: 'NOT_READY',
    message: 'mongodb not reachable',
    details: [{ field: 'mongodb', message: 'not reachable' }, { field: 'postgres', message: 'ok' }]
  })
})

t.test('health routes work with a trailing slash', async (t) => {
  const app = await build(t)
  t.equal((await app.inject('/api/health/')).statusCode, 200)
})
