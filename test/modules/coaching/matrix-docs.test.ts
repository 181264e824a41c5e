import { readFile } from 'node:fs/promises'
import t from 'tap'
import { MATRIX, MATRIX_ROLES, matrixMarkdown } from '../../../src/modules/coaching/matrix.js'
import { documentedMatrix } from '../../../src/modules/coaching/matrix-docs.js'

t.test('docs/coaching.md shows exactly the table the matrix test runs', async (t) => {
  const doc = await readFile(new URL('../../../docs/coaching.md', import.meta.url), 'utf8')
  t.equal(documentedMatrix(doc), matrixMarkdown(), 'out of date: run `npx tsx scripts/coaching-matrix.ts`')
})

t.test('every resource of the issue is in the table, each cell a real status', async (t) => {
  t.same(MATRIX.map((row) => row.resource), ['Gyms', 'Trainers', 'Trainees (accounts)', 'Programs', 'Library exercises', 'Health metrics', 'Workout sessions', 'Exercise logs'])
  for (const row of MATRIX.filter((row) => !row.todo)) {
    for (const cells of Object.values(row.cells!)) {
      t.same(Object.keys(cells), [...MATRIX_ROLES], row.resource)
      if (row.resource !== 'Trainees (accounts)') t.equal(cells.anonymous, 401, `${row.resource}: anonymous callers authenticate first`)
    }
  }
})
