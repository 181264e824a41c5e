import t from 'tap'
import { foldIntoBuckets, resolveRange } from '../../../src/modules/stats/periods.js'

t.test('resolveRange defaults to 12 buckets up to today', async (t) => {
  t.same(resolveRange('week', '2026-11-22'), { from: '2026-08-31', to: '2026-11-22' })
  t.same(resolveRange('month', '2026-11-22'), { from: '2025-12-01', to: '2026-11-22' })
  t.same(resolveRange('week', '2026-11-22', undefined, '2026-03-04'), { from: '2025-12-15', to: '2026-03-04' })
  t.same(resolveRange('week', '2026-11-22', '2026-11-01'), { from: '2026-11-01', to: '2026-11-22' })
})

t.test('resolveRange refuses reversed and over-long ranges', async (t) => {
  t.same(resolveRange('week', '2026-11-22', '2026-05-02', '2026-05-01'), { field: 'date_from', message: 'must be on or before date_to' })
  t.same(resolveRange('week', '2026-11-22', '2026-12-01'), { field: 'date_from', message: 'must be on or before date_to' }, 'a future start without an end')
  t.same(resolveRange('month', '2026-11-22', '2021-11-22', '2026-11-22'), { field: 'date_from', message: 'must be at most 5 years before date_to' })
  t.same(resolveRange('month', '2026-11-22', '2021-11-23', '2026-11-22'), { from: '2021-11-23', to: '2026-11-22' }, 'exactly five years')
})

t.test('foldIntoBuckets keeps empty buckets and drops rows outside', async (t) => {
  const rows = [{ day: '2026-03-02', n: 2 }, { day: '2026-03-08', n: 3 }, { day: '2026-03-20', n: 5 }, { day: '2026-04-01', n: 7 }]
  const buckets = foldIntoBuckets(rows, (r) => r.day, { from: '2026-03-02', to: '2026-03-22' }, 'week', () => ({ n: 0 }), (b, r) => { b.n += r.n })
  t.same(buckets, [{ start: '2026-03-02', n: 5 }, { start: '2026-03-09', n: 0 }, { start: '2026-03-16', n: 5 }])
})
