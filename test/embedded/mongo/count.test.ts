import t from 'tap'
import { lastReadStats } from '../../../src/embedded/mongo/index.js'
import { realMongo, target } from './target.js'

const { db, server } = await target('embedded_count')
const sets = db.collection('sets')
await sets.insertMany(Array.from({ length: 300 }, (_, i) => ({ i, user: `u${i % 3}`, heavy: i % 10 === 0, tags: i % 2 === 0 ? ['even'] : [] })))
await sets.createIndex({ user: 1 })

t.test('countDocuments with filters, skip and limit', async t => {
  t.equal(await sets.countDocuments(), 300)
  t.equal(await sets.countDocuments({ user: 'u1' }), 100)
  t.equal(await sets.countDocuments({ heavy: true }), 30)
  t.equal(await sets.countDocuments({ user: 'u1', i: { $gte: 150 } }), 50)
  t.equal(await sets.countDocuments({ tags: 'even', $or: [{ user: 'u0' }, { user: 'u2' }] }), 100)
  t.equal(await sets.countDocuments({ user: 'nobody' }), 0)
  t.equal(await sets.countDocuments({ user: 'u1' }, { skip: 90 }), 10)
  t.equal(await sets.countDocuments({ user: 'u1' }, { skip: 120 }), 0)
  t.equal(await sets.countDocuments({ user: 'u1' }, { limit: 20 }), 20)
  t.equal(await sets.countDocuments({ user: 'u1' }, { skip: 95, limit: 20 }), 5)
  t.equal(await sets.countDocuments({ user: 'u1' }, { skip: 10, limit: 20 }), 20)
})

t.test('count-shaped pipelines answer exactly what $group and $count would', async t => {
  t.same(await sets.aggregate([{ $match: { heavy: true } }, { $count: 'n' }]).toArray(), [{ n: 30 }])
  t.same(await sets.aggregate([{ $match: { heavy: 'no' } }, { $count: 'n' }]).toArray(), [], 'nothing counted, nothing returned')
  t.same(await sets.aggregate([{ $count: 'all' }]).toArray(), [{ all: 300 }])
  t.same(await sets.aggregate([{ $match: { user: 'u2' } }, { $limit: 40 }, { $skip: 30 }, { $count: 'n' }]).toArray(), [{ n: 10 }])
  t.same(await sets.aggregate([{ $match: { user: 'u2' } }, { $group: { _id: null, total: { $sum: 1 } } }]).toArray(), [{ _id: null, total: 100 }])
  t.same(await sets.aggregate([{ $match: { user: 'u2' } }, { $group: { _id: 'x', total: { $sum: 1 } } }]).toArray(), [{ _id: 'x', total: 100 }])
  t.same(await sets.aggregate([{ $match: { user: 'zz' } }, { $group: { _id: 1, n: { $sum: 1 } } }]).toArray(), [])
  // Not count shapes: they still go through the full pipeline.
  t.same(await sets.aggregate([{ $match: { user: 'u2' } }, { $group: { _id: '$heavy', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]).toArray(),
    [{ _id: false, n: 90 }, { _id: true, n: 10 }])
  t.same(await sets.aggregate([{ $match: { user: 'u2' } }, { $group: { _id: 1, n: { $sum: 2 } } }]).toArray(), [{ _id: 1, n: 200 }])
  t.equal((await db.command({ count: 'sets', query: { user: 'u0' }, skip: 95, limit: 3 })).n, 3)
  t.equal((await db.command({ count: 'missing', query: {} })).n, 0)
})

t.test('countDocuments uses the index and builds no documents', { skip: realMongo && 'embedded store internals' }, async t => {
  if (server === undefined) return
  await sets.countDocuments({ user: 'u1', heavy: true })
  t.match(lastReadStats(server, 'embedded_count', 'sets'), { index: 'user_1', docsExamined: 100 })
})
