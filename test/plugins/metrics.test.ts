import Fastify from 'fastify'
import { pino } from 'pino'
import t from 'tap'
import { configWith } from '../../src/config.js'
import { loggerOptions } from '../../src/logger.js'
import { parseTraceparent } from '../../src/lib/trace-context.js'
import loadShedding from '../../src/plugins/load-shedding.js'
import metrics from '../../src/plugins/metrics.js'
import { build } from '../helpers/build.js'
import { createUser } from '../helpers/users.js'
import { parsePrometheusText, valueOf, type Sample } from '../helpers/prometheus.js'

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736'
const PARENT_ID = '00f067aa0ba902b7'

/** The app with its log lines captured, and a scrape of its metrics listener (started on a free port). */
async function instrumentedApp () {
  const lines: Array<Record<string, unknown>> = []
  const logger = pino({ ...loggerOptions({ LOG_LEVEL: 'info' }), transport: undefined }, { write: (line: string) => { lines.push(JSON.parse(line)) } })
  const app = await build(t, { RATE_LIMIT_MAX: 50, EXPENSIVE_RATE_LIMIT_MAX: 1 }, { logger })
  const server = app.appMetrics!.server!
  await server.listen({ host: '127.0.0.1', port: 0 })
  const address = server.server.address()
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address')
  const scrape = async () => {
    const res = await fetch(`http://127.0.0.1:${address.port}/metrics`)
    const text = await res.text()
    return { res, text, samples: parsePrometheusText(text) }
  }
  return { app, lines, scrape }
}

const { app, lines, scrape } = await instrumentedApp()
const user = await createUser(app)

t.test('/metrics is Prometheus text on its own port, not on the public one', async (t) => {
  await app.inject('/api/health')
  const { res, samples } = await scrape()
  t.equal(res.status, 200)
  t.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/)
  const names = new Set(samples.map((sample) => sample.name.replace(/_(bucket|sum|count)$/, '')))
  for (const name of ['http_request_duration_seconds', 'http_requests_in_flight', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes',
    'pg_pool_connections', 'pg_pool_idle_connections', 'pg_pool_waiting_clients', 'pg_pool_max_connections',
    'mongodb_pool_events_total', 'mongodb_pool_checked_out_connections', 'http_rate_limited_total', 'http_requests_shed_total']) {
    t.ok(names.has(name), name)
  }
  t.equal((await app.inject('/metrics')).statusCode, 404, 'the public port has no /metrics')
  t.equal((await app.inject('/api/metrics')).statusCode, 404)
})

t.test('request durations are counted by route pattern and status; in-flight returns to zero', async (t) => {
  const route = { method: 'GET', route: '/api/exercises/:id', status_code: '404' }
  const before = valueOf((await scrape()).samples, 'http_request_duration_seconds_count', route) ?? 0
  const ids = ['5f0c9a1b2c3d4e5f60718293', '5f0c9a1b2c3d4e5f60718294', '5f0c9a1b2c3d4e5f60718295']
  for (const id of ids) t.equal((await app.inject({ url: `/api/exercises/${id}`, headers: user.headers })).statusCode, 404)
  await app.inject('/no/such/path/5f0c9a1b2c3d4e5f60718293')
  const { text, samples } = await scrape()
  t.equal(valueOf(samples, 'http_request_duration_seconds_count', route), before + 3, 'three more 404s on the pattern')
  t.notMatch(text, /5f0c9a1b2c3d4e5f6071829/, 'no raw id in any label')
  t.ok((valueOf(samples, 'http_request_duration_seconds_count', { route: '__unknown__', status_code: '404' }) ?? 0) >= 1, 'unknown URLs share one label')
  t.equal(valueOf(samples, 'http_requests_in_flight'), 0)
})

t.test('pool metrics follow the Postgres pool and the MongoDB driver', async (t) => {
  const before = (await scrape()).samples
  await app.inject({ url: '/api/exercises', headers: user.headers })
  const after = (await scrape()).samples
  t.ok(valueOf(after, 'pg_pool_connections')! >= 1, 'Postgres connections open')
  t.equal(valueOf(after, 'pg_pool_max_connections'), app.pg.pool.options.max)
  t.ok(valueOf(after, 'mongodb_pool_events_total', { event: 'pool_created' })! >= 1, 'pool created')
  const checkedOut = (f: Sample[]) => valueOf(f, 'mongodb_pool_events_total', { event: 'checked_out' })!
  t.ok(checkedOut(after) > checkedOut(before), 'a Mongo query checks a connection out')
  t.equal(valueOf(after, 'mongodb_pool_checked_out_connections'), 0, 'and back in')
})

