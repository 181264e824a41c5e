import t from 'tap'
import { SEED_EXERCISES } from '../../../src/modules/exercises/seed-data.js'
import { CATEGORIES, DIFFICULTIES, EQUIPMENT, MUSCLE_GROUPS } from '../../../src/modules/exercises/vocabulary.js'
import { equipmentProblem, nameKey } from '../../../src/modules/exercises/rules.js'

t.test('the starter library has at least 60 exercises with unique names (case-insensitive)', async (t) => {
  t.ok(SEED_EXERCISES.length >= 60, `${SEED_EXERCISES.length} exercises`)
  const keys = SEED_EXERCISES.map((exercise) => nameKey(exercise.name))
  t.same(keys.filter((key, index) => keys.indexOf(key) !== index), [], 'no duplicate names')
})

t.test('every exercise uses only the vocabularies and respects the write rules', async (t) => {
  for (const exercise of SEED_EXERCISES) {
    const where = exercise.name
    t.ok((CATEGORIES as readonly string[]).includes(exercise.category), `${where}: category`)
    t.ok((DIFFICULTIES as readonly string[]).includes(exercise.difficulty_level), `${where}: difficulty`)
    t.ok(exercise.primary_muscles.length >= 1, `${where}: has a primary muscle`)
    const muscles = [...exercise.primary_muscles, ...exercise.secondary_muscles]
    t.equal(new Set(muscles).size, muscles.length, `${where}: no muscle listed twice`)
    t.ok(muscles.every((muscle) => (MUSCLE_GROUPS as readonly string[]).includes(muscle)), `${where}: muscles`)
    t.ok(exercise.equipment_needed.length >= 1, `${where}: equipment listed`)
    t.ok(exercise.equipment_needed.every((item) => (EQUIPMENT as readonly string[]).includes(item)), `${where}: equipment`)
    t.equal(equipmentProblem(exercise.equipment_needed), null, `${where}: "none" stands alone`)
    t.match(exercise.name, /^\S(.*\S)?$/, `${where}: name without outer spaces`)
    t.ok(exercise.name.length <= 100, `${where}: name length`)
    t.ok(exercise.description.length >= 20 && exercise.description.length <= 2000, `${where}: description`)
    const steps = exercise.instructions.split('\n')
    t.ok(steps.length >= 2 && steps.length <= 4, `${where}: 2–4 steps`)
    t.ok(steps.every((step, index) => step.startsWith(`${index + 1}. `)), `${where}: numbered steps`)
  }
})

t.test('every category, muscle group, difficulty and piece of equipment is covered', async (t) => {
  const used = (pick: (exercise: typeof SEED_EXERCISES[number]) => readonly string[]) =>
    new Set(SEED_EXERCISES.flatMap(pick))
  const categories = used((exercise) => [exercise.category])
  t.same(CATEGORIES.filter((category) => !categories.has(category)), [], 'categories')
  const difficulties = used((exercise) => [exercise.difficulty_level])
  t.same(DIFFICULTIES.filter((level) => !difficulties.has(level)), [], 'difficulties')
  const muscles = used((exercise) => [...exercise.primary_muscles, ...exercise.secondary_muscles])
  t.same(MUSCLE_GROUPS.filter((muscle) => !muscles.has(muscle)), [], 'muscle groups')
  const equipment = used((exercise) => exercise.equipment_needed)
  t.same(EQUIPMENT.filter((item) => !equipment.has(item)), [], 'equipment')
})
