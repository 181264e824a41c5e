import t from 'tap'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { type Db, MongoClient, MongoServerError } from 'mongodb'
import { type EmbeddedMongo, runTtlMonitor, startEmbeddedMongo } from '../../../src/embedded/mongo/index.js'
import { realMongo, target } from './target.js'

// TTL indexes as mongod 7.0 has them. The option checks also run against MONGODB_URL; expiry
// needs the store's monitor hook (a real mongod expires on its own 60 s clock).
const { db } = await target('embedded_ttl')

const HOUR = 3600_000
const ago = (ms: number): Date => new Date(Date.now() - ms)

async function codeOf (op: Promise<unknown>): Promise<number | undefined> {
  return await op.then(() => undefined, (err: unknown) => err instanceof MongoServerError ? Number(err.code) : -1)
}

t.test('createIndex validates expireAfterSeconds as mongod does', async t => {
  const coll = db.collection('checks')
  t.equal(await coll.createIndex({ at: 1 }, { expireAfterSeconds: 3600 }), 'at_1')
  t.match((await coll.listIndexes().toArray()).find(i => i.name === 'at_1'), { key: { at: 1 }, expireAfterSeconds: 3600 })
  t.equal(await coll.createIndex({ at: 1 }, { expireAfterSeconds: 3600 }), 'at_1', 'the same TTL index again is a no-op')
  t.equal(await codeOf(coll.createIndex({ at: 1 }, { expireAfterSeconds: 60 })), 85, 'another value is collMod\'s job')
  t.equal(await codeOf(coll.createIndex({ b: 1 }, { expireAfterSeconds: -1 })), 67)
  t.equal(await codeOf(coll.createIndex({ b: 1 }, { expireAfterSeconds: 2 ** 31 })), 67)
  t.equal(await codeOf(db.command({ createIndexes: 'checks', indexes: [{ key: { b: 1 }, name: 'b_1', expireAfterSeconds: 'soon' }] })), 67)
  t.equal(await codeOf(coll.createIndex({ b: 1, c: 1 }, { expireAfterSeconds: 60 })), 67, 'compound')
  t.equal(await codeOf(coll.createIndex({ _id: 1 }, { expireAfterSeconds: 60 })), 197, 'not on _id')
  t.equal(await coll.createIndex({ zero: 1 }, { expireAfterSeconds: 0 }), 'zero_1')
  t.equal(await coll.createIndex({ most: 1 }, { expireAfterSeconds: 2 ** 31 - 1 }), 'most_1')
})

t.test('collMod changes expireAfterSeconds or makes an index TTL; bad requests answer like mongod', async t => {
  const coll = db.collection('modded')
  await coll.createIndex({ at: 1 }, { expireAfterSeconds: 3600 })
  await coll.createIndex({ plain: 1 })
  await coll.createIndex({ a: 1, b: 1 })
  t.match(await db.command({ collMod: 'modded', index: { keyPattern: { at: 1 }, expireAfterSeconds: 10 } }),
    { expireAfterSeconds_old: 3600, expireAfterSeconds_new: 10, ok: 1 })
  t.match((await coll.listIndexes().toArray()).find(i => i.name === 'at_1'), { expireAfterSeconds: 10 })
  const made = await db.command({ collMod: 'modded', index: { name: 'plain_1', expireAfterSeconds: 5 } })
  t.match(made, { expireAfterSeconds_new: 5, ok: 1 })
  t.notOk('expireAfterSeconds_old' in made, 'no old value for an index that was not TTL')
  t.equal(await codeOf(db.command({ collMod: 'modded', index: { name: 'a_1_b_1', expireAfterSeconds: 5 } })), 72, 'compound')
  t.equal(await codeOf(db.command({ collMod: 'modded', index: { name: '_id_', expireAfterSeconds: 5 } })), 72, '_id')
  t.equal(await codeOf(db.command({ collMod: 'modded', index: { name: 'at_1', expireAfterSeconds: -5 } })), 72)
  t.equal(await codeOf(db.command({ collMod: 'modded', index: { name: 'at_1', expireAfterSeconds: 'x' } })), 14)
  t.equal(await codeOf(db.command({ collMod: 'modded', index: { name: 'nope', expireAfterSeconds: 5 } })), 27)
  t.equal(await codeOf(db.command({ collMod: 'modded', index: { name: 'at_1', keyPattern: { at: 1 }, expireAfterSeconds: 5 } })), 72)
})

