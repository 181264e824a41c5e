import { existsSync, openAsBlob, readFileSync } from 'node:fs'
import { copyFile, mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'

// A freshly initialised, empty PGlite cluster saved once per machine, as a data directory (copied
// into a fresh DATA_DIR: the first start then costs what a restart does, instead of initdb's ~4 s of
// CPU and ~900 MB peak) and as a tarball (for in-memory clusters: the tests, the benches). `npm start`
// makes it before the server starts; the tests make it before the suite. Keyed by the PGlite
// version, so an upgrade makes a new one. Same paths from src/ (tsx) and dist/.
const root = join(import.meta.dirname, '../..')
const version = (JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version
const cacheDir = join(root, 'node_modules/.cache/workout-api')

export const clusterSnapshotFile = join(cacheDir, `pglite-${version}.tar`)
export const clusterSnapshotDir = join(cacheDir, `pglite-${version}`)

/** Makes the saved cluster (directory and tarball) if this PGlite version has none yet. */
export async function ensureClusterSnapshot (file = clusterSnapshotFile, dir = clusterSnapshotDir): Promise<void> {
  if (existsSync(file) && existsSync(join(dir, 'PG_VERSION'))) return
  await mkdir(dirname(file), { recursive: true })
  const partial = `${dir}.${process.pid}`
  try {
    const { PGlite } = await import('@electric-sql/pglite')
    const db = await PGlite.create(partial)
    let tar: Blob
    try {
      tar = await db.dumpDataDir('none')
    } finally {
      await db.close()
    }
    await writeFile(`${file}.${process.pid}`, Buffer.from(await tar.arrayBuffer()))
    await rename(`${file}.${process.pid}`, file)
    await rm(dir, { recursive: true, force: true })
    await rename(partial, dir)
  } finally {
    await rm(partial, { recursive: true, force: true })
    await rm(`${file}.${process.pid}`, { force: true })
  }
}

/**
 * The saved cluster as a tarball, or undefined when there is none (PGlite then runs initdb). A Blob
 * backed by the file, read when PGlite reads it: the 40 MB tarball is not held twice (a Buffer, then
 * the Blob's copy of it) before PGlite makes its own copy. The file is only ever replaced by rename.
 */
export async function loadClusterSnapshot (file = clusterSnapshotFile): Promise<Blob | undefined> {
  try {
    return await openAsBlob(file)
  } catch {
    return undefined
  }
}

/**
 * Copies the saved cluster to `dataDir` when that is missing or empty (a first start); false when
 * there is no saved cluster or dataDir holds something. Copied beside it and renamed into place,
 * so an interrupted copy never leaves a half cluster behind.
 */
export async function copySavedCluster (dataDir: string, dir = clusterSnapshotDir): Promise<boolean> {
  if (!existsSync(join(dir, 'PG_VERSION'))) return false
  const existing = await readdir(dataDir).catch(() => undefined)
  if (existing !== undefined && existing.length > 0) return false
  const partial = `${dataDir}.${process.pid}.partial`
  await mkdir(dirname(dataDir), { recursive: true })
  try {
    await copyTree(dir, partial)
    if (existing !== undefined) await rmdir(dataDir)
    await rename(partial, dataDir)
  } finally {
    await rm(partial, { recursive: true, force: true })
  }
  return true
}

/**
 * Copies a directory tree with every file's copy in flight at once (libuv's pool runs four): the
 * cluster's ~1,000 small files took ~700 ms one after another with fs.cp, ~300 ms this way.
 */
async function copyTree (from: string, to: string): Promise<void> {
  const entries = await readdir(from, { withFileTypes: true, recursive: true })
  const inside = (entry: { parentPath: string, name: string }) => relative(from, join(entry.parentPath, entry.name))
  await mkdir(to, { recursive: true })
  for (const entry of entries) if (entry.isDirectory()) await mkdir(join(to, inside(entry)), { recursive: true })
  await Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => copyFile(join(from, inside(entry)), join(to, inside(entry)))))
}
