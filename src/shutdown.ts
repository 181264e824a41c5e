import closeWithGrace from 'close-with-grace'
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'

/**
 * On SIGTERM/SIGINT (or a fatal error): stop accepting connections, let in-flight requests
 * finish, then close pools and embedded databases. After `graceMs` the process exits anyway.
 */
export function closeGracefully (app: FastifyInstance, log: Logger, graceMs: number, closeDatabases: () => Promise<void>): void {
  closeWithGrace({ delay: graceMs, logger: log }, async ({ signal, err }) => {
    if (err) log.error({ err }, 'shutting down after an error')
    else log.info({ signal }, 'shutting down gracefully')
    // Keep-alive connections that go idle after their last in-flight response would otherwise
    // hold the server open until keepAliveTimeout; Fastify only sweeps idle ones once.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100)
    try {
      await app.close()
    } finally {
      clearInterval(sweep)
    }
    await closeDatabases()
    log.info('shutdown complete')
  })
}
