import fp from 'fastify-plugin'
import fastifyMetrics from 'fastify-metrics'
import promClient, { Counter, Gauge, Histogram, Registry } from 'prom-client'
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import type { Config } from '../config.js'

/** The limiters that answer 429, as `limiter` label values. */
const LIMITERS = ['ip', 'expensive_rate', 'expensive_concurrency'] as const

export interface AppMetrics {
  /** This app's own registry: several apps in one process (tests, bench) never share a metric. */
  registry: Registry
  rateLimited: Counter<'limiter'>
  shed: Counter
  /** Serves GET /metrics; server.ts listens it on METRICS_PORT. Null when METRICS_ENABLED is false. */
  server: FastifyInstance | null
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Counters the limiters move; registered nowhere with metrics off, absent on bare test instances. */
    appMetrics?: AppMetrics
  }
}

// Prometheus' own default buckets, in seconds: 5 ms … 10 s.
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** Postgres pool use, read from fastify.pg's `pg` Pool at scrape time. */
function poolGauges (fastify: FastifyInstance, registry: Registry): void {
  const pool = () => fastify.hasDecorator('pg') ? fastify.pg.pool : null
  const gauge = (name: string, help: string, read: (p: NonNullable<ReturnType<typeof pool>>) => number) => new Gauge({
    name,
    help,
    registers: [registry],
    collect () {
      const current = pool()
      if (current) this.set(read(current))
    }
  })
  gauge('pg_pool_connections', 'Open connections in the Postgres pool', (p) => p.totalCount)
  gauge('pg_pool_idle_connections', 'Idle connections in the Postgres pool', (p) => p.idleCount)
  gauge('pg_pool_waiting_clients', 'Queries waiting for a Postgres pool connection', (p) => p.waitingCount)
  gauge('pg_pool_max_connections', 'Size limit of the Postgres pool (POSTGRES_POOL_MAX)', (p) => p.options.max)
}

// What fastify-metrics left out by default: these methods are answered, not timed.
const UNTIMED = new Set(['HEAD', 'OPTIONS', 'TRACE', 'CONNECT'])
const UNKNOWN_ROUTE = '__unknown__'

/**
 * `http_request_duration_seconds{method, route, status_code}` as fastify-metrics recorded it (route
 * pattern, `__unknown__` for URLs no route matches), from Fastify's own timing of the reply, with one
 * labels object per route, method and status kept rather than built per request.
 */
function routeDurations (fastify: FastifyInstance, registry: Registry): void {
  const histogram = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'request duration in seconds',
    labelNames: ['method', 'route', 'status_code'],
    buckets: DURATION_BUCKETS,
    registers: [registry]
  })
  const labelSets = new Map<string, Map<string, Map<number, { method: string, route: string, status_code: number }>>>()
  const labelsOf = (route: string, method: string, status: number) => {
    const byMethod = labelSets.get(route) ?? labelSets.set(route, new Map()).get(route)!
    const byStatus = byMethod.get(method) ?? byMethod.set(method, new Map()).get(method)!
    return byStatus.get(status) ?? byStatus.set(status, Object.freeze({ method, route, status_code: status })).get(status)!
  }
  fastify.addHook('onResponse', (request, reply, done) => {
    if (!UNTIMED.has(request.method)) {
      const route = request.is404 ? UNKNOWN_ROUTE : request.routeOptions.url ?? UNKNOWN_ROUTE
      histogram.observe(labelsOf(route, request.method, reply.statusCode), reply.elapsedTime / 1000)
    }
    done()
  })
}

/** The listener on METRICS_PORT: GET /metrics and nothing else, never logged per request. */
function metricsServer (fastify: FastifyInstance, registry: Registry): FastifyInstance {
  const server = Fastify({
    loggerInstance: fastify.log.child({ listener: 'metrics' }),
    logController: new LogController({ disableRequestLogging: true })
  })
  server.get('/metrics', async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()))
  return server
}

/**
 * Prometheus metrics (https://github.com/SkeLLLa/fastify-metrics over prom-client): request
 * duration by route pattern and status, requests in flight, Node's process metrics (event-loop
 * lag, heap, GC), pool use and limiter counts. Served on a separate listener (METRICS_PORT),
 * never on the public port. Registered before the limiters so their 429/503 answers are timed too.
 */
async function metricsPlugin (fastify: FastifyInstance, { config }: { config: Config }) {
  const registry = new Registry()
  const registers = config.METRICS_ENABLED ? [registry] : []
  const appMetrics: AppMetrics = {
    registry,
    rateLimited: new Counter({ name: 'http_rate_limited_total', help: 'Requests refused with 429, by limiter', labelNames: ['limiter'], registers }),
    shed: new Counter({ name: 'http_requests_shed_total', help: 'Requests shed with 503 under overload', registers }),
    server: null
  }
  // Every limiter's series exists from the start, so a rate() over it is defined before the first 429.
  for (const limiter of LIMITERS) appMetrics.rateLimited.inc({ limiter }, 0)
  fastify.decorate('appMetrics', appMetrics)
  if (!config.METRICS_ENABLED) return

  // A CommonJS module: its plugin is the `default` export. Used for Node's process metrics only: its
  // per-route timers (a WeakMap entry, two timer closures, four request.routeOptions copies and a
  // labels object per request) cost ~5% of a cached read; the same histogram is recorded below.
  await fastify.register(fastifyMetrics.default, {
    name: 'routeMetrics',
    promClient,
    endpoint: null,
    defaultMetrics: { enabled: true, register: registry },
    routeMetrics: { enabled: false }
  })
  routeDurations(fastify, registry)
  let inFlight = 0
  const inFlightGauge = new Gauge({ name: 'http_requests_in_flight', help: 'Requests received and not yet answered', registers: [], collect () { this.set(inFlight) } })
  registry.registerMetric(inFlightGauge)
  // 'close' fires once whether the response finished or the client went away; one shared listener, no closure per request.
  const closed = () => { inFlight -= 1 }
  fastify.addHook('onRequest', (request, reply, done) => {
    inFlight += 1
    reply.raw.on('close', closed)
    done()
  })
  poolGauges(fastify, registry)

  appMetrics.server = metricsServer(fastify, registry)
  const server = appMetrics.server
  fastify.addHook('onClose', async () => { await server.close() })
}

export default fp(metricsPlugin, { name: 'metrics' })
