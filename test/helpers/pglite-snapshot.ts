// The tests share `npm start`'s saved empty cluster (src/embedded/pglite-snapshot.ts).
export { ensureClusterSnapshot as ensurePgliteSnapshot, loadClusterSnapshot as loadPgliteSnapshot } from '../../src/embedded/pglite-snapshot.js'
