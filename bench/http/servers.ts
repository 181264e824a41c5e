// The servers the HTTP bench drives: the real service as `npm start` runs it, a bare Fastify
// route, and (for --external) the standalone embedded store plus a fresh PostgreSQL database.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { freePort, spawnNode, stop, waitForHttp, type Child } from './processes.js'

/**
 * Limits raised so that the load generator measures the service instead of its 429s. Load shedding
 * is off too: with 32 connections the slower endpoints' median latency passes SHED_LATENCY_MS on
 * a loaded machine, and a 503 costs less than an answer. BENCH_SHED=1 keeps the defaults.
 */
export const LIMIT_OVERRIDES: Record<string, string> = {
  RATE_LIMIT_MAX: '100000000',
  EXPENSIVE_RATE_LIMIT_MAX: '100000000',
  EXPENSIVE_CONCURRENCY_MAX: '1000',
  ...(process.env.BENCH_SHED === '1' ? {} : { SHED_LATENCY_MS: '0', SHED_EVENT_LOOP_DELAY_MS: '0' })
}

export interface Running { child: Child, url: string, startupMs: number, how: string, close: () => Promise<void> }

function newestMtime (dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** The node flags `npm start` gives the server in `root` (its V8 heap settings): the one place they are set. */
export function startFlags (root: string): string[] {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }
  return /\bnode((?: --[^\s]+)*) dist\/server\.js\b/.exec(scripts.start)?.[1].trim().split(' ').filter(Boolean) ?? []
}

/** `node dist/server.js` when dist is at least as new as every file under src, else tsx on the sources; with npm start's flags. */
function serverCommand (root: string): { args: string[], how: string } {
  const dist = join(root, 'dist', 'server.js')
  const flags = startFlags(root)
  const shown = ['node', ...flags].join(' ')
  if (existsSync(dist) && statSync(dist).mtimeMs >= newestMtime(join(root, 'src'))) return { args: [...flags, dist], how: `${shown} dist/server.js` }
  return { args: [...flags, '--import', 'tsx', join(root, 'src', 'server.ts')], how: `${shown} --import tsx src/server.ts (dist missing or older than src)` }
}

/** The service in its own process, fresh DATA_DIR; `env` adds database URLs and the like. */
export async function startService (root: string, env: Record<string, string>, nodeFlags: string[] = []): Promise<Running> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-http-'))
  const [port, metricsPort] = [await freePort(), await freePort()]
  const { args, how } = serverCommand(root)
  const child = spawnNode([...nodeFlags, ...args], root, {
    ...LIMIT_OVERRIDES, ...env, HOST: '127.0.0.1', PORT: String(port), METRICS_PORT: String(metricsPort), DATA_DIR: dataDir, LOG_LEVEL: 'warn'
  })
  const url = `http://127.0.0.1:${port}`
  try {
    const startupMs = await waitForHttp(child, `${url}/api/health`)
    return { child, url, startupMs, how, close: async () => { await stop(child); await rm(dataDir, { recursive: true, force: true }) } }
  } catch (error) {
    await stop(child)
    await rm(dataDir, { recursive: true, force: true })
    throw error
  }
}

/** One route, GET / → {hello:'world'}, with the root's own fastify (the same version the service runs). */
export async function startBare (root: string): Promise<Running> {
  const port = await freePort()
  const code = `import Fastify from 'fastify'
const app = Fastify()
app.get('/', async () => ({ hello: 'world' }))
await app.listen({ host: '127.0.0.1', port: ${port} })`
  const child = spawnNode(['--input-type=module', '-e', code], root, {})
  const url = `http://127.0.0.1:${port}`
  const startupMs = await waitForHttp(child, url)
  return { child, url, startupMs, how: 'bare fastify', close: () => stop(child) }
}

/** The standalone embedded store (`npm run db:mongo`) in its own process; its URL is its one stdout line. */
export async function startStandaloneStore (root: string): Promise<{ child: Child, url: string, close: () => Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-store-'))
  const child = spawnNode(['--import', 'tsx', join(root, 'src/embedded/mongo/cli.ts'), '--port', '0', '--data-dir', dataDir, '--quiet'], root, {})
  const url = await new Promise<string>((resolve, reject) => {
    child.proc.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim().split('\n')[0]))
    child.proc.once('exit', (code) => reject(new Error(`db:mongo exited with ${code}:\n${child.stderr()}`)))
  })
  return { child, url, close: async () => { await stop(child); await rm(dataDir, { recursive: true, force: true }) } }
}

/** A fresh database on the machine's PostgreSQL (BENCH_PG_URL, default postgres://root@127.0.0.1:5432/postgres). */
export async function createPostgresDatabase (): Promise<{ url: string, drop: () => Promise<void> }> {
  const admin = new URL(process.env.BENCH_PG_URL ?? 'postgres://root@127.0.0.1:5432/postgres')
  const name = `bench_http_${process.pid}_${Date.now()}`
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.href })
    await client.connect()
    try { await client.query(sql) } finally { await client.end() }
  }
  await run(`CREATE DATABASE ${name}`)
  const url = new URL(admin.href)
  url.pathname = `/${name}`
  return { url: url.href, drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}
