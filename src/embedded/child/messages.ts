/** What the database process is asked to run (its one command-line argument, as JSON). */
export interface ChildOptions {
  /** Data directory of PGlite; absent: this process runs no Postgres. */
  postgresDir?: string
  /** Data directory of the embedded MongoDB-compatible store; absent: no store. */
  mongoDir?: string
  /** Ports on 127.0.0.1, chosen by the server (which builds its URLs from them before they listen). */
  postgresPort: number
  mongoPort: number
  logLevel: string
}

/** Child → parent, over the IPC channel. */
export type ChildMessage =
  | { type: 'ready' }
  | { type: 'failed', message: string }

/** Parent → child: close the databases cleanly, then exit. */
export interface StopMessage { type: 'stop' }
