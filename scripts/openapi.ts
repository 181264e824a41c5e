// Writes openapi.json from the route schemas: no server, no database (the app is built offline).
import { writeFile } from 'node:fs/promises'
import { build } from '../src/app.js'
import { configWith } from '../src/config.js'

const target = process.argv[2] ?? 'openapi.json'
const app = await build(configWith({ LOG_LEVEL: 'silent', SEED_EXERCISES: false }), { offline: true })
await app.ready()
const document = app.swagger()
await writeFile(target, JSON.stringify(document, null, 2) + '\n')
await app.close()
console.log(`wrote ${target}: ${Object.keys(document.paths ?? {}).length} paths`)
