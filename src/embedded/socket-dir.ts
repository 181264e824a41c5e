import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Where an embedded database listens: a Unix socket in `socketDir`, else `port` on 127.0.0.1 (0 or absent: a free one). */
export interface Listener { port?: number, socketDir?: string }

/** libpq's name for a server's socket on port 5432: a URL naming the directory reaches it. */
export const postgresSocket = (socketDir: string): string => join(socketDir, '.s.PGSQL.5432')

/** mongod's name for its socket on port 27017. */
export const mongoSocket = (socketDir: string): string => join(socketDir, 'mongodb-27017.sock')

// sun_path holds 108 bytes on Linux, 104 on macOS, including the terminating NUL.
const MAX_SOCKET_PATH = 103

/**
 * A new directory for the embedded databases' Unix sockets, or undefined where TCP must do: on
 * Windows (pg cannot reach a named pipe), or when the temp directory's path is too long for a
 * socket address. Loopback TCP cost 15–25% more CPU per round trip on each side (docs/performance.md),
 * and mkdtemp's 0700 lets only this user connect where any local user could reach a port.
 */
export async function createSocketDir (): Promise<string | undefined> {
  if (process.platform === 'win32') return undefined
  const dir = await mkdtemp(join(tmpdir(), 'workout-db-'))
  if (Buffer.byteLength(mongoSocket(dir)) <= MAX_SOCKET_PATH) return dir
  await removeSocketDir(dir)
  return undefined
}

export async function removeSocketDir (dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}
