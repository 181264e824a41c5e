import type { EmbeddedPlace } from '../both.js'

/** What the database process is asked to run (its one command-line argument, as JSON). */
export interface ChildOptions {
  /**
   * Where each database keeps its data (no `dir`: this process runs no such database) and where it
   * listens, chosen by the server (which builds its URLs from them before they listen).
   */
  postgres: EmbeddedPlace
  mongo: EmbeddedPlace
  /** The directory of their Unix sockets, if they listen on any: this process removes it when it stops. */
  socketDir?: string
  logLevel: string
}

/** Child → parent, over the IPC channel. */
export type ChildMessage =
  | { type: 'ready' }
  | { type: 'failed', message: string }

/** Parent → child: close the databases cleanly, then exit. */
export interface StopMessage { type: 'stop' }
