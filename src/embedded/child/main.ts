import type { EmbeddedPair } from '../both.js'
import { createLogger } from '../../logger.js'
import type { Config } from '../../config.js'
import { removeSocketDir } from '../socket-dir.js'
import type { ChildMessage, ChildOptions } from './messages.js'

// The embedded databases' own process, forked by ./index.ts: PGlite and the store get a core and a
// heap of their own, so neither a WASM query nor a journal fsync ever holds up an HTTP request.
const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions
const log = createLogger({ LOG_LEVEL: options.logLevel as Config['LOG_LEVEL'] }).child({ component: 'embedded-databases' })
// The channel may be gone already (the server died while this process started): nothing to tell.
const send = (message: ChildMessage): void => { if (process.connected) process.send!(message) }

async function start (): Promise<EmbeddedPair> {
  const { startEmbeddedPair } = await import('../both.js')
  return await startEmbeddedPair(options.postgres, options.mongo, log)
}
const starting = start()
starting.catch(() => {}) // reported below

let stopping: Promise<void> | undefined
/** Closes the databases (once they have started, if they are starting) and exits. */
function stop (reason: string, code = 0): Promise<void> {
  stopping ??= (async () => {
    log.info({ reason }, 'embedded databases: closing')
    try {
      await (await starting.catch(() => undefined))?.close()
      if (options.socketDir !== undefined) await removeSocketDir(options.socketDir)
    } catch (err) {
      log.error({ err }, 'embedded databases: unclean close')
      code = 1
    }
    log.info('embedded databases: closed')
    log.flush(() => process.exit(code))
  })()
  return stopping
}

// The parent asks with a message; its death (even SIGKILL) closes the IPC channel.
process.on('message', (message: { type?: string }) => { if (message.type === 'stop') stop('asked by the server') })
process.on('disconnect', () => { stop('the server process is gone') })
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => { stop(signal) })
// A channel closed while this module was loading emitted 'disconnect' before anyone listened.
if (!process.connected) stop('the server process is gone')

try {
  await starting
  send({ type: 'ready' })
} catch (err) {
  log.error({ err }, 'embedded databases: failed to start')
  send({ type: 'failed', message: (err as Error).message })
  await stop('start-up failed', 1)
}
