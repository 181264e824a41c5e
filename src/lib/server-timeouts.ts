import type { Config } from '../config.js'

/**
 * Fastify's server options for the HTTP timeouts. Node checks `headersTimeout` and `requestTimeout`
 * (the whole request, so also a body that trickles or stalls) only every
 * `connectionsCheckingInterval` (30 s by default), so the interval follows the shorter bound.
 * Clients that miss a bound get 408 with the error body (clientErrorHandler in plugins/errors.ts).
 */
export function serverTimeouts (config: Config) {
  const checkEvery = Math.min(1000, Math.max(100, Math.floor(config.HEADERS_TIMEOUT_MS / 10)))
  return {
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    // Above common load-balancer idle timeouts (60 s), so the balancer, not us, closes idle connections.
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    http: {
      headersTimeout: Math.min(config.HEADERS_TIMEOUT_MS, config.REQUEST_TIMEOUT_MS),
      connectionsCheckingInterval: checkEvery
    }
  }
}
