import { fork } from 'node:child_process'
import { once } from 'node:events'
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ChildMessage, ChildOptions, StopMessage } from './messages.js'

export interface DatabaseProcess {
  pid: number
  /** Settles once the databases listen (on the ports they were given); rejects if they cannot start. */
  ready: Promise<void>
  /** Settles with the reason once the process exits without being asked to. */
  lost: Promise<Error>
  /** Asks the process to close its databases cleanly and waits for it to exit. */
  close: () => Promise<void>
}

// main.ts under tsx (src/), main.js once built (dist/).
const entry = fileURLToPath(new URL(`./main${extname(fileURLToPath(import.meta.url))}`, import.meta.url))

/**
 * The database process's V8 heap (docs/operations.md, "Memory"). It holds the store's documents, so
 * no cap (a heap too small for the data would crash it): the old generation may grow to 1.5× what
 * survived the last full GC instead of V8's up to 4× on a machine with much memory, and the young
 * generation is 2 × 4 MB instead of 2 × 16 MB (a command's garbage dies young).
 * The server's own flags are in package.json's `start`.
 */
export const DATABASE_PROCESS_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=50']

/**
 * glibc gives each thread that mallocs (libuv's pool, V8's compiler and GC helpers, PGlite's file
 * I/O) an arena of its own, up to 8 per core, and memory freed in one is not reused by another:
 * 4–5 arenas of 3–4 MB each stayed resident after the bench. Two arenas hold what they need.
 * An explicit MALLOC_ARENA_MAX in the environment wins.
 */
const DATABASE_PROCESS_ENV = { MALLOC_ARENA_MAX: '2' }

/** Flags passed on with their value: those that load code (tsx registers itself with them), and where profiles go. */
const VALUED_FLAGS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader', '--cpu-prof-dir', '--cpu-prof-interval', '--heap-prof-dir', '--heap-prof-interval'])
/** Profiling the server profiles the database process too (each writes its own file, named by pid). */
const SWITCH_FLAGS = new Set(['--cpu-prof', '--heap-prof'])

/**
 * Only the flags that load code or profile it. Not the rest: `-e` would run the parent's script
 * again (each copy forking the next), `--inspect` would claim the same port, `--cpu-prof-name`
 * would have both processes write the same file.
 */
export function inheritedFlags (argv: readonly string[] = process.execArgv): string[] {
  const flags: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const [name] = argv[i].split('=', 1)
    if (SWITCH_FLAGS.has(name)) flags.push(argv[i])
    if (!VALUED_FLAGS.has(name)) continue
    if (argv[i].includes('=')) flags.push(argv[i])
    else if (i + 1 < argv.length) flags.push(argv[i], argv[++i])
  }
  return flags
}

function exitReason (code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`
}

/**
 * Forks the embedded databases into a process of their own; `ready` settles once they listen.
 * The child inherits stdout/stderr (its pino lines carry `component: "embedded-databases"`), has
 * its own process group (a terminal's Ctrl-C reaches only the server, which closes the app first
 * and then asks the child to stop), and exits by itself when the server's process goes away.
 */
export function startDatabaseProcess (options: ChildOptions): DatabaseProcess {
  const child = fork(entry, [JSON.stringify(options)], {
    execArgv: [...inheritedFlags(), ...DATABASE_PROCESS_FLAGS],
    env: { ...DATABASE_PROCESS_ENV, ...process.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: true
  })
  let stopping = false
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
  const lost = new Promise<Error>((resolve) => {
    exited.then(([code, signal]) => { if (!stopping) resolve(new Error(`embedded database process ${child.pid} died: ${exitReason(code, signal)}`)) })
  })
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') resolve()
      else reject(new Error(`embedded databases failed to start: ${message.message}`))
    })
    child.once('error', reject)
    exited.then(([code, signal]) => reject(new Error(`embedded database process exited while starting: ${exitReason(code, signal)}`)))
  })
  // Once started, the server's exit must not wait for the child, and the open channel must not keep
  // it alive; until then they keep this process waiting for it. A failure is the caller's to report.
  ready.then(() => { child.unref(); child.channel?.unref() }, () => {})
  return {
    pid: child.pid!,
    ready,
    lost,
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      stopping = true
      child.ref()
      // A child that is exiting by itself (failed start) may have closed its end already: EPIPE.
      if (child.connected) child.send({ type: 'stop' } satisfies StopMessage, (error) => { if (error) child.kill('SIGTERM') })
      else child.kill('SIGTERM')
      await exited
    }
  }
}
