import t from 'tap'
import { MongoBulkWriteError, MongoServerError } from 'mongodb'
import { lastReadStats } from '../../../src/embedded/mongo/index.js'
import { realMongo, target } from './target.js'

const { db, server } = await target('embedded_indexes')

t.test('unique index: insertOne, insertMany, updateOne, upsert, findOneAndUpdate', async t => {
  const users = db.collection('users')
  t.equal(await users.createIndex({ email: 1 }, { unique: true }), 'email_1')
  await users.insertOne({ email: 'a@x', handle: 'a' })
  const err = await users.insertOne({ email: 'a@x' }).catch((e: unknown) => e)
  t.ok(err instanceof MongoServerError)
  t.match(err, { code: 11000, keyPattern: { email: 1 }, keyValue: { email: 'a@x' } })
  t.match((err as Error).message, /^E11000 duplicate key error collection: embedded_indexes\.users index: email_1 dup key: \{ email: "a@x" \}$/)

  const bulk = await users.insertMany([{ email: 'b@x' }, { email: 'a@x' }, { email: 'c@x' }]).catch((e: unknown) => e)
  t.ok(bulk instanceof MongoBulkWriteError)
  t.equal((bulk as MongoBulkWriteError).insertedCount, 1)
  t.equal((bulk as MongoBulkWriteError).code, 11000)
  t.equal(await users.countDocuments({ email: 'c@x' }), 0, 'ordered insert stops at the duplicate')

  const unordered = await users.insertMany([{ email: 'd@x' }, { email: 'a@x' }, { email: 'e@x' }, { email: 'd@x' }], { ordered: false }).catch((e: unknown) => e)
  t.ok(unordered instanceof MongoBulkWriteError)
  t.equal((unordered as MongoBulkWriteError).insertedCount, 2)
  const writeErrors = (unordered as MongoBulkWriteError).writeErrors
  t.same((Array.isArray(writeErrors) ? writeErrors : [writeErrors]).map(e => e.index), [1, 3])

  await t.rejects(users.updateOne({ email: 'b@x' }, { $set: { email: 'a@x' } }), { code: 11000 })
  t.equal(await users.countDocuments({ email: 'b@x' }), 1, 'failed update left the document alone')
  await t.rejects(users.updateOne({ email: 'new@x' }, { $set: { email: 'a@x', x: 1 } }, { upsert: true }), { code: 11000 })
  await t.rejects(users.findOneAndUpdate({ email: 'd@x' }, { $set: { email: 'e@x' } }), { code: 11000 })
  await t.rejects(users.replaceOne({ email: 'd@x' }, { email: 'e@x' }), { code: 11000 })
  const ids = await users.find({}, { projection: { _id: 1 } }).toArray()
  await t.rejects(users.insertOne({ _id: ids[0]._id, email: 'z@x' }), { code: 11000, keyPattern: { _id: 1 } })
  t.equal(await users.countDocuments(), 4)
})

t.test('multi-update stops at the document that would duplicate', async t => {
  const slots = db.collection('slots')
  await slots.createIndex({ slot: 1 }, { unique: true })
  await slots.insertMany([{ slot: 1, g: 'x' }, { slot: 2, g: 'x' }, { slot: 3, g: 'y' }])
  await t.rejects(slots.updateMany({ g: 'x' }, { $set: { slot: 5 } }), { code: 11000 })
  t.equal(await slots.countDocuments({ slot: 5 }), 1, 'the first document was updated, the second was not')
  t.equal(await slots.countDocuments({ slot: 3 }), 1)
})

t.test('compound, sparse and partial unique indexes', async t => {
  const days = db.collection('days')
  await days.createIndex({ user: 1, day: 1 }, { unique: true })
  await days.insertMany([{ user: 1, day: '2024-01-01' }, { user: 1, day: '2024-01-02' }, { user: 2, day: '2024-01-01' }])
  const err = await days.insertOne({ user: 1, day: '2024-01-02' }).catch((e: unknown) => e)
  t.match(err, { code: 11000, keyPattern: { user: 1, day: 1 }, keyValue: { user: 1, day: '2024-01-02' } })

  const sparse = db.collection('sparse')
  await sparse.createIndex({ code: 1 }, { unique: true, sparse: true })
  await sparse.insertMany([{ a: 1 }, { a: 2 }, { code: 'x' }])
  await t.rejects(sparse.insertOne({ code: 'x' }), { code: 11000 })

  const partial = db.collection('partial')
  await partial.createIndex({ name: 1 }, { unique: true, partialFilterExpression: { active: true } })
  await partial.insertMany([{ name: 'n', active: false }, { name: 'n', active: false }, { name: 'n', active: true }])
  await t.rejects(partial.insertOne({ name: 'n', active: true }), { code: 11000 })
  await t.rejects(partial.updateOne({ active: false }, { $set: { active: true } }), { code: 11000 })

  const missing = db.collection('nulls')
  await missing.createIndex({ k: 1 }, { unique: true })
  await missing.insertOne({ other: 1 })
  await t.rejects(missing.insertOne({ other: 2 }), { code: 11000 }, 'a missing field is a null key')
})

