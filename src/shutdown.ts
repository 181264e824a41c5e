import closeWithGrace from 'close-with-grace'
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'

/**
 * On SIGTERM/SIGINT (or a fatal error): `app.close()` stops accepting connections, answers every
 * request already received and only then closes the pools (src/plugins/lifecycle.ts); then the
 * embedded databases close. After `graceMs` the process exits anyway.
 */
export function closeGracefully (app: FastifyInstance, log: Logger, graceMs: number, closeDatabases: () => Promise<void>): void {
  closeWithGrace({ delay: graceMs, logger: log }, async ({ signal, err }) => {
    if (err) log.error({ err }, 'shutting down after an error')
    else log.info({ signal }, 'shutting down gracefully')
    await app.close()
    await closeDatabases()
    log.info('shutdown complete')
  })
}
