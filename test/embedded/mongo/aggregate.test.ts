import t from 'tap'
import { MongoServerError } from 'mongodb'
import { target } from './target.js'

const { db } = await target('embedded_aggregate')
const logs = db.collection('logs')
await logs.insertMany([
  { user: 'u1', ex: 'squat', reps: 5, weight: 100, at: new Date('2024-01-01T10:00:00Z') },
  { user: 'u1', ex: 'squat', reps: 5, weight: 110, at: new Date('2024-01-03T10:00:00Z') },
  { user: 'u1', ex: 'bench', reps: 8, weight: 60, at: new Date('2024-01-08T23:30:00Z') },
  { user: 'u2', ex: 'squat', reps: 3, weight: 140, at: new Date('2024-01-07T02:00:00Z') }
])
await db.collection<{ _id: string, muscle: string }>('exercises').insertMany([{ _id: 'squat', muscle: 'legs' }, { _id: 'bench', muscle: 'chest' }])

t.test('$group, $sort, $project, $addFields', async t => {
  const volume = await logs.aggregate([
    { $group: { _id: '$ex', volume: { $sum: { $multiply: ['$reps', '$weight'] } }, n: { $sum: 1 }, best: { $max: '$weight' } } },
    { $sort: { _id: 1 } }
  ]).toArray()
  t.same(volume, [{ _id: 'bench', volume: 480, n: 1, best: 60 }, { _id: 'squat', volume: 1470, n: 3, best: 140 }])
  const e1rm = await logs.aggregate([
    { $match: { user: 'u1', ex: 'squat' } },
    { $addFields: { e1rm: { $round: [{ $multiply: ['$weight', { $add: [1, { $divide: ['$reps', 30] }] }] }, 1] } } },
    { $set: { heavy: { $gte: ['$weight', 110] } } },
    { $project: { _id: 0, weight: 1, e1rm: 1, heavy: 1 } },
    { $sort: { e1rm: -1 } }
  ]).toArray()
  t.same(e1rm, [{ weight: 110, e1rm: 128.3, heavy: true }, { weight: 100, e1rm: 116.7, heavy: false }])
  const paged = await logs.aggregate([{ $sort: { weight: -1 } }, { $skip: 1 }, { $limit: 2 }, { $project: { _id: 0, weight: 1 } }]).toArray()
  t.same(paged, [{ weight: 110 }, { weight: 100 }])
  const expr = await logs.aggregate([{ $match: { $expr: { $gt: [{ $multiply: ['$reps', '$weight'] }, 450] } } }, { $count: 'n' }]).toArray()
  t.same(expr, [{ n: 3 }])
})

t.test('date operators with time zones', async t => {
  const days = await logs.aggregate([
    { $sort: { at: 1 } },
    {
      $project: {
        _id: 0,
        utc: { $dateToString: { date: '$at', format: '%Y-%m-%d' } },
        ny: { $dateToString: { date: '$at', format: '%Y-%m-%d %H:%M', timezone: 'America/New_York' } },
        iso: { $isoWeek: '$at' },
        week: { $week: '$at' },
        sundayWeek: { $dateTrunc: { date: '$at', unit: 'week' } },
        mondayWeek: { $dateTrunc: { date: '$at', unit: 'week', startOfWeek: 'monday' } },
        month: { $month: { date: '$at', timezone: 'America/New_York' } }
      }
    }
  ]).toArray()
  t.same(days, [
    { utc: '2024-01-01', ny: '2024-01-01 05:00', iso: 1, week: 0, sundayWeek: new Date('2023-12-31T00:00:00Z'), mondayWeek: new Date('2024-01-01T00:00:00Z'), month: 1 },
    { utc: '2024-01-03', ny: '2024-01-03 05:00', iso: 1, week: 0, sundayWeek: new Date('2023-12-31T00:00:00Z'), mondayWeek: new Date('2024-01-01T00:00:00Z'), month: 1 },
    { utc: '2024-01-07', ny: '2024-01-06 21:00', iso: 1, week: 1, sundayWeek: new Date('2024-01-07T00:00:00Z'), mondayWeek: new Date('2024-01-01T00:00:00Z'), month: 1 },
    { utc: '2024-01-08', ny: '2024-01-08 18:30', iso: 2, week: 1, sundayWeek: new Date('2024-01-07T00:00:00Z'), mondayWeek: new Date('2024-01-08T00:00:00Z'), month: 1 }
  ])
  const perDay = await logs.aggregate([
    { $group: { _id: { $dateToString: { date: '$at', format: '%Y-%m-%d', timezone: 'America/New_York' } }, sets: { $sum: 1 } } },
    { $sort: { _id: 1 } }
  ]).toArray()
  t.same(perDay, [{ _id: '2024-01-01', sets: 1 }, { _id: '2024-01-03', sets: 1 }, { _id: '2024-01-06', sets: 1 }, { _id: '2024-01-08', sets: 1 }])
})