t.test('createIndex over existing duplicates fails; list and drop indexes', async t => {
  const c = db.collection('dups')
  await c.insertMany([{ v: 1 }, { v: 1 }, { w: 1 }])
  await t.rejects(c.createIndex({ v: 1 }, { unique: true }), { code: 11000 })
  t.same((await c.indexes()).map(i => i.name), ['_id_'])
  t.equal(await c.createIndex({ v: 1, w: -1 }), 'v_1_w_-1')
  t.equal(await c.createIndex({ w: 1 }, { name: 'by_w' }), 'by_w')
  t.same((await c.indexes()).map(i => [i.name, i.key]), [['_id_', { _id: 1 }], ['v_1_w_-1', { v: 1, w: -1 }], ['by_w', { w: 1 }]])
  await c.dropIndex('by_w')
  await t.rejects(c.dropIndex('by_w'), { code: 27 })
  await c.dropIndexes()
  t.same((await c.indexes()).map(i => i.name), ['_id_'])
  await t.rejects(db.collection('no_such_coll').indexes(), { code: 26 })
})

t.test('indexed reads examine only matching documents', { skip: realMongo && 'store internals' }, async t => {
  if (server === undefined) return
  const c = db.collection('perf')
  await c.insertMany(Array.from({ length: 1000 }, (_, i) => ({ k: i % 100, u: i, a: i % 10, b: i % 7 })))
  await c.createIndex({ k: 1 })
  await c.createIndex({ a: 1, b: 1 })
  const stats = (): unknown => lastReadStats(server, 'embedded_indexes', 'perf')
  t.equal((await c.find({ k: 5 }).toArray()).length, 10)
  t.match(stats(), { index: 'k_1', docsExamined: 10 })
  t.equal((await c.find({ k: { $in: [1, 2, 3] } }).toArray()).length, 30)
  t.match(stats(), { index: 'k_1', docsExamined: 30 })
  t.equal((await c.find({ k: { $gte: 10, $lt: 12 }, u: { $lt: 500 } }).toArray()).length, 10)
  t.match(stats(), { index: 'k_1', docsExamined: 20 })
  t.equal((await c.find({ a: 3, b: { $gt: 4 } }).toArray()).length, (await c.find({}).toArray()).filter(d => d.a === 3 && d.b > 4).length)
  await c.find({ a: 3, b: { $gt: 4 } }).toArray()
  t.match(stats(), { index: 'a_1_b_1' })
  await c.find({ a: 3 }).toArray()
  t.match(stats(), { index: 'a_1_b_1', docsExamined: 100 })
  await c.find({ u: 5 }).toArray()
  t.match(stats(), { index: null, docsExamined: 1000 })
  t.same((await c.aggregate([{ $match: { k: 7 } }, { $count: 'n' }]).toArray()), [{ n: 10 }])
  t.match(stats(), { index: 'k_1', docsExamined: 0 }, 'an equality the index answers is counted from the index')
  t.same((await c.find({}).sort({ k: -1 }).limit(3).toArray()).map(d => d.k), [99, 99, 99])
  t.match(stats(), { index: 'k_1', docsExamined: 3 })
})

