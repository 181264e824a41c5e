import t from 'tap'
import { ObjectId } from 'mongodb'
import { emptySnapshot, mergeSnapshots, snapshotOf, type SetShapeRow } from '../../../src/modules/stats/snapshot.js'
import { recordsOf } from '../../../src/modules/stats/records.js'

const bench = new ObjectId()
const s1 = new ObjectId()
const s2 = new ObjectId()
const jan = new Date('2026-01-10T10:00:00Z')
const feb = new Date('2026-02-10T10:00:00Z')
const shape = (weight: number | null, reps: number | null, sets: number, at: Date, session: ObjectId): SetShapeRow =>
  ({ _id: { exercise_id: bench, weight, reps }, sets, at, session_id: session, last: at })

t.test('snapshotOf folds pipeline rows into totals, days and exercise aggregates', async (t) => {
  const snapshot = snapshotOf(
    [{ _id: '2026-01-10', sessions: 1, duration_minutes: 50, volume: 1300, sets: 3, reps: 13, last: jan }],
    [shape(100, 5, 1, jan, s1), shape(100, 4, 2, jan, s1), shape(null, 12, 1, jan, s1)],
    [{ _id: bench, volume: 1300, at: jan, session_id: s1 }]
  )
  t.same(snapshot.totals, { completed: 1, duration_minutes: 50, volume: 1300, sets: 3, reps: 13, last_workout_at: jan })
  t.same(snapshot.days, ['2026-01-10'])
  const [e] = snapshot.exercises
  t.equal(e.sets, 4)
  t.equal(e.reps, 5 + 8 + 12)
  t.equal(e.volume, 500 + 800)
  t.same(e.rep_records.map((r) => [r.weight, r.reps]), [[0, 12], [100, 5]], 'most reps per weight; no load counts as 0')
  t.same(e.best_session, { volume: 1300, at: jan, session_id: s1 })
})

t.test('merging two slices gives what one slice of everything gives', async (t) => {
  const older = snapshotOf(
    [{ _id: '2026-01-10', sessions: 1, duration_minutes: 50, volume: 500, sets: 1, reps: 5, last: jan }],
    [shape(100, 5, 1, jan, s1)],
    [{ _id: bench, volume: 500, at: jan, session_id: s1 }])
  const newer = snapshotOf(
    [{ _id: '2026-02-10', sessions: 1, duration_minutes: 40, volume: 1010, sets: 2, reps: 11, last: feb }],
    [shape(100, 5, 1, feb, s2), shape(85, 6, 1, feb, s2)],
    [{ _id: bench, volume: 1010, at: feb, session_id: s2 }])
  const whole = snapshotOf(
    [{ _id: '2026-01-10', sessions: 1, duration_minutes: 50, volume: 500, sets: 1, reps: 5, last: jan },
      { _id: '2026-02-10', sessions: 1, duration_minutes: 40, volume: 1010, sets: 2, reps: 11, last: feb }],
    [{ ...shape(100, 5, 2, jan, s1), last: feb }, shape(85, 6, 1, feb, s2)],
    [{ _id: bench, volume: 1010, at: feb, session_id: s2 }])
  const merged = mergeSnapshots(older, newer)
  t.same(merged, whole)
  t.same(mergeSnapshots(emptySnapshot(), merged), merged, 'the empty snapshot is neutral')
  const records = recordsOf(merged.exercises[0], 'epley')
  t.same(records.heaviest_weight, { weight: 100, achieved_at: jan.toISOString(), session_id: s1.toHexString() }, 'a tie keeps the first time')
  t.same(records.best_e1rm, { value: 116.67, weight: 100, reps: 5, achieved_at: jan.toISOString(), session_id: s1.toHexString() })
})

t.test('a heavier or longer set in a later slice beats the record, keeping when the weight was first lifted', async (t) => {
  const older = snapshotOf([], [shape(100, 3, 1, jan, s1)], [])
  const newer = snapshotOf([], [shape(100, 6, 1, feb, s2)], [])
  const [e] = mergeSnapshots(older, newer).exercises
  t.same(e.rep_records, [{ weight: 100, reps: 6, at: feb, session_id: s2, first_at: jan, first_session_id: s1 }])
  const records = recordsOf(e, 'brzycki')
  t.same(records.heaviest_weight, { weight: 100, achieved_at: jan.toISOString(), session_id: s1.toHexString() })
  t.same(records.best_e1rm, { value: 116.13, weight: 100, reps: 6, achieved_at: feb.toISOString(), session_id: s2.toHexString() })
  t.same(records.most_reps, [{ weight: 100, reps: 6, achieved_at: feb.toISOString(), session_id: s2.toHexString() }])
  t.equal(records.best_session_volume, null, 'no session volume row, no record')
})

t.test('records of sets without load or reps', async (t) => {
  const [e] = snapshotOf([], [shape(null, 20, 3, jan, s1), shape(null, null, 2, jan, s1)], []).exercises
  const records = recordsOf(e, 'epley')
  t.equal(records.heaviest_weight, null)
  t.equal(records.best_e1rm, null)
  t.same(records.most_reps, [{ weight: 0, reps: 20, achieved_at: jan.toISOString(), session_id: s1.toHexString() }])
  t.equal(e.sets, 5)
})
