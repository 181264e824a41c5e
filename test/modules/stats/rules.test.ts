import t from 'tap'
import { brzycki, epley, estimateOneRepMax, round2, setVolume } from '../../../src/modules/stats/rules.js'
import { streaks } from '../../../src/modules/stats/streaks.js'

t.test('setVolume is reps × weight, 0 without both', async (t) => {
  t.equal(setVolume(5, 100), 500)
  t.equal(setVolume(8, 62.5), 500)
  t.equal(setVolume(null, 100), 0)
  t.equal(setVolume(10, null), 0)
  t.equal(setVolume(null, null), 0)
})

t.test('epley: w × (1 + reps/30), one rep is the weight itself', async (t) => {
  t.equal(epley(100, 1), 100)
  t.equal(epley(100, 10), 100 * (1 + 10 / 30))
  t.equal(round2(epley(100, 10)!), 133.33)
  t.equal(epley(60, 30), 120)
  t.equal(epley(100, 0), null)
  t.equal(epley(0, 5), null)
  t.equal(epley(-10, 5), null)
})

t.test('brzycki: w × 36 / (37 − reps), none from 37 reps on', async (t) => {
  t.equal(brzycki(100, 1), 100)
  t.equal(brzycki(100, 10), 100 * 36 / 27)
  t.equal(round2(brzycki(100, 10)!), 133.33)
  t.equal(brzycki(90, 5), 101.25)
  t.equal(brzycki(100, 36), 3600)
  t.equal(brzycki(100, 37), null)
  t.equal(brzycki(100, 50), null)
  t.equal(brzycki(100, 0), null)
  t.equal(brzycki(0, 5), null)
})

t.test('estimateOneRepMax picks the formula', async (t) => {
  t.equal(estimateOneRepMax('epley', 90, 5), 105)
  t.equal(estimateOneRepMax('brzycki', 90, 5), 101.25)
})

t.test('streaks: longest run and the current one', async (t) => {
  t.same(streaks([], '2026-11-22'), { current: 0, longest: 0 })
  t.same(streaks(['2026-11-22'], '2026-11-22'), { current: 1, longest: 1 }, 'a single day today')
  t.same(streaks(['2026-11-21'], '2026-11-22'), { current: 1, longest: 1 }, 'yesterday keeps the streak alive')
  t.same(streaks(['2026-11-20'], '2026-11-22'), { current: 0, longest: 1 }, 'two days ago breaks it')
  t.same(streaks(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-10', '2026-11-21', '2026-11-22'], '2026-11-22'), { current: 2, longest: 3 })
  t.same(streaks(['2026-11-20', '2026-11-20', '2026-11-21', '2026-11-21'], '2026-11-21'), { current: 2, longest: 2 }, 'duplicates count once')
  t.same(streaks(['2026-02-27', '2026-02-28', '2026-03-01'], '2026-03-02'), { current: 3, longest: 3 }, 'across a month end')
  t.same(streaks(['2024-02-28', '2024-02-29', '2024-03-01'], '2024-03-01'), { current: 3, longest: 3 }, 'leap day')
  t.same(streaks(['2025-12-31', '2026-01-01'], '2026-01-05'), { current: 0, longest: 2 }, 'across a year end')
  t.same(streaks(['2026-03-28', '2026-03-29', '2026-03-30'], '2026-03-30'), { current: 3, longest: 3 }, 'local days across the Berlin DST change are plain days')
})