t.test('sort on an index after its equality prefix walks the index; equality counts come from the index', async t => {
  const c = db.collection<{ _id: number, u: string, at?: Date, done: boolean }>('walk')
  const base = 1_700_000_000_000
  // Integer _ids (their index keys do not sort numerically), ties on `at`, some documents without `at`.
  await c.insertMany(Array.from({ length: 600 }, (_, i) => ({ _id: i, u: `u${i % 3}`, done: i % 4 === 0, ...(i % 37 === 0 ? {} : { at: new Date(base + (i % 50) * 1000) }) })))
  await c.createIndex({ u: 1, at: -1 })
  const stats = (): { index: string | null, docsExamined: number } | undefined => server === undefined ? undefined : lastReadStats(server, 'embedded_indexes', 'walk')
  const all = await c.find({}).toArray()
  const at = (d: { at?: Date }): number => d.at?.getTime() ?? -Infinity
  const expected = (keep: (d: typeof all[number]) => boolean, dir: 1 | -1): number[] =>
    all.filter(keep).sort((a, b) => dir * (at(a) - at(b) || a._id - b._id)).map(d => d._id)

  t.same((await c.find({ u: 'u1' }).sort({ at: -1, _id: -1 }).skip(20).limit(20).toArray()).map(d => d._id), expected(d => d.u === 'u1', -1).slice(20, 40))
  if (server !== undefined) {
    t.equal(stats()?.index, 'u_1_at_-1')
    t.ok((stats()?.docsExamined ?? 0) <= 50, `a page of 20 after 20 examines the page, not the user's 200 (${String(stats()?.docsExamined)})`)
  }
  t.same((await c.find({ u: 'u2' }).sort({ at: 1, _id: 1 }).limit(7).toArray()).map(d => d._id), expected(d => d.u === 'u2', 1).slice(0, 7), 'missing `at` sorts first')
  t.same((await c.find({ u: 'u0', done: true }).sort({ at: -1, _id: 1 }).limit(5).toArray()).map(d => d._id),
    all.filter(d => d.u === 'u0' && d.done).sort((a, b) => at(b) - at(a) || a._id - b._id).slice(0, 5).map(d => d._id), 'other conditions are re-checked')
  t.same((await c.find({ u: 'u0' }).sort({ at: -1 }).limit(3).toArray()).map(d => d.at), expected(d => d.u === 'u0', -1).slice(0, 3).map(id => all[id].at))

  t.equal(await c.countDocuments({ u: 'u1' }), 200)
  if (server !== undefined) t.match(stats(), { index: 'u_1_at_-1', docsExamined: 0 }, 'counted without reading a document')
  t.equal(await c.countDocuments({ u: { $in: ['u1', 'u2', 'nobody'] } }), 400)
  t.equal(await c.countDocuments({ u: 'u1' }, { skip: 150, limit: 100 }), 50)
  t.equal((await db.command({ count: 'walk', query: { u: { $eq: 'u2' } } })).n, 200)
  if (server !== undefined) t.match(stats(), { index: 'u_1_at_-1', docsExamined: 0 })
  t.equal(await c.countDocuments({ u: 'u1', done: true }), all.filter(d => d.u === 'u1' && d.done).length)
  if (server !== undefined) t.match(stats(), { index: 'u_1_at_-1', docsExamined: 200 }, 'a condition the index does not hold reads the documents')
})

