// The Petstore (/api/v3) on embedded PGlite: findByStatus over 10k pets, getPetById and addPet,
// each as req/s and p99 relative to a bare Fastify route measured in the same run.
// `npm run bench -- petstore` or `npx tsx bench/sections/petstore.ts`; with DATABASE_URL set,
// against that PostgreSQL server instead (in a schema of its own, dropped afterwards).
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import Fastify from 'fastify'
import { pino } from 'pino'
import { build } from '../../src/app.js'
import { configWith } from '../../src/config.js'
import { startDatabases } from '../../src/embedded/databases.js'
import { createTokenRepository } from '../../src/modules/auth/token-repository.js'

interface Result { requests: { average: number }, latency: { p99: number }, non2xx: number, errors: number }
type Autocannon = (options: { url: string, connections: number, duration: number, method?: string, headers?: Record<string, string>, body?: string }) => Promise<Result>
// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5)
const PETS = 10_000
const CONNECTIONS = 10

export default async function run (): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-petstore-'))
  // NODE_ENV=test: the embedded databases share this process, so load shedding would only measure itself.
  const server = process.env.DATABASE_URL
    ? { DATABASE_URL: process.env.DATABASE_URL, POSTGRES_SCHEMA: `bench_petstore_${process.pid}`, POSTGRES_POOL_MAX: 10 }
    : {}
  const base = configWith({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', RATE_LIMIT_MAX: 100_000_000, SEED_EXERCISES: false, ...server })
  const databases = await startDatabases(base, pino({ level: 'silent' }))
  const app = await build(databases.config, { logger: pino({ level: 'silent' }) })
  const bare = Fastify()
  bare.get('/bare', async () => ({ id: 1, name: 'doggie', photoUrls: [], tags: [], status: 'available' }))
  try {
    const address = await app.listen({ host: '127.0.0.1', port: 0 })
    const bareAddress = await bare.listen({ host: '127.0.0.1', port: 0 })
    const { rows: [user] } = await app.pg.query<{ id: number }>(
      "INSERT INTO users (username, email, password_hash) VALUES ('bench', 'bench@example.test', '$argon2id$not-a-real-hash') RETURNING id")
    const { token } = await createTokenRepository(app.pg.pool).issue(user.id, 1, { name: 'bench', scopes: ['read:pets', 'write:pets'] })
    await seed(app)
    const bearer = { authorization: `Bearer ${token}` }
    const { rows: [some] } = await app.pg.query<{ id: string }>("SELECT id FROM pets WHERE status = 'available' ORDER BY id LIMIT 1 OFFSET 500")

    const scenarios: Array<[string, Parameters<Autocannon>[0]]> = [
      ['bare Fastify route (same process)', { url: `${bareAddress}/bare`, connections: CONNECTIONS, duration: DURATION_S }],
      [`findByStatus=available (${PETS} pets, ~${Math.round(PETS / 3)} match)`, { url: `${address}/api/v3/pet/findByStatus?status=available`, connections: CONNECTIONS, duration: DURATION_S, headers: bearer }],
      ['getPetById (api_key)', { url: `${address}/api/v3/pet/${some.id}`, connections: CONNECTIONS, duration: DURATION_S, headers: { api_key: token } }],
      ['addPet (JSON, category + 2 tags)', {
        url: `${address}/api/v3/pet`,
        method: 'POST',
        connections: CONNECTIONS,
        duration: DURATION_S,
        headers: { ...bearer, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'bench pet', photoUrls: ['https://example.test/p.jpg'], category: { id: 1, name: 'Dogs' }, tags: [{ name: 'tag1' }, { name: 'tag2' }] })
      }]
    ]
    const rows = []
    for (const [label, options] of scenarios) {
      await autocannon({ ...options, duration: 1 }) // warm-up
      const result = await autocannon(options)
      rows.push({ label, 'req/s': Math.round(result.requests.average), 'p99 ms': result.latency.p99, 'non-2xx': result.non2xx + result.errors })
    }
    const [reference] = rows
    console.log(`PostgreSQL: ${server.DATABASE_URL ? 'configured server' : 'embedded PGlite (in this process)'}`)
    console.table(rows.map((row) => ({
      ...row,
      'req/s vs bare': (row['req/s'] / Math.max(1, reference['req/s'])).toFixed(3),
      'p99 vs bare': (row['p99 ms'] / Math.max(1, reference['p99 ms'])).toFixed(1)
    })))
  } finally {
    if (server.POSTGRES_SCHEMA) await app.pg.query(`DROP SCHEMA IF EXISTS "${server.POSTGRES_SCHEMA}" CASCADE`)
    await app.close()
    await bare.close()
    await databases.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

/** 10k pets (a third per status), each with a category, two tags and a photo URL, written in bulk. */
async function seed (app: Awaited<ReturnType<typeof build>>): Promise<void> {
  await app.pg.query("INSERT INTO categories (name) VALUES ('Dogs'), ('Cats'), ('Birds')")
  await app.pg.query("INSERT INTO tags (name) SELECT 'tag' || n FROM generate_series(1, 20) AS n")
  await app.pg.query(`INSERT INTO pets (name, category_id, status)
    SELECT 'pet ' || n, 1 + n % 3, (ARRAY['available', 'pending', 'sold'])[1 + n % 3] FROM generate_series(1, $1::int) AS n`, [PETS])
  await app.pg.query('INSERT INTO pet_photo_urls (pet_id, position, url) SELECT id, 1, \'https://example.test/\' || id || \'.jpg\' FROM pets')
  await app.pg.query('INSERT INTO pet_tags (pet_id, tag_id, position) SELECT id, 1 + id % 20, 1 FROM pets UNION ALL SELECT id, 1 + (id + 7) % 20, 2 FROM pets')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run()
