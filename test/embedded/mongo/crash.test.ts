import t from 'tap'
import { type ChildProcess, spawn } from 'node:child_process'
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MongoClient } from 'mongodb'

const cli = fileURLToPath(new URL('../../../src/embedded/mongo/cli.ts', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'embedded-mongo-crash-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))

interface Running { child: ChildProcess, url: string }

/** Starts the standalone store as a child process and reads the URL it prints. */
async function start (): Promise<Running> {
  // Without the test runner's NODE_OPTIONS (coverage hooks): the child only needs tsx.
  const env = { ...process.env, NODE_OPTIONS: '' }
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--data-dir', dir, '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'], env })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('\n')) resolve(out.split('\n')[0].trim())
    })
    child.once('exit', code => reject(new Error(`store exited early with ${String(code)}`)))
  })
  return { child, url }
}

async function stop ({ child }: Running, signal: NodeJS.Signals): Promise<void> {
  const exited = new Promise(resolve => child.once('exit', resolve))
  child.kill(signal)
  await exited
}

async function withClient<T> (url: string, fn: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5000 })
  try { return await fn(client) } finally { await client.close() }
}

t.test('acknowledged writes survive SIGKILL, clean stops and a torn journal tail', async t => {
  let run = await start()
  await withClient(run.url, async client => {
    const users = client.db('crash').collection('users')
    await users.createIndex({ email: 1 }, { unique: true })
    await users.insertMany(Array.from({ length: 50 }, (_, i) => ({ email: `u${i}@x`, i, at: new Date(1_700_000_000_000 + i) })))
    await users.updateMany({ i: { $lt: 10 } }, { $set: { vip: true } })
    await users.deleteMany({ i: { $gte: 45 } })
    await users.findOneAndUpdate({ email: 'u0@x' }, { $inc: { logins: 1 } })
    await client.db('crash').collection('temp').insertOne({ gone: true })
    await client.db('crash').collection('temp').drop()
  })
  await stop(run, 'SIGKILL')
  // A write cut short by a crash leaves half a record at the end of the journal.
  const journal = readdirSync(dir).find(f => f.startsWith('journal-'))
  t.ok(journal)
  appendFileSync(join(dir, String(journal)), Buffer.from([200, 0, 0, 0, 1, 2, 3]))

  run = await start()
  await withClient(run.url, async client => {
    const users = client.db('crash').collection('users')
    t.equal(await users.countDocuments(), 45, 'inserts and deletes replayed from the journal')
    t.equal(await users.countDocuments({ vip: true }), 10)
    t.match(await users.findOne({ email: 'u0@x' }), { logins: 1, at: new Date(1_700_000_000_000) })
    t.same((await client.db('crash').listCollections().toArray()).map(c => c.name), ['users'])
    await t.rejects(users.insertOne({ email: 'u1@x' }), { code: 11000 }, 'unique index replayed')
    await users.insertOne({ email: 'after-restart@x' })
    await users.updateOne({ email: 'after-restart@x' }, { $set: { second: true } })
  })
  await stop(run, 'SIGTERM')
  t.ok(readdirSync(dir).includes('snapshot.bson'), 'a clean stop writes a snapshot')

  run = await start()
  await withClient(run.url, async client => {
    const users = client.db('crash').collection('users')
    t.equal(await users.countDocuments(), 46, 'snapshot loaded')
    t.match(await users.findOne({ email: 'after-restart@x' }), { second: true })
    await t.rejects(users.insertOne({ email: 'after-restart@x' }), { code: 11000 })
    t.same((await users.indexes()).map(i => i.name), ['_id_', 'email_1'])
  })
  await stop(run, 'SIGTERM')
})

t.test('group commit: with 32 concurrent writers every acknowledged write survives SIGKILL, w:0 and j:false writes before one too', async t => {
  rmSync(dir, { recursive: true, force: true })
  const run = await start()
  const client = new MongoClient(run.url, { maxPoolSize: 32, serverSelectionTimeoutMS: 5000 })
  const group = client.db('crash').collection<{ _id: number }>('group')
  // Unacknowledged writes and writes acknowledged before their journal flush (j: false), then one
  // journaled write: its commit covers everything appended before it.
  await group.insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: -1 - i })), { writeConcern: { w: 0 } })
  await group.insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: -21 - i })), { writeConcern: { j: false } })
  await group.insertOne({ _id: -100 })
  const acked: number[] = []
  let next = 0
  let killed: Promise<void> | undefined
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (killed === undefined) {
      const id = next++
      try { await group.insertOne({ _id: id }) } catch { return }
      acked.push(id)
      // Killed while the other writers' commands are between their apply and their fsync.
      if (acked.length === 300) killed = stop(run, 'SIGKILL')
    }
  }))
  await killed
  await client.close().catch(() => {})

  const again = await start()
  await withClient(again.url, async client => {
    const ids = new Set((await client.db('crash').collection('group').find({}, { projection: { _id: 1 } }).toArray()).map(d => Number(d._id)))
    t.same(acked.filter(id => !ids.has(id)), [], `all ${acked.length} acknowledged writes are there`)
    t.same(Array.from({ length: 40 }, (_, i) => -1 - i).filter(id => !ids.has(id)), [], 'the w:0 and j:false writes before a journaled one are there')
  })
  await stop(again, 'SIGTERM')
})

t.test('a snapshot larger than one write of records (1 MB) holds every document', async t => {
  rmSync(dir, { recursive: true, force: true })
  const padding = 'x'.repeat(1000)
  let run = await start()
  await withClient(run.url, async client => {
    await client.db('crash').collection<{ _id: number, padding: string }>('big').insertMany(Array.from({ length: 3000 }, (_, i) => ({ _id: i, padding })))
  })
  await stop(run, 'SIGTERM')
  run = await start()
  await withClient(run.url, async client => {
    const ids = (await client.db('crash').collection('big').find({ padding }, { projection: { _id: 1 } }).sort({ _id: 1 }).toArray()).map(d => d._id)
    t.same(ids, Array.from({ length: 3000 }, (_, i) => i), 'all 3 MB come back from the snapshot, in order')
  })
  await stop(run, 'SIGTERM')
})
