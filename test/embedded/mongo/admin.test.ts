import t from 'tap'
import { Long, MongoBulkWriteError, MongoServerError } from 'mongodb'
import { target } from './target.js'

const { client, db } = await target('embedded_admin')

t.test('handshake and server commands', async t => {
  const hello = await db.admin().command({ hello: 1 })
  t.match(hello, { isWritablePrimary: true, maxBsonObjectSize: 16777216, maxMessageSizeBytes: 48000000, maxWriteBatchSize: 100000, ok: 1 })
  t.ok(hello.maxWireVersion >= 21)
  t.ok(hello.localTime instanceof Date)
  t.equal(typeof hello.connectionId, 'number')
  t.match(await db.command({ ping: 1 }), { ok: 1 })
  t.match(await db.admin().buildInfo(), { version: String, ok: 1 })
  const err = await db.command({ noSuchCommand: 1 }).catch((e: unknown) => e)
  t.ok(err instanceof MongoServerError)
  t.match(err, { code: 59, codeName: 'CommandNotFound' })
})

t.test('create, listCollections, drop, dropDatabase, listDatabases', async t => {
  await db.createCollection('alpha')
  await t.rejects(db.createCollection('alpha', { capped: true, size: 4096 }), { code: 48 })
  await db.collection('beta').insertOne({ x: 1 })
  const names = (await db.listCollections().toArray()).map(c => c.name).sort()
  t.same(names, ['alpha', 'beta'])
  const filtered = await db.listCollections({ name: 'beta' }).toArray()
  t.equal(filtered.length, 1)
  t.match(filtered[0], { name: 'beta', type: 'collection' })
  t.same((await db.listCollections({}, { nameOnly: true }).toArray()).map(c => c.name).sort(), ['alpha', 'beta'])
  t.equal(await db.collection('alpha').drop(), true)
  t.same((await db.listCollections().toArray()).map(c => c.name), ['beta'])
  const dbs = await client.db().admin().listDatabases()
  t.ok(dbs.databases.some(d => d.name === 'embedded_admin'))
  const other = client.db('embedded_admin_other')
  await other.collection('c').insertOne({ y: 1 })
  t.equal(await other.dropDatabase(), true)
  t.equal(await other.collection('c').countDocuments(), 0)
  t.notOk((await client.db().admin().listDatabases()).databases.some(d => d.name === 'embedded_admin_other'))
})

t.test('bulkWrite, ordered and unordered', async t => {
  const coll = db.collection('bulk')
  await coll.createIndex({ k: 1 }, { unique: true })
  const res = await coll.bulkWrite([
    { insertOne: { document: { k: 1, v: 'a' } } },
    { insertOne: { document: { k: 2, v: 'b' } } },
    { updateOne: { filter: { k: 1 }, update: { $set: { v: 'A' } } } },
    { updateMany: { filter: {}, update: { $inc: { n: 1 } } } },
    { replaceOne: { filter: { k: 2 }, replacement: { k: 2, v: 'B' } } },
    { updateOne: { filter: { k: 3 }, update: { $set: { v: 'c' } }, upsert: true } },
    { deleteOne: { filter: { k: 1 } } }
  ])
  t.match(res, { insertedCount: 2, matchedCount: 4, modifiedCount: 4, deletedCount: 1, upsertedCount: 1 })
  t.same(await coll.find({}, { projection: { _id: 0 } }).sort({ k: 1 }).toArray(), [{ k: 2, v: 'B' }, { k: 3, v: 'c' }])

  const ordered = await coll.bulkWrite([
    { insertOne: { document: { k: 10 } } },
    { insertOne: { document: { k: 2 } } },
    { insertOne: { document: { k: 11 } } }
  ]).catch((e: unknown) => e)
  t.ok(ordered instanceof MongoBulkWriteError)
  t.equal((ordered as MongoBulkWriteError).result.insertedCount, 1)
  t.equal(await coll.countDocuments({ k: 11 }), 0)

  const unordered = await coll.bulkWrite([
    { insertOne: { document: { k: 20 } } },
    { insertOne: { document: { k: 2 } } },
    { updateOne: { filter: { k: 20 }, update: { $set: { k: 3 } } } },
    { deleteMany: { filter: { k: { $gte: 10 } } } }
  ], { ordered: false }).catch((e: unknown) => e)
  t.ok(unordered instanceof MongoBulkWriteError)
  const writeErrors = (unordered as MongoBulkWriteError).writeErrors
  t.same((Array.isArray(writeErrors) ? writeErrors : [writeErrors]).map(e => [e.index, e.code]), [[1, 11000], [2, 11000]])
  t.equal((unordered as MongoBulkWriteError).result.deletedCount, 2)
  t.same(await coll.find({}, { projection: { _id: 0, k: 1 } }).sort({ k: 1 }).toArray(), [{ k: 2 }, { k: 3 }])
})

t.test('numbers compare across int, long and double', async t => {
  const coll = db.collection('numbers')
  await coll.insertMany([{ v: 1 }, { v: Long.fromNumber(2) }, { v: 2.5 }, { v: 'str' }])
  t.equal(await coll.countDocuments({ v: { $gt: 1 } }), 2)
  t.equal(await coll.countDocuments({ v: 2 }), 1)
  t.same((await coll.find({}, { projection: { _id: 0 } }).sort({ v: -1 }).toArray()).map(d => String(d.v)), ['str', '2.5', '2', '1'])
})
