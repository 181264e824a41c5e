// `npm run fuzz`: the fuzz suite over every operation, longer and with any seed, outside tap.
//   FUZZ_SEED    seed (default: a new one, printed so the run can be repeated)
//   FUZZ_RUNS    cases per operation (default 500)
//   FUZZ_REPORT  file to write the counts, statuses per operation and every failure to, as JSON
// Databases: DATABASE_URL and MONGODB_URL if both are set, else the embedded ones.
import { writeFile } from 'node:fs/promises'
import { startEmbeddedMongo } from '../../src/embedded/mongo/index.js'
import { startEmbeddedPostgres } from '../../src/embedded/postgres.js'
import { dropIsolation, isolatedConfig } from '../helpers/isolation.js'
import { FUZZ_CONFIG, fuzzOperation, servedOperations, type Tally } from './sweep.js'
import { startTarget } from './target.js'
import { createWorld } from './world.js'

const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31))
const runs = Number(process.env.FUZZ_RUNS ?? 500)
const started = performance.now()
const closers: Array<() => Promise<void>> = []
const url = async (configured: string | undefined, start: () => Promise<{ url: string, close: () => Promise<void> }>) => {
  if (configured) return configured
  const server = await start()
  closers.push(server.close)
  return server.url
}
const configured = process.env.DATABASE_URL && process.env.MONGODB_URL
const config = isolatedConfig({
  kind: configured ? 'configured URLs' : 'embedded',
  postgresUrl: await url(configured ? process.env.DATABASE_URL : undefined, startEmbeddedPostgres),
  mongoUrl: await url(configured ? process.env.MONGODB_URL : undefined, startEmbeddedMongo),
  embeddedPostgres: !configured
}, FUZZ_CONFIG)
const target = await startTarget(config)
const tally: Tally = { cases: 0, readBacks: 0, failures: [], statuses: {} }
console.log(`fuzz: seed ${seed}, ${runs} cases per operation`)
try {
  const world = await createWorld(target)
  const operations = await servedOperations(target)
  for (const operation of operations) {
    const failures = await fuzzOperation(world, operation, { seed, runs }, tally)
    console.log(`${failures.length ? 'FAIL' : 'ok  '} ${operation.name} ${JSON.stringify(tally.statuses[operation.name])}`)
    for (const failure of failures.slice(0, 3)) console.log(`     ${failure.request}\n       ${failure.problems.join('\n       ')}`)
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.log(`fuzz: seed ${seed}, ${operations.length} operations, ${tally.cases} cases, ${tally.readBacks} read-backs, ${tally.failures.length} failures, ${seconds} s`)
  if (process.env.FUZZ_REPORT) {
    await writeFile(process.env.FUZZ_REPORT, JSON.stringify({ seed, runs, operations: operations.length, seconds: Number(seconds), ...tally }, null, 2) + '\n')
  }
  process.exitCode = tally.failures.length ? 1 : 0
} finally {
  await target.close()
  await dropIsolation(config)
  for (const close of closers.reverse()) await close()
}
