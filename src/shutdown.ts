import closeWithGrace from 'close-with-grace'
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'

export interface Shutdown {
  /** Shuts down as on SIGTERM, logging `err`, and exits with code 1. */
  fail: (err: Error) => void
}

/**
 * On SIGTERM/SIGINT (or a fatal error): `app.close()` stops accepting connections, answers every
 * request already received and only then closes the pools (src/plugins/lifecycle.ts); then the
 * embedded databases close. After `graceMs` the process exits anyway.
 */
export function closeGracefully (app: FastifyInstance, log: Logger, graceMs: number, closeDatabases: () => Promise<void>): Shutdown {
  let failure: Error | undefined
  let closing = false
  const { close } = closeWithGrace({ delay: graceMs, logger: log }, async ({ signal, err }) => {
    closing = true
    err ??= failure
    if (err) log.error({ err }, 'shutting down after an error')
    else log.info({ signal }, 'shutting down gracefully')
    await app.close()
    await closeDatabases()
    log.info('shutdown complete')
    // close-with-grace exits 0 after a manual close; a failure must not look like a clean stop.
    if (failure) process.exit(1)
  })
  return {
    fail: (err) => {
      failure = err
      if (!closing) close()
      else log.error({ err }, 'failure while shutting down')
    }
  }
}
