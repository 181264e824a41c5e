import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { levelEnabled } from '../lib/lazy-logger.js'

const unlogged = new WeakSet<FastifyRequest>()

/** Leaves this request out of the per-request log (e.g. shed requests, which are counted instead). */
export function skipRequestLog (request: FastifyRequest): void {
  unlogged.add(request)
}

// One log line per request (Fastify's default is two), with the route pattern for dashboards,
// and the request id echoed so clients can quote it.
async function requestLogPlugin (fastify: FastifyInstance) {
  // Callback hooks, as on every request: an async one costs a promise and a microtask turn.
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    done()
  })
  fastify.addHook('onResponse', (request, reply, done) => {
    // Checked first: at LOG_LEVEL=warn the line below would be built for nothing on every request.
    if (!levelEnabled(request.log, 'info') || unlogged.has(request)) return done()
    request.log.info({
      method: request.method,
      url: request.url.split('?')[0],
      route: request.routeOptions.url,
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      userId: (request as { user?: { id: number } }).user?.id
    }, 'request completed')
    done()
  })
}

export default fp(requestLogPlugin, { name: 'request-log' })
