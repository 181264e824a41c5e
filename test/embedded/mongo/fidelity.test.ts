import t, { type Test } from 'tap'
import { MongoServerError } from 'mongodb'
import { target } from './target.js'

// Written to pass unchanged against MongoDB 7.0 (MONGODB_URL): where MongoDB has a feature the
// store refuses, the test accepts MongoDB's exact answer or the store's refusal (115), never a
// third, silently different answer.
const { client, db } = await target('embedded_fidelity')

const NOT_SUPPORTED = 115

/** MongoDB's answer checked by `same`, or the store's refusal with code 115. */
async function sameOrRefused<T> (t: Test, op: () => Promise<T>, same: (value: T) => Promise<void> | void): Promise<void> {
  let value: T
  try {
    value = await op()
  } catch (err) {
    t.ok(err instanceof MongoServerError, String(err))
    t.equal((err as MongoServerError).code, NOT_SUPPORTED, (err as Error).message)
    return
  }
  await same(value)
}

async function codeOf (op: Promise<unknown>): Promise<number | undefined> {
  return await op.then(() => undefined, (err: unknown) => err instanceof MongoServerError ? Number(err.code) : -1)
}

t.test('create: a view, a time series or a clustered collection is never an ordinary collection', async t => {
  const src = db.collection('src')
  await src.insertMany([{ a: 1 }, { a: 2 }, { a: 3 }])
  await sameOrRefused(t, async () => await db.createCollection('big', { viewOn: 'src', pipeline: [{ $match: { a: { $gte: 2 } } }] }),
    async () => { t.equal(await db.collection('big').countDocuments(), 2, 'the view shows the matching source documents') })
  await sameOrRefused(t, async () => await db.createCollection('series', { timeseries: { timeField: 'at' } }),
    async () => { t.match(await db.listCollections({ name: 'series' }).next(), { type: 'timeseries' }) })
  await sameOrRefused(t, async () => await db.createCollection('clustered', { clusteredIndex: { key: { _id: 1 }, unique: true, name: 'by_id' } }),
    async () => { t.match(await db.listCollections({ name: 'clustered' }).next(), { options: { clusteredIndex: { name: 'by_id' } } }) })
  await sameOrRefused(t, async () => await db.createCollection('capped', { capped: true, size: 4096, max: 1 }),
    async () => {
      await db.collection('capped').insertMany([{ n: 1 }, { n: 2 }])
      t.equal(await db.collection('capped').countDocuments(), 1, 'max keeps one document')
    })
  await sameOrRefused(t, async () => await db.createCollection('checked', { validator: { n: { $type: 'int' } } }),
    async () => { t.equal(await codeOf(db.collection('checked').insertOne({ n: 'x' })), 121, 'the validator refuses') })
  t.equal(await codeOf(db.command({ create: 'odd', notAnOption: 1 })), 40415, 'unknown create field')
})

t.test('_id: operator-shaped, array and regex values are refused; null is a value', async t => {
  const coll = db.collection('ids')
  t.equal(await codeOf(coll.insertOne({ _id: { $a: 1 } as never })), 52)
  t.equal(await codeOf(coll.insertOne({ _id: { a: { $b: 1 } } as never })), 52)
  t.equal(await codeOf(coll.insertOne({ _id: [1, 2] as never })), 53)
  t.equal(await codeOf(coll.insertOne({ _id: /x/ as never })), 53)
  t.equal(await coll.countDocuments(), 0, 'nothing was stored')
  const res = await coll.replaceOne({ k: 1 }, { _id: null, k: 1 } as never, { upsert: true })
  t.equal(res.upsertedId, null)
  t.same(await coll.findOne({ _id: null } as never), { _id: null, k: 1 })
})

t.test('a bad filter is an error even where no document is there to match it', async t => {
  for (const name of ['missing_coll', 'empty_coll']) {
    if (name === 'empty_coll') await db.createCollection(name)
    const coll = db.collection(name)
    t.equal(await codeOf(coll.find({ $unsupportedQueryOperator: 1 }).toArray()), 2, `${name}: find, top level`)
    t.equal(await codeOf(coll.find({ a: { $unsupportedQueryOperator: 1 } }).toArray()), 2, `${name}: find, field`)
    t.equal(await codeOf(coll.countDocuments({ $unsupportedQueryOperator: 1 })), 2, `${name}: countDocuments`)
    t.equal(await codeOf(coll.aggregate([{ $match: { $unsupportedQueryOperator: 1 } }]).toArray()), 2, `${name}: aggregate`)
    t.equal(await codeOf(coll.updateOne({ $unsupportedQueryOperator: 1 }, { $set: { a: 1 } })), 2, `${name}: update`)
    t.equal(await codeOf(coll.deleteMany({ $unsupportedQueryOperator: 1 })), 2, `${name}: delete`)
    t.equal(await codeOf(coll.findOneAndDelete({ $unsupportedQueryOperator: 1 })), 2, `${name}: findAndModify`)
  }
})

