import t from 'tap'
import { Decimal128, Long, MongoServerError, ObjectId } from 'mongodb'
import { target } from './target.js'

const { db } = await target('embedded_crud')

t.test('insert and find round-trip BSON types', async t => {
  const coll = db.collection('types')
  const id = new ObjectId()
  const when = new Date('2024-03-05T06:07:08.009Z')
  const doc = {
    _id: id,
    when,
    big: Long.fromString('9007199254740993'),
    price: Decimal128.fromString('12.50'),
    nothing: null,
    nested: { a: [1, { b: 'two' }], deep: { ok: true } },
    float: 1.5,
    text: 'héllo'
  }
  const res = await coll.insertOne(doc)
  t.same(res.insertedId, id)
  const found = await coll.findOne({ _id: new ObjectId(id.toHexString()) })
  t.ok(found)
  t.equal(found?.when.getTime(), when.getTime())
  t.equal(String(found?.big), '9007199254740993')
  t.equal(found?.price.toString(), '12.50')
  t.equal(found?.nothing, null)
  t.same(found?.nested, { a: [1, { b: 'two' }], deep: { ok: true } })
  t.equal(found?.float, 1.5)
  t.equal(found?.text, 'héllo')
  t.same(Object.keys(found ?? {})[0], '_id')
  const generated = await coll.insertOne({ x: 1 })
  t.ok(generated.insertedId instanceof ObjectId)
  t.equal(await coll.countDocuments({ when: { $gte: new Date('2024-01-01') } }), 1)
})

t.test('cursors beyond the first batch', async t => {
  const coll = db.collection('many')
  await coll.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })))
  const all = await coll.find({}, { batchSize: 100 }).sort({ i: 1 }).toArray()
  t.equal(all.length, 250)
  t.same(all.map(d => d.i), Array.from({ length: 250 }, (_, i) => i))
  const cursor = coll.find({ i: { $gte: 50 } }).batchSize(10)
  let n = 0
  for await (const doc of cursor) if (doc.i >= 50) n++
  t.equal(n, 200)
  const early = coll.find({}).batchSize(5)
  await early.next()
  await early.close()
  t.same((await coll.find({}).sort({ i: -1 }).skip(10).limit(3).toArray()).map(d => d.i), [239, 238, 237])
  t.same(await coll.find({ i: 7 }, { projection: { _id: 0, i: 1 } }).toArray(), [{ i: 7 }])
  t.equal((await coll.find({}).limit(-5).toArray()).length, 5)
})

t.test('update operators, replacement, upsert, multi, arrayFilters', async t => {
  interface Row { _id: number | ObjectId, name: string, n?: number, tags?: string[], sets?: Array<{ reps: number }>, kind?: string, upper?: string }
  const coll = db.collection<Row>('updates')
  await coll.insertMany([
    { _id: 1, name: 'a', n: 1, tags: ['x'], sets: [{ reps: 5 }, { reps: 12 }] },
    { _id: 2, name: 'b', n: 2, tags: [] },
    { _id: 3, name: 'c', n: 3 }
  ])
  const one = await coll.updateOne({ name: 'a' }, { $inc: { n: 10 }, $push: { tags: 'y' }, $set: { 'meta.seen': true } })
  t.match(one, { matchedCount: 1, modifiedCount: 1, upsertedCount: 0 })
  t.same(await coll.findOne({ _id: 1 }, { projection: { sets: 0 } }), { _id: 1, name: 'a', n: 11, tags: ['x', 'y'], meta: { seen: true } })
  t.same(Object.keys(await coll.findOne({ _id: 1 }, { projection: { meta: 1, n: true, name: 1 } }) ?? {}), ['_id', 'name', 'n', 'meta'], 'fields in document order, _id first')
  t.same(Object.keys(await coll.findOne({ _id: 1 }, { projection: { _id: 0, tags: 0 } }) ?? {}), ['name', 'n', 'sets', 'meta'])
  const same = await coll.updateOne({ name: 'a' }, { $set: { n: 11 } })
  t.match(same, { matchedCount: 1, modifiedCount: 0 })
  const many = await coll.updateMany({ n: { $lt: 5 } }, { $mul: { n: 2 }, $unset: { tags: '' } })
  t.match(many, { matchedCount: 2, modifiedCount: 2 })
  t.same(await coll.findOne({ _id: 2 }), { _id: 2, name: 'b', n: 4 })
  const filtered = await coll.updateOne({ _id: 1 }, { $set: { 'sets.$[s].heavy': true } }, { arrayFilters: [{ 's.reps': { $lt: 10 } }] })
  t.equal(filtered.modifiedCount, 1)
  t.same((await coll.findOne({ _id: 1 }))?.sets, [{ reps: 5, heavy: true }, { reps: 12 }])
  const positional = await coll.updateOne({ _id: 1, 'sets.reps': 12 }, { $inc: { 'sets.$.reps': 1 } })
  t.equal(positional.modifiedCount, 1)
  t.same((await coll.findOne({ _id: 1 }))?.sets?.[1], { reps: 13 })
  const replaced = await coll.replaceOne({ _id: 3 }, { name: 'c2' })
  t.match(replaced, { matchedCount: 1, modifiedCount: 1 })
  t.same(await coll.findOne({ _id: 3 }), { _id: 3, name: 'c2' })
  const up = await coll.updateOne({ name: 'z', kind: { $eq: 'k' } }, { $set: { n: 1 }, $setOnInsert: { created: true } }, { upsert: true })
  t.equal(up.upsertedCount, 1)
  t.ok(up.upsertedId instanceof ObjectId)
  t.match(await coll.findOne({ name: 'z' }), { name: 'z', kind: 'k', n: 1, created: true })
  const again = await coll.updateOne({ name: 'z' }, { $set: { n: 2 }, $setOnInsert: { created: false } }, { upsert: true })
  t.match(again, { matchedCount: 1, modifiedCount: 1, upsertedCount: 0 })
  t.match(await coll.findOne({ name: 'z' }), { n: 2, created: true })
  const upReplace = await coll.replaceOne({ _id: 9 }, { name: 'nine' }, { upsert: true })
  t.equal(upReplace.upsertedId, 9)
  await t.rejects(coll.updateOne({ _id: 9 }, { $set: { _id: 10 } }), { code: 66 })
  await t.rejects(coll.updateOne({}, { $bogus: { a: 1 } } as never), MongoServerError)
  const pipeline = await coll.updateOne({ _id: 9 }, [{ $set: { upper: { $toUpper: '$name' } } }])
  t.equal(pipeline.modifiedCount, 1)
  t.equal((await coll.findOne({ _id: 9 }))?.upper, 'NINE')
})

