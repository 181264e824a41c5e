import fp from 'fastify-plugin'
import type { IncomingMessage } from 'node:http'
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify'
import { lazyChild } from '../lib/lazy-logger.js'
import { formatTraceparent, traceContext, type TraceContext } from '../lib/trace-context.js'

// Kept on the raw request under a symbol: a WeakMap entry per request cost more (ephemeron upkeep in every GC).
const TRACE = Symbol('traceContext')
type Traced = IncomingMessage & { [TRACE]?: TraceContext }

function traceOf (raw: Traced): TraceContext {
  return (raw[TRACE] ??= traceContext(raw.headers.traceparent))
}

/** This request's W3C trace context (from its `traceparent`, or a new trace). */
export function requestTrace (request: FastifyRequest): TraceContext {
  return traceOf(request.raw)
}

/**
 * Fastify's `childLoggerFactory`: every log line of a request (the request line, errors, whatever
 * a handler logs through request.log) carries its trace and span ids beside the request id.
 */
export const traceChildLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> = function (logger, bindings, options, raw) {
  const { traceId, spanId } = traceOf(raw)
  return lazyChild(logger, { ...bindings, traceId, spanId }, options)
}

// The caller learns which span of ours served it, as W3C Trace Context asks of a traceparent.
async function traceContextPlugin (fastify: FastifyInstance) {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('traceparent', formatTraceparent(requestTrace(request)))
    done()
  })
}

export default fp(traceContextPlugin, { name: 'trace-context' })
