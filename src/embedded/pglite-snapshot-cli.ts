// `node dist/embedded/pglite-snapshot-cli.js` (run by `npm start` before the server): makes the
// empty-cluster snapshot that lets the first start on a fresh DATA_DIR skip initdb. Never fails the
// start: without a snapshot the server runs initdb as before.
import { loadConfig } from '../config.js'
import { postgresUrl } from '../lib/database-urls.js'
import { clusterSnapshotFile, ensureClusterSnapshot } from './pglite-snapshot.js'

function usesEmbeddedPostgres (): boolean {
  try {
    return postgresUrl(loadConfig()) === undefined
  } catch {
    return true
  }
}

if (usesEmbeddedPostgres()) {
  await ensureClusterSnapshot().catch((error: unknown) => {
    console.warn(`PGlite snapshot not written to ${clusterSnapshotFile} (${(error as Error).message}); the first start runs initdb`)
  })
}
