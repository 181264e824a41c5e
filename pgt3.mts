import { PGlite } from '@electric-sql/pglite'
import { readFile, writeFile } from 'node:fs/promises'
const mode = process.argv[2]
const c0 = process.cpuUsage(); const t0 = performance.now()
let db: PGlite
if (mode === 'dump') { db = await PGlite.create(); const d = await db.dumpDataDir('none'); await writeFile('/tmp/pg.tar', Buffer.from(await d.arrayBuffer())) }
else if (mode === 'load') { const buf = await readFile('/tmp/pg.tar'); db = await PGlite.create({ loadDataDir: new Blob([buf]) }) }
else db = await PGlite.create()
await db.query('select 1')
const c = process.cpuUsage(c0)
console.log(mode, 'wall', Math.round(performance.now() - t0), 'cpu', Math.round((c.user + c.system) / 1000))
