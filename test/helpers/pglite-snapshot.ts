import { readFileSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { snapshotEmptyCluster } from '../../src/embedded/postgres.js'

// Every test file starts its own PGlite; starting from a saved empty cluster instead of running
// initdb saves about 4 s of CPU per file. Keyed by the PGlite version, so an upgrade makes a new one.
const root = join(import.meta.dirname, '../..')
const version = (JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version
const file = join(root, 'node_modules/.cache/workout-api-tests', `pglite-${version}.tar`)

/** Run once before the suite (tap `before`): makes the snapshot if this PGlite version has none. */
export async function ensurePgliteSnapshot (): Promise<void> {
  if (await loadPgliteSnapshot()) return
  await mkdir(dirname(file), { recursive: true })
  const partial = `${file}.${process.pid}`
  await writeFile(partial, Buffer.from(await (await snapshotEmptyCluster()).arrayBuffer()))
  await rename(partial, file)
}

/** The saved cluster, or undefined when there is none yet (the file then starts from initdb). */
export async function loadPgliteSnapshot (): Promise<Blob | undefined> {
  try {
    return new Blob([await readFile(file)])
  } catch {
    return undefined
  }
}
