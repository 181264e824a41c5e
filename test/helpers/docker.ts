import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

// Where Docker-compatible engines usually listen. Checking them first spares every test file
// the testcontainers import and runtime probe on machines that have no engine at all.
const SOCKETS = [
  '/var/run/docker.sock',
  join(homedir(), '.docker/run/docker.sock'),
  join(homedir(), '.colima/default/docker.sock'),
  process.env.XDG_RUNTIME_DIR ? join(process.env.XDG_RUNTIME_DIR, 'docker.sock') : '',
  process.env.XDG_RUNTIME_DIR ? join(process.env.XDG_RUNTIME_DIR, 'podman/podman.sock') : ''
]

export function dockerMayAnswer (): boolean {
  if (process.env.TEST_NO_CONTAINERS) return false
  return Boolean(process.env.DOCKER_HOST) || SOCKETS.some((socket) => socket && existsSync(socket))
}
