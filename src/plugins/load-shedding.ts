import fp from 'fastify-plugin'
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
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

/** The share of requests to shed for a measured event-loop delay: what would bring it back to the threshold. */
export function shedShare (delayMs: number, thresholdMs: number): number {
  return delayMs <= thresholdMs ? 0 : Math.min(MAX_SHED_SHARE, 1 - thresholdMs / delayMs)
}

export interface LoadSheddingOptions {
  config: Config
  /** How often the event-loop delay is sampled, and how often shed requests are reported (tests shorten both). */
  sampleIntervalMs?: number
  reportEveryMs?: number
}

/**
 * Sheds a share of requests with 503 + Retry-After while the mean event-loop delay is above
 * SHED_EVENT_LOOP_DELAY_MS; the share rises with the delay and falls as it recovers, so the
 * service keeps serving what it can while the load lasts. Rejections are counted and logged as
 * one warning per 10 s instead of a line (or a stack) per request.
 */
async function loadSheddingPlugin (fastify: FastifyInstance, { config, sampleIntervalMs = 1000, reportEveryMs = 10_000 }: LoadSheddingOptions) {
  const threshold = config.SHED_EVENT_LOOP_DELAY_MS
  if (threshold === 0) return

  const report = new PeriodicWarning(fastify.log, 'load shedding: requests answered 503', reportEveryMs)
  fastify.addHook('onClose', async () => report.stop())

  // https://github.com/fastify/under-pressure — pressureHandler decides per request; unless it
  // sends a reply, the request goes on.
  await fastify.register(underPressure, {
    maxEventLoopDelay: threshold,
    sampleInterval: sampleIntervalMs,
    pressureHandler: (request: FastifyRequest, reply: FastifyReply, _type: string, delay: number | undefined) => {
      if (request.routeOptions.config.neverShed) return
      report.max('worstEventLoopDelayMs', Math.round(delay ?? 0))
      if (Math.random() >= shedShare(delay ?? 0, threshold)) {
        report.add('served')
        return
      }
      report.add('shed')
      skipRequestLog(request)
      // Sent here rather than thrown: the error handler would log each one at error level.
      reply.code(503).header('retry-after', RETRY_AFTER_SECONDS).send(SHED_BODY)
    }
  })
}

export default fp(loadSheddingPlugin, { name: 'load-shedding' })