/**
 * A copy of a running store's files: what a crash (SIGKILL) would leave, since a clean close
 * writes a snapshot of memory and so would hide a change that never reached the journal.
 */
function crashCopy (dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'embedded-mongo-ttl-'))
  cpSync(dir, copy, { recursive: true })
  t.teardown(() => { rmSync(copy, { recursive: true, force: true }) })
  return copy
}

/** A store of the test's own on `dir`, with the driver connected. */
async function open (dir: string, ttlMonitorSleepSecs?: number): Promise<{ server: EmbeddedMongo, client: MongoClient, db: Db, stop: () => Promise<void> }> {
  const server = await startEmbeddedMongo({ dataDir: dir, ttlMonitorSleepSecs })
  const client = new MongoClient(server.url, { serverSelectionTimeoutMS: 5000 })
  const stop = async (): Promise<void> => { await client.close(); await server.close() }
  return { server, client, db: client.db('ttl'), stop }
}

t.test('the monitor deletes expired dates only, through the journal, and collMod and restarts keep the setting', { skip: realMongo && 'needs the store\'s monitor hook' }, async t => {
  const dir = mkdtempSync(join(tmpdir(), 'embedded-mongo-ttl-'))
  t.teardown(() => { rmSync(dir, { recursive: true, force: true }) })
  let run = await open(dir)
  let sessions = run.db.collection('sessions')
  await sessions.createIndex({ at: 1 }, { expireAfterSeconds: 3600 })
  await sessions.createIndex({ tag: 1 }, { unique: true })
  await sessions.insertMany([
    { tag: 'old', at: ago(2 * HOUR) },
    { tag: 'fresh', at: ago(60_000) },
    { tag: 'future', at: new Date(Date.now() + HOUR) },
    { tag: 'old-in-array', at: [new Date(Date.now() + HOUR), ago(3 * HOUR)] },
    { tag: 'fresh-array', at: [ago(60_000), new Date(Date.now() + HOUR)] },
    { tag: 'string', at: ago(2 * HOUR).toISOString() },
    { tag: 'number', at: ago(2 * HOUR).getTime() },
    { tag: 'null', at: null },
    { tag: 'missing' }
  ])
  const tags = async (): Promise<string[]> => (await sessions.find({}, { sort: { tag: 1 } }).toArray()).map(d => String(d.tag))

  t.equal(await runTtlMonitor(run.server), 2)
  t.same(await tags(), ['fresh', 'fresh-array', 'future', 'missing', 'null', 'number', 'string'])
  t.equal(await sessions.countDocuments({ at: { $lt: new Date() } }), 2, 'the date index no longer holds the deleted documents')
  await sessions.insertOne({ tag: 'old' }) // the unique index let go of the deleted key
  await sessions.deleteOne({ tag: 'old' })

  t.match(await run.db.command({ collMod: 'sessions', index: { name: 'at_1', expireAfterSeconds: 30 } }),
    { expireAfterSeconds_old: 3600, expireAfterSeconds_new: 30 })
  let crashed = crashCopy(dir)
  await run.stop()

  run = await open(crashed)
  sessions = run.db.collection('sessions')
  t.match((await sessions.listIndexes().toArray()).find(i => i.name === 'at_1'), { expireAfterSeconds: 30 }, 'collMod survives a crash')
  t.same(await tags(), ['fresh', 'fresh-array', 'future', 'missing', 'null', 'number', 'string'], 'expired documents stay deleted')
  t.equal(await runTtlMonitor(run.server), 2, 'a minute old is now expired')
  crashed = crashCopy(crashed) // before any other command could flush the journal for the monitor
  t.same(await tags(), ['future', 'missing', 'null', 'number', 'string'])
  await run.stop()

  // The timer, not the hook: a short interval expires a new document on its own.
  run = await open(crashed, 0.02)
  sessions = run.db.collection('sessions')
  t.same(await tags(), ['future', 'missing', 'null', 'number', 'string'], 'the monitor\'s deletions were journaled')
  await sessions.insertOne({ tag: 'soon', at: ago(31_000) })
  const deadline = Date.now() + 5000
  while (await sessions.countDocuments({ tag: 'soon' }) > 0 && Date.now() < deadline) await delay(10)
  t.equal(await sessions.countDocuments({ tag: 'soon' }), 0, 'the timer ran the monitor')
  await run.stop()
})
