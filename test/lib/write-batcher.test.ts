import t from 'tap'
import { type CommandStartedEvent, MongoClient } from 'mongodb'
import { createWriteBatcher } from '../../src/lib/write-batcher.js'
import { target } from '../embedded/mongo/target.js'

const { url } = await target('write_batcher')
const client = new MongoClient(url, { monitorCommands: true })
t.teardown(() => client.close())
const db = client.db('write_batcher')
const docs = db.collection<{ _id: number, n: number }>('docs')
const updatesSent: CommandStartedEvent[] = []
client.on('commandStarted', (event) => { if (event.commandName === 'update') updatesSent.push(event) })

t.beforeEach(async () => {
  await docs.deleteMany({})
  await docs.insertMany(Array.from({ length: 30 }, (_, i) => ({ _id: i, n: 0 })))
  updatesSent.length = 0
})

t.test('a lone update goes at once, as one statement', async (t) => {
  const batcher = createWriteBatcher(docs)
  await batcher.updateMany({ _id: 1 }, { $inc: { n: 1 } })
  t.match(await docs.findOne({ _id: 1 }), { n: 1 })
  t.equal(updatesSent.length, 1)
  t.equal(updatesSent[0].command.updates.length, 1)
})

t.test('updates asked for while one is on its way go together, each applied once', async (t) => {
  const batcher = createWriteBatcher(docs)
  await Promise.all(Array.from({ length: 30 }, (_, i) => batcher.updateMany({ _id: i }, { $inc: { n: 1 } })))
  t.same((await docs.find({}).toArray()).map((doc) => doc.n), Array.from({ length: 30 }, () => 1))
  t.same(updatesSent.map((event) => event.command.updates.length), [1, 29], 'the first alone, the 29 queued behind it in one command')
})

t.test('a failing statement rejects its caller only', async (t) => {
  const batcher = createWriteBatcher(docs)
  await db.collection('docs').updateOne({ _id: 2 } as never, { $set: { n: 'text' } })
  const outcomes = await Promise.allSettled([0, 1, 2, 3].map((i) => batcher.updateMany({ _id: i }, { $inc: { n: 1 } })))
  t.same(outcomes.map((outcome) => outcome.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
  t.match(outcomes[2], { reason: { code: 14 } }, 'TypeMismatch: $inc on a string')
  t.same((await docs.find({ _id: { $in: [0, 1, 3] } }).toArray()).map((doc) => doc.n), [1, 1, 1])
})

t.test('a command that fails as a whole rejects every caller of its batch', async (t) => {
  const batcher = createWriteBatcher(docs)
  const outcomes = await Promise.allSettled([0, 1].map((i) => batcher.updateMany({ _id: i }, { $bogus: { n: 1 } } as never)))
  t.same(outcomes.map((outcome) => outcome.status), ['rejected', 'rejected'])
})

t.test('inserts of concurrent callers go together; a caller whose document fails is the only one refused', async (t) => {
  const batcher = createWriteBatcher(docs)
  const insertsSent: CommandStartedEvent[] = []
  const count = (event: CommandStartedEvent) => { if (event.commandName === 'insert') insertsSent.push(event) }
  client.on('commandStarted', count)
  t.teardown(() => { client.off('commandStarted', count) })
  const outcomes = await Promise.allSettled([
    batcher.insertMany([{ _id: 100, n: 0 }]),
    batcher.insertMany([{ _id: 101, n: 0 }, { _id: 102, n: 0 }]),
    batcher.insertMany([{ _id: 103, n: 0 }, { _id: 5, n: 0 }]), // 5 exists already
    batcher.insertMany([{ _id: 104, n: 0 }])
  ])
  t.same(outcomes.map((outcome) => outcome.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
  t.match(outcomes[2], { reason: { code: 11000 } })
  t.same(insertsSent.map((event) => event.command.documents.length), [1, 5], 'the first alone, the three queued behind it in one command')
  t.same((await docs.find({ _id: { $gte: 100 } }).toArray()).map((doc) => doc._id), [100, 101, 102, 103, 104], 'unordered: the other statements are applied')
})