t.test('updates: pipeline $replaceRoot keeps _id; sort (8.0) is unknown to 7.0', async t => {
  const coll = db.collection('upd')
  await coll.insertOne({ _id: 1, a: { b: 2 } } as never)
  const res = await coll.updateOne({ _id: 1 } as never, [{ $replaceRoot: { newRoot: '$a' } }])
  t.equal(res.modifiedCount, 1)
  t.same(await coll.findOne({ _id: 1 } as never), { _id: 1, b: 2 })
  await coll.insertMany([{ _id: 2, s: 1 }, { _id: 3, s: 2 }] as never)
  const sorted = { updates: [{ q: {}, u: { $set: { hit: true } }, sort: { s: -1 } }] }
  t.equal(await codeOf(db.command({ update: 'upd', ...sorted })), 40415, 'update.updates.sort')
  t.equal(await coll.countDocuments({ hit: true }), 0, 'and nothing changed')
  t.equal(await codeOf(db.command({ update: 'upd', updates: [{ q: {}, u: { $set: { hit: true } }, notAnOption: 1 }] })), 40415)
  t.equal(await codeOf(db.command({ find: 'upd', filter: {}, notAnOption: 1 })), 40415, 'unknown find field')
  t.equal(await codeOf(db.command({ distinct: 'upd', key: 's', hint: { _id: 1 } })), 40415, 'distinct hint is 7.1+')
  t.equal(await codeOf(coll.aggregate([{ $project: { s: { $sigmoid: '$s' } } }]).toArray()), 168, '$sigmoid is 8.2')
  const info = await db.admin().command({ buildInfo: 1 })
  t.match(info.version, /^7\.0\./)
  t.equal((await db.admin().command({ hello: 1 })).maxWireVersion, 21, '7.0 speaks wire version 21')
})

t.test('let variables in find, aggregate, update, delete, findAndModify and bulk writes', async t => {
  const coll = db.collection('vars')
  await coll.insertMany([{ _id: 1, n: 1 }, { _id: 2, n: 2 }, { _id: 3, n: 3 }] as never)
  const byLet = { $expr: { $eq: ['$n', '$$target'] } }
  t.same(await coll.find(byLet, { let: { target: 2 } }).toArray(), [{ _id: 2, n: 2 }])
  t.same(await coll.find(byLet, { let: { target: { $add: [1, 2] } } }).toArray(), [{ _id: 3, n: 3 }], 'let values are expressions')
  t.same(await coll.aggregate([{ $match: byLet }, { $project: { _id: 1, twice: { $multiply: ['$n', '$$k'] } } }], { let: { target: 1, k: 2 } }).toArray(), [{ _id: 1, twice: 2 }])
  t.equal(await coll.countDocuments(byLet, { let: { target: 3 } } as never), 1)
  const up = await coll.updateOne(byLet, [{ $set: { tag: '$$label' } }], { let: { target: 1, label: 'one' } })
  t.equal(up.modifiedCount, 1)
  t.equal((await coll.findOne({ _id: 1 } as never))?.tag, 'one')
  const fam = await coll.findOneAndUpdate(byLet, { $set: { seen: true } }, { let: { target: 2 }, returnDocument: 'after' })
  t.match(fam, { _id: 2, seen: true })
  const bulk = await coll.bulkWrite([
    { updateMany: { filter: { $expr: { $gte: ['$n', '$$low'] } }, update: { $inc: { n: 10 } } } },
    { deleteOne: { filter: { $expr: { $eq: ['$n', { $add: ['$$low', 11] }] } } } }
  ], { let: { low: 2 } })
  t.match(bulk, { modifiedCount: 2, deletedCount: 1 })
  t.equal((await coll.deleteMany(byLet, { let: { target: 12 } })).deletedCount, 1)
  t.same(await coll.find({}, { projection: { _id: 1 } }).toArray(), [{ _id: 1 }])
  t.equal(await codeOf(coll.find({ $expr: { $eq: ['$n', '$$nope'] } }).toArray()), 17276, 'an undefined variable')
  t.equal(await codeOf(coll.find({}, { let: { Upper: 1 } }).toArray()), 16867, 'a variable name starts with a lower-case letter')
  t.equal(await codeOf(coll.find({}, { let: { 'a-b': 1 } }).toArray()), 16868, 'and holds letters, digits and _')
})