t.test('$pull with a logical condition applies it as a query to each element, as MongoDB does', async t => {
  const coll = db.collection('pulls')
  await coll.insertOne({ _id: 1, leases: [{ id: 'a', at: 5 }, { id: 'b', at: 50 }, { id: 'c', at: 1 }, 7], other: [1, 2, 3] } as never)
  const res = await coll.updateOne({ _id: 1 } as never, { $pull: { leases: { $or: [{ id: 'a' }, { at: { $lt: 2 } }] }, other: { $gte: 3 } } } as never)
  t.equal(res.modifiedCount, 1)
  t.same(await coll.findOne({ _id: 1 } as never), { _id: 1, leases: [{ id: 'b', at: 50 }, 7], other: [1, 2] })
  await coll.updateOne({ _id: 1 } as never, { $pull: { leases: { $nor: [{ id: 'b' }] } } } as never)
  t.same((await coll.findOne({ _id: 1 } as never))?.leases, [{ id: 'b', at: 50 }, 7], 'non-documents never match a query')
  await t.rejects(coll.updateOne({ 'leases.id': 'b' } as never, { $pull: { 'leases.$': { $or: [{ id: 'b' }] } } } as never), { code: 2 }, 'positional form refused, not ignored')
})

t.test('delete, count, distinct', async t => {
  const coll = db.collection('deletes')
  await coll.insertMany([{ g: 'a', v: 1 }, { g: 'a', v: 2 }, { g: 'b', v: [3, 4] }, { g: 'c' }, { g: null }])
  t.same((await coll.distinct('g')).sort(), ['a', 'b', 'c', null].sort())
  t.same((await coll.distinct('v')).sort(), [1, 2, 3, 4])
  t.same(await coll.distinct('v', { g: 'a' }), [1, 2])
  t.equal(await coll.countDocuments({ g: 'a' }), 2)
  t.equal(await coll.countDocuments({}, { skip: 1, limit: 2 }), 2)
  t.equal(await coll.estimatedDocumentCount(), 5)
  t.equal((await coll.deleteOne({ g: 'a' })).deletedCount, 1)
  t.equal((await coll.deleteMany({ g: { $in: ['a', 'b'] } })).deletedCount, 2)
  t.equal((await coll.deleteMany({ nope: 1 })).deletedCount, 0)
  t.equal(await coll.countDocuments(), 2)
  t.equal(await db.collection('never_created').countDocuments(), 0)
  t.equal(await db.collection('never_created').findOne({}), null)
})

t.test('findOneAndUpdate / Replace / Delete', async t => {
  const coll = db.collection('fam')
  await coll.insertMany([{ k: 1, v: 'a' }, { k: 2, v: 'b' }, { k: 3, v: 'c' }])
  const before = await coll.findOneAndUpdate({ k: { $gte: 2 } }, { $set: { v: 'B' } }, { sort: { k: 1 } })
  t.match(before, { k: 2, v: 'b' })
  const after = await coll.findOneAndUpdate({ k: 3 }, { $inc: { k: 10 } }, { returnDocument: 'after', projection: { _id: 0 } })
  t.same(after, { k: 13, v: 'c' })
  const missing = await coll.findOneAndUpdate({ k: 99 }, { $set: { v: 'x' } })
  t.equal(missing, null)
  const upserted = await coll.findOneAndUpdate({ k: 99 }, { $set: { v: 'x' } }, { upsert: true, returnDocument: 'after' })
  t.match(upserted, { k: 99, v: 'x' })
  const meta = await coll.findOneAndUpdate({ k: 100 }, { $set: { v: 'y' } }, { upsert: true, includeResultMetadata: true })
  t.equal(meta.value, null)
  t.equal(meta.lastErrorObject?.updatedExisting, false)
  t.ok(meta.lastErrorObject?.upserted)
  const replaced = await coll.findOneAndReplace({ k: 1 }, { k: 1, v: 'new' }, { returnDocument: 'after' })
  t.match(replaced, { k: 1, v: 'new' })
  const deleted = await coll.findOneAndDelete({ k: { $gt: 0 } }, { sort: { k: -1 } })
  t.match(deleted, { k: 100 })
  t.equal(await coll.countDocuments(), 4)
})
