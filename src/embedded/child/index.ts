import { fork } from 'node:child_process'
import { once } from 'node:events'
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ChildMessage, ChildOptions, StopMessage } from './messages.js'

export interface DatabaseProcess {
  pid: number
  postgresUrl?: string
  mongoUrl?: string
  /** Settles with the reason once the process exits without being asked to. */
  lost: Promise<Error>
  /** Asks the process to close its databases cleanly and waits for it to exit. */
  close: () => Promise<void>
}

// main.ts under tsx (src/), main.js once built (dist/).
const entry = fileURLToPath(new URL(`./main${extname(fileURLToPath(import.meta.url))}`, import.meta.url))

/** Debugger flags would make both processes claim the same port. */
const inheritedFlags = (): string[] => process.execArgv.filter((flag) => !/^--(inspect|debug)/.test(flag))

function exitReason (code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`
}

/**
 * Forks the embedded databases into a process of their own and resolves once they listen.
 * The child inherits stdout/stderr (its pino lines carry `component: "embedded-databases"`), has
 * its own process group (a terminal's Ctrl-C reaches only the server, which closes the app first
 * and then asks the child to stop), and exits by itself when the server's process goes away.
 */
export async function startDatabaseProcess (options: ChildOptions): Promise<DatabaseProcess> {
  const child = fork(entry, [JSON.stringify(options)], {
    execArgv: inheritedFlags(),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: true
  })
  let stopping = false
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
  const lost = new Promise<Error>((resolve) => {
    exited.then(([code, signal]) => { if (!stopping) resolve(new Error(`embedded database process ${child.pid} died: ${exitReason(code, signal)}`)) })
  })
  const ready = await new Promise<Extract<ChildMessage, { type: 'ready' }>>((resolve, reject) => {
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') resolve(message)
      else reject(new Error(`embedded databases failed to start: ${message.message}`))
    })
    child.once('error', reject)
    exited.then(([code, signal]) => reject(new Error(`embedded database process exited while starting: ${exitReason(code, signal)}`)))
  })
  // The server's exit must not wait for the child, and the open channel must not keep it alive.
  child.unref()
  child.channel?.unref()
  return {
    pid: child.pid!,
    postgresUrl: ready.postgresUrl,
    mongoUrl: ready.mongoUrl,
    lost,
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      stopping = true
      child.ref()
      if (child.connected) child.send({ type: 'stop' } satisfies StopMessage)
      else child.kill('SIGTERM')
      await exited
    }
  }
}
