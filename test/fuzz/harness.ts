import type { Test } from 'tap'
import { testDatabases } from '../helpers/databases.js'
import { dropIsolation, isolatedConfig } from '../helpers/isolation.js'
import type { Operation } from './requests.js'
import { FUZZ_CONFIG, fuzzOperation, servedOperations, type Tally } from './sweep.js'
import { startTarget } from './target.js'
import { createWorld } from './world.js'

// Fixed in CI so that a failure reproduces; `npm run fuzz` (long-run.ts) explores other seeds.
const SEED = 20_261_203
const RUNS_PER_OPERATION = 20

/** One tap test per operation of the served document that `include` picks, against an app in a worker thread. */
export async function fuzzOperations (t: Test, include: (operation: Operation) => boolean): Promise<void> {
  const started = performance.now()
  const config = isolatedConfig(await testDatabases(), FUZZ_CONFIG)
  const target = await startTarget(config)
  t.teardown(async () => {
    await target.close()
    await dropIsolation(config)
  })
  const world = await createWorld(target)
  const operations = (await servedOperations(target)).filter(include)
  const tally: Tally = { cases: 0, readBacks: 0, failures: [], statuses: {} }
  for (const operation of operations) {
    await t.test(operation.name, async (t) => {
      const failures = await fuzzOperation(world, operation, { seed: SEED, runs: RUNS_PER_OPERATION }, tally)
      t.equal(failures.length, 0, `${operation.name}: failing cases`)
      if (process.env.FUZZ_STATUSES) t.comment(JSON.stringify(tally.statuses[operation.name]))
      for (const failure of failures.slice(0, 5)) t.comment(`${failure.request}\n  ${failure.problems.join('\n  ')}`)
    })
  }
  t.comment(`fuzz: ${operations.length} operations, ${tally.cases} cases, ${tally.readBacks} read-backs, ` +
    `${tally.failures.length} failures, ${((performance.now() - started) / 1000).toFixed(1)} s`)
}
