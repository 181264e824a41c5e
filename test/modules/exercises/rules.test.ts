import t from 'tap'
import { difficultyRank, equipmentProblem, nameKey, ownerOfNewExercise } from '../../../src/modules/exercises/rules.js'

t.test('difficulty ranks follow the level, not the alphabet', async (t) => {
  t.ok(difficultyRank('beginner') < difficultyRank('intermediate'))
  t.ok(difficultyRank('intermediate') < difficultyRank('advanced'))
})

t.test('names compare case-insensitively', async (t) => {
  t.equal(nameKey('Barbell BENCH Press'), nameKey('barbell bench press'))
})

t.test('"none" must stand alone in the equipment list', async (t) => {
  t.equal(equipmentProblem(['none']), null)
  t.equal(equipmentProblem(['barbell', 'bench']), null)
  t.equal(equipmentProblem([]), null)
  t.match(equipmentProblem(['none', 'mat']), /none/)
})

t.test('admins write the library, everyone else custom exercises', async (t) => {
  t.equal(ownerOfNewExercise({ id: 7, role: 'admin' }), null)
  t.equal(ownerOfNewExercise({ id: 7, role: 'member' }), 7)
  t.equal(ownerOfNewExercise({ id: 7, role: 'trainer' }), null, 'trainers add to the library too')
})