t.test('plan cache: one index choice per filter shape, until the indexes change', { skip: realMongo && 'store internals' }, async t => {
  if (server === undefined) return
  const c = db.collection<{ _id: number, g: number | number[], h: number, s: string }>('plans')
  await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: i, g: i % 10, h: i % 3, s: `s${i % 5}` })))
  await c.createIndex({ g: 1 })
  await c.createIndex({ s: 1 })
  const all = await c.find({}).toArray()
  const stats = (): unknown => lastReadStats(server, 'embedded_indexes', 'plans')
  const found = async (filter: Record<string, unknown>): Promise<number[]> => (await c.find(filter).sort({ _id: 1 }).toArray()).map(d => d._id)
  const expected = (keep: (d: typeof all[number]) => boolean): number[] => all.filter(keep).map(d => d._id)

  t.same(await found({ g: 1, h: 2 }), expected(d => d.g === 1 && d.h === 2))
  t.match(stats(), { index: 'g_1', planCacheHit: false })
  t.same(await found({ g: 4, h: 0 }), expected(d => d.g === 4 && d.h === 0), 'other values of one shape')
  t.match(stats(), { index: 'g_1', planCacheHit: true })
  t.same(await found({ g: { $in: [1, 2] }, h: 1 }), expected(d => [1, 2].includes(d.g as number) && d.h === 1))
  t.same(await found({ g: { $in: [3, 4, 5] }, h: 1 }), expected(d => [3, 4, 5].includes(d.g as number) && d.h === 1), '$in arity is not part of the shape')
  t.match(stats(), { index: 'g_1', planCacheHit: true })
  t.same(await found({ s: { $in: ['s3', 's2'] } }), expected(d => ['s3', 's2'].includes(d.s)))
  t.same(await found({ s: { $in: [/^s1$/, 's2'] } }), expected(d => ['s1', 's2'].includes(d.s)), 'a regex is never looked up in the index')
  t.match(stats(), { index: null, planCacheHit: false })

  await c.createIndex({ g: 1, h: 1 })
  t.same(await found({ g: 1, h: 2 }), expected(d => d.g === 1 && d.h === 2))
  t.match(stats(), { index: 'g_1_h_1', planCacheHit: false }, 'a new, better index is used at once')
  t.same(await found({ g: 5, h: 2 }), expected(d => d.g === 5 && d.h === 2))
  t.match(stats(), { index: 'g_1_h_1', planCacheHit: true })
  await c.dropIndex('g_1_h_1')
  t.same(await found({ g: 7, h: 1 }), expected(d => d.g === 7 && d.h === 1), 'a dropped index is not used')
  t.match(stats(), { index: 'g_1', planCacheHit: false })
  await db.command({ collMod: 'plans', index: { name: 'g_1', hidden: true } })
  t.same(await found({ g: 2, h: 2 }), expected(d => d.g === 2 && d.h === 2))
  t.match(stats(), { index: null, planCacheHit: false }, 'a hidden index is not used')
  await db.command({ collMod: 'plans', index: { name: 'g_1', hidden: false } })

  t.same((await c.find({}).sort({ g: 1 }).limit(3).toArray()).map(d => d.g), [0, 0, 0])
  t.match(stats(), { index: 'g_1', planCacheHit: false })
  t.same((await c.find({}).sort({ g: -1 }).limit(3).toArray()).map(d => d.g), [9, 9, 9])
  await c.insertOne({ _id: 1000, g: [-1, 50], h: 0, s: 's0' })
  t.same((await c.find({}).sort({ g: -1 }).limit(2).toArray()).map(d => d._id), [1000, 9], 'a multikey index is no longer walked')
  t.match(stats(), { planCacheHit: false })
})

t.test('equality counts from index entries: duplicates, $in, after deletes and updates', async t => {
  const c = db.collection<{ _id: number, g: number, h: number }>('counted')
  await c.insertMany(Array.from({ length: 500 }, (_, i) => ({ _id: i, g: i % 7, h: i % 4 })))
  await c.createIndex({ g: 1, h: 1 })
  const check = async (label: string): Promise<void> => {
    const all = await c.find({}).toArray()
    const n = (keep: (d: typeof all[number]) => boolean): number => all.filter(keep).length
    t.equal(await c.countDocuments({ g: 3 }), n(d => d.g === 3), `${label}: prefix`)
    if (server !== undefined) t.match(lastReadStats(server, 'embedded_indexes', 'counted'), { index: 'g_1_h_1', docsExamined: 0 })
    t.equal(await c.countDocuments({ g: 3, h: 1 }), n(d => d.g === 3 && d.h === 1), `${label}: full key`)
    t.equal(await c.countDocuments({ g: { $in: [3, 4, 3, 99] } }), n(d => d.g === 3 || d.g === 4), `${label}: $in with a repeated value`)
    t.equal(await c.countDocuments({ g: { $in: [3, 4] }, h: { $in: [1, 1, 2] } }), n(d => (d.g === 3 || d.g === 4) && (d.h === 1 || d.h === 2)), `${label}: $in × $in`)
    if (server !== undefined) t.match(lastReadStats(server, 'embedded_indexes', 'counted'), { index: 'g_1_h_1', docsExamined: 0 })
  }
  await check('inserted')
  await c.deleteMany({ g: 3, h: 0 })
  await c.deleteOne({ _id: 4 })
  await check('after deletes')
  await c.updateMany({ g: 4, h: 2 }, { $set: { g: 3 } })
  await c.updateOne({ _id: 10 }, { $set: { h: 1 } })
  await check('after updates')
})

t.test('an empty $in on an indexed field matches nothing: find, sorted page, count', async t => {
  const c = db.collection<{ _id: number, g: number, at: number }>('empty_in')
  await c.insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: i, g: i % 3, at: i })))
  await c.createIndex({ g: 1, at: -1 })
  t.same(await c.find({ g: { $in: [] } }).toArray(), [])
  t.same(await c.find({ g: { $in: [] }, at: { $gte: 0 } }).sort({ at: -1, _id: -1 }).limit(5).toArray(), [])
  t.equal(await c.countDocuments({ g: { $in: [] } }), 0)
})
