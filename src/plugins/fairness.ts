import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest, RequestPayload } from 'fastify'
import type { Config } from '../config.js'
import { PeriodicWarning } from '../lib/periodic-warning.js'
import { memoryWindowCounter, redisWindowCounter } from '../lib/window-counter.js'
import type { ErrorResponseType } from '../schemas/common.js'
import { sharedRedis } from './redis.js'
import { skipRequestLog } from './request-log.js'
import { addRouteHook } from '../lib/route-hooks.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Costly for the server (bulk writes, stats over ranges): limited per user by plugins/fairness.ts. */
    expensive?: boolean
  }
}

/** A request over the in-flight cap waits this long for a slot before it is refused. */
export const SLOT_WAIT_MS = 1000

function throttledBody (retryAfterSeconds: number): ErrorResponseType {
  const message = `Too many expensive requests; retry in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`
  return { statusCode: 429, error: 'Too Many Requests', code: 'RATE_LIMITED', message }
}

/**
 * Per-user limits on expensive routes (`config: { expensive: true }`): at most
 * EXPENSIVE_RATE_LIMIT_MAX requests per window (counted across replicas when REDIS_URL is set) and
 * EXPENSIVE_CONCURRENCY_MAX in flight (per process), so one
 * client bursting is throttled with 429 long before the whole process has to shed load (503).
 * Runs as a preParsing hook of those routes: after the authenticate boundary's onRequest, before the body is read.
 */
async function fairnessPlugin (fastify: FastifyInstance, { config, reportEveryMs = 10_000 }: { config: Config, reportEveryMs?: number }) {
  const report = new PeriodicWarning(fastify.log, 'fairness: expensive requests answered 429', reportEveryMs)
  const redisFailures = new PeriodicWarning(fastify.log, 'fairness: Redis failed; expensive requests counted in this process only', reportEveryMs)
  fastify.addHook('onClose', async () => { report.stop(); redisFailures.stop() })
  // The per-window count is shared through Redis when the app has it; in-flight slots stay per process
  // (a slot is held by this process's open request, and a crashed replica must not leak its slots).
  const redis = sharedRedis(fastify)
  const local = memoryWindowCounter({ windowMs: config.EXPENSIVE_RATE_LIMIT_WINDOW_MS })
  const windows = redis
    ? redisWindowCounter(redis, { namespace: 'fairness:', windowMs: config.EXPENSIVE_RATE_LIMIT_WINDOW_MS, fallback: local, onError: () => redisFailures.add('redis') })
    : local
  const inFlight = new Map<number, number>()
  const waiting = new Map<number, Array<() => void>>()

  function release (userId: number): void {
    const next = waiting.get(userId)?.shift()
    if (next) return next()
    const count = (inFlight.get(userId) ?? 1) - 1
    if (count > 0) inFlight.set(userId, count)
    else inFlight.delete(userId)
  }

  /** Resolves true once the user holds a slot (handed over by `release`), false after SLOT_WAIT_MS. */
  function acquire (userId: number): Promise<boolean> | boolean {
    const count = inFlight.get(userId) ?? 0
    if (count < config.EXPENSIVE_CONCURRENCY_MAX) {
      inFlight.set(userId, count + 1)
      return true
    }
    return new Promise((resolve) => {
      const queue = waiting.get(userId) ?? []
      const granted = () => { clearTimeout(timer); resolve(true) }
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(granted), 1)
        if (queue.length === 0) waiting.delete(userId)
        resolve(false)
      }, SLOT_WAIT_MS)
      queue.push(granted)
      waiting.set(userId, queue)
    })
  }

  async function limitExpensive (request: FastifyRequest, reply: FastifyReply, payload: RequestPayload) {
    const userId = (request as { user?: { id: number } | null }).user?.id
    if (userId === undefined) return payload
    const window = await windows.hit(String(userId))
    // Answered here rather than thrown, and counted rather than logged: a burst is not worth a line per request.
    const refuse = (reason: 'overRate' | 'overConcurrency', retryAfterSeconds: number) => {
      report.add(reason)
      fastify.appMetrics?.rateLimited.inc({ limiter: reason === 'overRate' ? 'expensive_rate' : 'expensive_concurrency' })
      skipRequestLog(request)
      reply.code(429).header('retry-after', retryAfterSeconds).send(throttledBody(retryAfterSeconds))
      return payload
    }
    if (window.count > config.EXPENSIVE_RATE_LIMIT_MAX) return refuse('overRate', Math.max(1, Math.ceil((window.resetAt - Date.now()) / 1000)))
    if (!await acquire(userId)) return refuse('overConcurrency', 1)
    if (request.raw.socket?.destroyed) release(userId)
    else reply.raw.once('close', () => release(userId))
    return payload
  }
  // On the expensive routes only: the others pay nothing for it.
  fastify.addHook('onRoute', (route) => {
    if ((route.config as { expensive?: boolean } | undefined)?.expensive) addRouteHook(route, 'preParsing', limitExpensive)
  })
}

export default fp(fairnessPlugin, { name: 'fairness', dependencies: ['request-log'] })
