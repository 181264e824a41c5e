import fp from 'fastify-plugin'
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import type { ErrorResponseType } from '../schemas/common.js'
import { PeriodicWarning } from '../lib/periodic-warning.js'
import { skipRequestLog } from './request-log.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Never shed (the probes): an overloaded pod must not look dead or unready because of it. */
    neverShed?: boolean
  }
}

/** Never more than this share is shed, so some requests are always served and the load is measured. */
export const MAX_SHED_SHARE = 0.9
const RETRY_AFTER_SECONDS = 5

const SHED_BODY: ErrorResponseType = {
  statusCode: 503,
  error: 'Service Unavailable',
  code: 'OVERLOADED',
  message: 'The service is overloaded; retry later.'
}

/** The share of requests to shed for a measure over its limit: what would bring it back to the limit. */
export function shedShare (measured: number, limit: number): number {
  return limit <= 0 || measured <= limit ? 0 : Math.min(MAX_SHED_SHARE, 1 - limit / measured)
}

/** The median of the request latencies recorded in the last period (halved when none were). */
class MedianLatency {
  #samples: number[] = []
  median = 0
  record (ms: number): void {
    this.#samples.push(ms)
  }

  roll (): void {
    const sorted = this.#samples.sort((a, b) => a - b)
    this.median = sorted.length > 0 ? sorted[Math.floor(sorted.length / 2)] : this.median / 2
    this.#samples = []
  }
}

export interface LoadSheddingOptions {
  config: Config
  /** How often the signals are sampled, and how often shed requests are reported (tests shorten both). */
  sampleIntervalMs?: number
  reportEveryMs?: number
}

/**
 * Sheds a share of requests with 503 + Retry-After while the process is overloaded, by either
 * signal: the mean event-loop delay over SHED_EVENT_LOOP_DELAY_MS (CPU-bound work), or the median
 * request latency over SHED_LATENCY_MS (requests queueing, e.g. on the databases). The share rises
 * with the overshoot and falls as it recovers, so the service keeps serving what it can while the
 * load lasts. Probes are never shed. Rejections are counted into one warning per 10 s.
 */
async function loadSheddingPlugin (fastify: FastifyInstance, { config, sampleIntervalMs = 1000, reportEveryMs = 10_000 }: LoadSheddingOptions) {
  if (config.SHED_EVENT_LOOP_DELAY_MS === 0 && config.SHED_LATENCY_MS === 0) return

  // https://github.com/fastify/under-pressure — used for its event-loop delay sample only
  // (no limits given, so it adds no hook); the decision per request is made below.
  await fastify.register(underPressure, { sampleInterval: sampleIntervalMs })
  const latency = new MedianLatency()
  const sampler = setInterval(() => latency.roll(), sampleIntervalMs).unref()
  const report = new PeriodicWarning(fastify.log, 'load shedding: requests answered 503', reportEveryMs)
  fastify.addHook('onClose', async () => {
    clearInterval(sampler)
    report.stop()
  })

  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config.neverShed) return done()
    const delay = fastify.memoryUsage().eventLoopDelay
    const share = Math.max(shedShare(delay, config.SHED_EVENT_LOOP_DELAY_MS), shedShare(latency.median, config.SHED_LATENCY_MS))
    if (share === 0 || Math.random() >= share) return done()
    report.add('shed')
    fastify.appMetrics?.shed.inc()
    report.max('eventLoopDelayMs', Math.round(delay))
    report.max('medianLatencyMs', Math.round(latency.median))
    skipRequestLog(request)
    // Sent here rather than thrown: the error handler would log each one at error level.
    reply.code(503).header('retry-after', RETRY_AFTER_SECONDS).send(SHED_BODY)
  })
  fastify.addHook('onResponse', async (request, reply) => {
    if (!request.routeOptions.config.neverShed && reply.statusCode !== 503 && reply.statusCode !== 429) latency.record(reply.elapsedTime)
  })
}

export default fp(loadSheddingPlugin, { name: 'load-shedding' })