t.test('429s are counted by limiter', async (t) => {
  const limited = (f: Sample[], limiter: string) => valueOf(f, 'http_rate_limited_total', { limiter }) ?? 0
  const before = (await scrape()).samples
  const statuses = []
  for (let i = 0; i < 52; i++) statuses.push((await app.inject({ url: '/api/exercises', headers: user.headers, remoteAddress: '10.9.8.7' })).statusCode)
  for (let i = 0; i < 2; i++) await app.inject({ url: '/api/stats/progress', headers: user.headers })
  const after = (await scrape()).samples
  t.equal(statuses.filter((s) => s === 429).length, 2)
  t.equal(limited(after, 'ip') - limited(before, 'ip'), 2, 'per-IP limit (@fastify/rate-limit)')
  t.equal(limited(after, 'expensive_rate') - limited(before, 'expensive_rate'), 1, 'expensive-route limit (fairness)')
})

t.test('shed requests are counted', async (t) => {
  const bare = Fastify()
  const config = configWith({ SHED_LATENCY_MS: 2, SHED_EVENT_LOOP_DELAY_MS: 0 })
  await bare.register(metrics, { config })
  await bare.register(loadShedding, { config, sampleIntervalMs: 1 })
  let release = () => {}
  bare.get('/slow', async () => { const until = Date.now() + 10; while (Date.now() < until); return 'ok' })
  bare.get('/hang', () => new Promise((resolve) => { release = () => resolve('ok') }))
  await bare.ready()
  t.teardown(() => bare.close())
  const inFlight = async () => (await bare.appMetrics!.registry.getSingleMetric('http_requests_in_flight')!.get()).values[0].value
  const hanging = bare.inject('/hang')
  await new Promise((resolve) => setImmediate(resolve))
  t.equal(await inFlight(), 1, 'a request in progress is in flight')
  release()
  await hanging
  t.equal(await inFlight(), 0)

  // Slow requests until the sampler has rolled their median latency (10 ms, five times the limit)
  // into effect and some are shed; bounded, so a broken counter fails instead of hanging.
  const statuses: number[] = []
  const deadline = Date.now() + 5000
  while (!statuses.includes(503) && Date.now() < deadline) {
    statuses.push((await bare.inject('/slow')).statusCode)
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
  const shed = (await bare.appMetrics!.registry.getSingleMetric('http_requests_shed_total')!.get()).values[0].value
  t.ok(shed > 0, `some shed (${shed})`)
  t.equal(shed, statuses.filter((s) => s === 503).length, 'one count per 503')
})

t.test('with METRICS_ENABLED=false nothing is collected or served', async (t) => {
  const bare = Fastify()
  await bare.register(metrics, { config: configWith({ METRICS_ENABLED: false }) })
  bare.get('/x', async () => 'x')
  await bare.ready()
  t.teardown(() => bare.close())
  await bare.inject('/x')
  t.equal(bare.appMetrics!.server, null)
  t.same(await bare.appMetrics!.registry.getMetricsAsJSON(), [])
})

t.test('a valid traceparent: its trace id is in every log line of the request and in the response', async (t) => {
  lines.length = 0
  const res = await app.inject({ url: '/api/exercises/not-an-id', headers: { ...user.headers, traceparent: `00-${TRACE_ID}-${PARENT_ID}-01`, 'x-request-id': 'trace-test-1' } })
  t.equal(res.statusCode, 400)
  const ours = parseTraceparent(res.headers.traceparent as string)
  t.equal(ours?.traceId, TRACE_ID, 'same trace')
  t.not(ours?.parentId, PARENT_ID, 'our own span id')
  t.equal(ours?.flags, '01', 'sampling decision passed on')
  t.equal(res.headers['x-request-id'], 'trace-test-1', 'request id still echoed')
  const requestLines = lines.filter((line) => line.reqId === 'trace-test-1')
  t.ok(requestLines.length >= 2, `the error and the request line (${requestLines.length})`)
  t.same(requestLines.filter((line) => line.traceId !== TRACE_ID || line.spanId !== ours?.parentId), [], 'every line carries trace and span id')
})

t.test('an invalid traceparent starts a new trace', async (t) => {
  const invalid = [
    'garbage', `01-${TRACE_ID}`, `ff-${TRACE_ID}-${PARENT_ID}-01`, `00-${TRACE_ID.toUpperCase()}-${PARENT_ID}-01`,
    `00-${'0'.repeat(32)}-${PARENT_ID}-01`, `00-${TRACE_ID}-${'0'.repeat(16)}-01`, `00-${TRACE_ID}-${PARENT_ID}-01-extra`, `00-${TRACE_ID}-${PARENT_ID}-1`
  ]
  for (const header of invalid) {
    lines.length = 0
    const res = await app.inject({ url: '/api/health', headers: { traceparent: header } })
    const ours = parseTraceparent(res.headers.traceparent as string)
    t.ok(ours && ours.traceId !== TRACE_ID, `${header} → new trace ${ours?.traceId}`)
    t.equal(ours?.flags, '00', 'not sampled')
    t.equal(lines.find((line) => line.msg === 'request completed')?.traceId, ours?.traceId, 'logged with the new trace id')
  }
  t.equal(parseTraceparent(`cc-${TRACE_ID}-${PARENT_ID}-01-future`)?.traceId, TRACE_ID, 'a later version is read by its first four fields')
  const none = await app.inject('/api/health')
  t.match(none.headers.traceparent, /^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/, 'no header: a new trace too')
})