t.test('$-prefixed field names inside documents (MongoDB 5.0+)', async t => {
  const coll = db.collection('dollars')
  await coll.insertOne({ _id: 1, $price: 50, location: { $db: 'novels', $inc: true } } as never)
  t.same(await coll.findOne({ _id: 1 } as never), { _id: 1, $price: 50, location: { $db: 'novels', $inc: true } })
  await coll.replaceOne({ _id: 1 } as never, { address: { $street: 'Elm' } })
  t.same(await coll.findOne({ _id: 1 } as never), { _id: 1, address: { $street: 'Elm' } })
  const got = await coll.aggregate([{ $project: { _id: 0, street: { $getField: { field: { $literal: '$street' }, input: '$address' } } } }]).toArray()
  t.same(got, [{ street: 'Elm' }])
})

t.test('collMod hides and unhides an index; options it lacks are refused', async t => {
  const coll = db.collection('modded')
  await coll.insertMany([{ k: 1 }, { k: 2 }])
  await coll.createIndex({ k: 1 }, { name: 'k_1', unique: true })
  t.match(await db.command({ collMod: 'modded', index: { name: 'k_1', hidden: true } }), { hidden_old: false, hidden_new: true, ok: 1 })
  t.match((await coll.listIndexes().toArray()).find(i => i.name === 'k_1'), { hidden: true })
  t.equal(await codeOf(coll.insertOne({ k: 1 })), 11000, 'a hidden unique index still enforces uniqueness')
  t.equal(await codeOf(coll.find({ k: 1 }).hint('k_1').toArray()), 2, 'a hidden index cannot be hinted')
  t.same((await coll.find({ k: 2 }, { projection: { _id: 0 } }).toArray()), [{ k: 2 }])
  t.match(await db.command({ collMod: 'modded', index: { keyPattern: { k: 1 }, hidden: false } }), { hidden_old: true, hidden_new: false })
  t.notOk((await coll.listIndexes().toArray()).find(i => i.name === 'k_1')?.hidden)
  t.equal(await codeOf(db.command({ collMod: 'modded', index: { name: 'nope', hidden: true } })), 27)
  t.equal(await codeOf(db.command({ collMod: 'no_such_coll', index: { name: 'k_1', hidden: true } })), 26)
  t.equal(await codeOf(coll.find({}).hint('nope').toArray()), 2, 'hint to a missing index')
  t.equal(await codeOf(db.command({ createIndexes: 'modded', indexes: [{ key: { k: -1 }, name: 'odd', notAnIndexOption: 1 }] })), 197)
  t.match(await db.command({ collMod: 'modded', index: { name: 'k_1', expireAfterSeconds: 60 } }), { expireAfterSeconds_new: 60, ok: 1 },
    'a TTL setting is implemented (test/embedded/mongo/ttl.test.ts)')
})

t.test('$listLocalSessions: a clear refusal', async t => {
  await sameOrRefused(t, async () => await client.db('admin').aggregate([{ $listLocalSessions: {} }]).toArray(), (sessions) => { t.ok(Array.isArray(sessions)) })
})

t.test('update operators refuse a field of the wrong type, as MongoDB does, and change nothing', async t => {
  const coll = db.collection('operand_types')
  await coll.insertOne({ _id: 1, n: 'text', a: 's', nested: { list: 'x' } } as never)
  const cases: Array<[object, number]> = [
    [{ $inc: { n: 1 } }, 14], [{ $mul: { n: 2 } }, 14], [{ $inc: { count: 'x' } }, 14],
    [{ $push: { a: 1 } }, 2], [{ $addToSet: { a: 1 } }, 2], [{ $pull: { a: 1 } }, 2], [{ $pullAll: { a: [1] } }, 2],
    [{ $pop: { a: 1 } }, 14], [{ $push: { 'nested.list': 1 } }, 2], [{ $set: { ok: true }, $inc: { n: 1 } }, 14]
  ]
  for (const [update, code] of cases) t.equal(await codeOf(coll.updateOne({ _id: 1 } as never, update)), code, JSON.stringify(update))
  t.same(await coll.findOne({ _id: 1 } as never), { _id: 1, n: 'text', a: 's', nested: { list: 'x' } })
  await coll.updateOne({ _id: 1 } as never, { $inc: { missing: 2 }, $push: { alsoMissing: 1 }, $pull: { gone: 1 } } as never)
  t.match(await coll.findOne({ _id: 1 } as never), { missing: 2, alsoMissing: [1] }, 'an absent field is no mismatch')
})
