import t from 'tap'
import { assignSetNumbers, hasMetric, setKey } from '../../../src/modules/logs/rules.js'

t.test('a set needs at least one measurement; zero counts, null does not', async (t) => {
  t.equal(hasMetric({}), false)
  t.equal(hasMetric({ reps: null, weight: null }), false)
  t.equal(hasMetric({ reps: 0 }), true)
  t.equal(hasMetric({ distance: 1.5 }), true)
  t.equal(hasMetric({ duration_seconds: 30, weight: null }), true)
})

t.test('missing set numbers continue each pair\'s count, explicit ones are kept and counted', async (t) => {
  const a = setKey('s1', 'e1')
  const b = setKey('s1', 'e2')
  const stored = new Map([[a, 2]])
  t.same(assignSetNumbers([{ key: a }, { key: b }, { key: a }, { key: a, set_number: 9 }, { key: a }], stored), [3, 1, 4, 9, 6])
})

t.test('numbering past the maximum yields null', async (t) => {
  const a = setKey('s1', 'e1')
  t.same(assignSetNumbers([{ key: a }, { key: a }], new Map([[a, 99]])), [100, null])
})
