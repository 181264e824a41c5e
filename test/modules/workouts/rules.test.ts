import t from 'tap'
import {
  WORK_SECONDS_PER_SET, copyName, estimateDurationMinutes, exerciseListProblems, normalizeTags, referenceProblems, tagsFromQuery
} from '../../../src/modules/workouts/rules.js'

t.test('duration: Σ sets × (work + rest), rounded up to minutes', async (t) => {
  t.equal(WORK_SECONDS_PER_SET, 45)
  t.equal(estimateDurationMinutes([]), 0)
  t.equal(estimateDurationMinutes([{ target_sets: 4, rest_seconds: 90 }]), 9, '4 × 135 s = 540 s')
  t.equal(estimateDurationMinutes([{ target_sets: 1, rest_seconds: 0 }]), 1, '45 s rounds up')
  t.equal(estimateDurationMinutes([{ target_sets: 3, rest_seconds: 60 }, { target_sets: 2, rest_seconds: 15 }]), 8, '315 + 120 = 435 s, rounded up')
})

t.test('orders must be unique; each later duplicate is reported', async (t) => {
  t.same(exerciseListProblems([{ order: 1 }, { order: 2 }]), [])
  t.same(exerciseListProblems([{ order: 1 }, { order: 2 }, { order: 1 }, { order: 1 }]).map((problem) => problem.field),
    ['body/exercises/2/order', 'body/exercises/3/order'])
})

t.test('reps max must not be below min', async (t) => {
  t.same(exerciseListProblems([{ order: 1, target_reps_min: 8, target_reps_max: 8 }]), [])
  t.same(exerciseListProblems([{ order: 1, target_reps_min: 8, target_reps_max: null }]), [])
  t.same(exerciseListProblems([{ order: 1, target_reps_min: 8, target_reps_max: 6 }]),
    [{ field: 'body/exercises/0/target_reps_max', message: 'must be greater than or equal to target_reps_min' }])
})

t.test('references: visible to the owner; public workouts use library exercises only', async (t) => {
  const found = new Map([
    ['lib', { visible: true, is_custom: false }],
    ['own', { visible: true, is_custom: true }],
    ['theirs', { visible: false, is_custom: true }]
  ])
  const field = (index: number) => `x/${index}`
  t.same(referenceProblems(['lib', 'own'], found, false, field), [])
  t.match(referenceProblems(['lib', 'theirs', 'gone'], found, false, field), [
    { field: 'x/1', message: /does not exist/ },
    { field: 'x/2', message: /does not exist/ }
  ])
  t.match(referenceProblems(['lib', 'own'], found, true, field), [{ field: 'x/1', message: /library exercises only/ }])
})

t.test('tags are trimmed, lower-case and unique', async (t) => {
  t.same(normalizeTags([' Push', 'push', 'LEGS ']), ['push', 'legs'])
  t.same(tagsFromQuery('Push,,legs'), ['push', 'legs'])
})

t.test('copy names stay within the limit', async (t) => {
  t.equal(copyName('Legs', 200), 'Legs (copy)')
  const long = 'x'.repeat(200)
  t.equal(copyName(long, 200).length, 200)
  t.match(copyName(long, 200), / \(copy\)$/)
})