t.test('$lookup, $unwind, $facet, $count', async t => {
  const byMuscle = await logs.aggregate([
    { $lookup: { from: 'exercises', localField: 'ex', foreignField: '_id', as: 'info' } },
    { $unwind: '$info' },
    { $group: { _id: '$info.muscle', sets: { $sum: 1 } } },
    { $sort: { sets: -1 } }
  ]).toArray()
  t.same(byMuscle, [{ _id: 'legs', sets: 3 }, { _id: 'chest', sets: 1 }])
  const tags = db.collection('tagged')
  await tags.insertMany([{ t: ['a', 'b'] }, { t: ['b'] }, { t: [] }])
  const unwound = await tags.aggregate([{ $unwind: '$t' }, { $group: { _id: '$t', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]).toArray()
  t.same(unwound, [{ _id: 'a', n: 1 }, { _id: 'b', n: 2 }])
  const facet = await logs.aggregate([{
    $facet: {
      total: [{ $count: 'n' }],
      heavy: [{ $match: { weight: { $gte: 110 } } }, { $count: 'n' }],
      users: [{ $group: { _id: '$user' } }, { $sort: { _id: 1 } }]
    }
  }]).toArray()
  t.same(facet, [{ total: [{ n: 4 }], heavy: [{ n: 2 }], users: [{ _id: 'u1' }, { _id: 'u2' }] }])
})

t.test('$top and $bottom return one output, $topN and $bottomN a list', async t => {
  const picks = await logs.aggregate([
    { $match: { user: 'u1' } },
    {
      $group: {
        _id: '$user',
        top: { $top: { sortBy: { weight: 1 }, output: ['$weight', '$ex'] } },
        bottom: { $bottom: { sortBy: { weight: 1 }, output: '$ex' } },
        topN: { $topN: { n: 2, sortBy: { weight: -1 }, output: '$weight' } },
        bottomN: { $bottomN: { n: 2, sortBy: { weight: -1 }, output: ['$weight'] } }
      }
    }
  ]).toArray()
  t.same(picks, [{ _id: 'u1', top: [60, 'bench'], bottom: 'squat', topN: [110, 100], bottomN: [[100], [60]] }])
})

t.test('aggregate cursor with batchSize and getMore', async t => {
  const many = db.collection('many')
  await many.insertMany(Array.from({ length: 250 }, (_, i) => ({ i, odd: i % 2 })))
  const docs = await many.aggregate([{ $match: { odd: 1 } }, { $sort: { i: -1 } }], { batchSize: 20 }).toArray()
  t.equal(docs.length, 125)
  t.equal(docs[0].i, 249)
  t.equal(docs[124].i, 1)
  const all = await many.aggregate([{ $project: { _id: 0, i: 1 } }]).batchSize(100).toArray()
  t.equal(all.length, 250)
})

t.test('bad pipelines answer errors', async t => {
  const err = await logs.aggregate([{ $noSuchStage: {} }]).toArray().catch((e: unknown) => e)
  t.ok(err instanceof MongoServerError)
  t.equal((err as MongoServerError).code, 40324)
  await t.rejects(logs.aggregate([{ $project: { x: { $noSuchOperator: 1 } } }]).toArray(), MongoServerError)
})
