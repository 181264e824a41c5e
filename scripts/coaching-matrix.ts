/** Rewrites the authorization table in docs/coaching.md from src/modules/coaching/matrix.ts: `npx tsx scripts/coaching-matrix.ts`. */
import { readFile, writeFile } from 'node:fs/promises'
import { matrixMarkdown } from '../src/modules/coaching/matrix.js'
import { MATRIX_END, MATRIX_START } from '../src/modules/coaching/matrix-docs.js'

const file = new URL('../docs/coaching.md', import.meta.url)
const doc = await readFile(file, 'utf8')
const start = doc.indexOf(MATRIX_START)
const end = doc.indexOf(MATRIX_END)
if (start < 0 || end < start) throw new Error(`docs/coaching.md lacks the ${MATRIX_START} … ${MATRIX_END} markers`)
await writeFile(file, `${doc.slice(0, start + MATRIX_START.length)}\n${matrixMarkdown()}\n${doc.slice(end)}`)
