import { readFileSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { snapshotEmptyCluster } from './postgres.js'

// A freshly initialised, empty PGlite cluster saved once per machine: starting from it instead of
// running initdb saves about 4 s of CPU and a ~900 MB memory peak on a first start (and per test
// file). `npm start` makes it before the server starts; the tests make it before the suite. Keyed
// by the PGlite version, so an upgrade makes a new one. Same path from src/ (tsx) and dist/.
const root = join(import.meta.dirname, '../..')
const version = (JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version

export const clusterSnapshotFile = join(root, 'node_modules/.cache/workout-api', `pglite-${version}.tar`)

/** Makes the snapshot if this PGlite version has none yet. */
export async function ensureClusterSnapshot (file = clusterSnapshotFile): Promise<void> {
  if (await loadClusterSnapshot(file)) return
  await mkdir(dirname(file), { recursive: true })
  const partial = `${file}.${process.pid}`
  try {
    await writeFile(partial, Buffer.from(await (await snapshotEmptyCluster()).arrayBuffer()))
    await rename(partial, file)
  } finally {
    await rm(partial, { force: true })
  }
}

/** The saved cluster, or undefined when there is none (PGlite then runs initdb). */
export async function loadClusterSnapshot (file = clusterSnapshotFile): Promise<Blob | undefined> {
  try {
    return new Blob([await readFile(file)])
  } catch {
    return undefined
  }
}
