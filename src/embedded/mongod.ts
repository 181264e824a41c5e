import { spawn } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import { startedMongoUrl } from '../lib/database-urls.js'
import { freePort } from '../lib/free-port.js'

/** `MONGOD_BINARY`, else a `mongod` found on PATH, else undefined. */
export function findMongod (explicit?: string): string | undefined {
  if (explicit) return explicit
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'mongod')
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {}
  }
  return undefined
}

async function waitUntilUp (url: string, deadline: number): Promise<void> {
  // Imported here: the server forks its database process before loading the driver (~150 ms).
  const { MongoClient } = await import('mongodb')
  for (;;) {
    const client = new MongoClient(url, { serverSelectionTimeoutMS: 500 })
    try {
      await client.db('admin').command({ ping: 1 })
      return
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`mongod did not answer: ${(error as Error).message}`)
    } finally {
      await client.close()
    }
  }
}

/** Runs a real `mongod` as a child process bound to loopback (on `port`, default a free one), data under dataDir. */
export async function startMongod (binary: string, dataDir: string, port?: number): Promise<{ url: string, close: () => Promise<void> }> {
  await mkdir(dataDir, { recursive: true })
  port ??= await freePort()
  const child = spawn(binary, ['--port', String(port), '--bind_ip', '127.0.0.1', '--dbpath', dataDir, '--quiet'], { stdio: 'ignore' })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = startedMongoUrl(`127.0.0.1:${port}`)
  await waitUntilUp(url, Date.now() + 30_000)
  return {
    url,
    close: async () => {
      child.kill('SIGTERM')
      await exited
    }
  }
}
