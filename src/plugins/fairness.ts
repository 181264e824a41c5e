import fp from 'fastify-plugin'
import { LRUCache } from 'lru-cache'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../config.js'
import { RateLimitedError } from '../errors.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Costly for the server (bulk writes, stats over ranges): limited per user by plugins/fairness.ts. */
    expensive?: boolean
  }
}

/** A request over the in-flight cap waits this long for a slot before it is refused. */
export const SLOT_WAIT_MS = 1000

interface Window { count: number, resetAt: number }

function refuse (reply: FastifyReply, retryAfterSeconds: number): never {
  reply.header('retry-after', retryAfterSeconds)
  throw new RateLimitedError(`${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`)
}

/**
 * Per-user limits on expensive routes (`config: { expensive: true }`): at most
 * EXPENSIVE_RATE_LIMIT_MAX requests per window and EXPENSIVE_CONCURRENCY_MAX in flight, so one
 * client bursting is throttled with 429 long before the whole process has to shed load (503).
 * Runs as a preParsing hook: after the authenticate boundary's onRequest, before the body is read.
 */
async function fairnessPlugin (fastify: FastifyInstance, { config }: { config: Config }) {
  const windows = new LRUCache<number, Window>({ max: 100_000, ttl: config.EXPENSIVE_RATE_LIMIT_WINDOW_MS })
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

  fastify.addHook('preParsing', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    const userId = (request as { user?: { id: number } | null }).user?.id
    if (!request.routeOptions.config.expensive || userId === undefined) return payload
    const now = Date.now()
    let window = windows.get(userId)
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + config.EXPENSIVE_RATE_LIMIT_WINDOW_MS }
      windows.set(userId, window)
    }
    if (++window.count > config.EXPENSIVE_RATE_LIMIT_MAX) refuse(reply, Math.ceil((window.resetAt - now) / 1000))
    if (!await acquire(userId)) refuse(reply, 1)
    if (request.raw.socket?.destroyed) release(userId)
    else reply.raw.once('close', () => release(userId))
    return payload
  })
}

export default fp(fairnessPlugin, { name: 'fairness', dependencies: ['errors'] })
