import t from 'tap'
import { type CommandStartedEvent, MongoClient } from 'mongodb'
import { createUpdateBatcher } from '../../src/lib/update-batcher.js'
import { target } from '../embedded/mongo/target.js'

const { url } = await target('update_batcher')
const client = new MongoClient(url, { monitorCommands: true })
t.teardown(() => client.close())
const db = client.db('update_batcher')
const docs = db.collection<{ _id: number, n: number }>('docs')
const updatesSent: CommandStartedEvent[] = []
client.on('commandStarted', (event) => { if (event.commandName === 'update') updatesSent.push(event) })

t.beforeEach(async () => {
  await docs.deleteMany({})
  await docs.insertMany(Array.from({ length: 30 }, (_, i) => ({ _id: i, n: 0 })))
  updatesSent.length = 0
})

t.test('a lone update goes at once, as one statement', async (t) => {
  const batcher = createUpdateBatcher(docs)
  await batcher.updateMany({ _id: 1 }, { $inc: { n: 1 } })
  t.match(await docs.findOne({ _id: 1 }), { n: 1 })
  t.equal(updatesSent.length, 1)
  t.equal(updatesSent[0].command.updates.length, 1)
})

t.test('updates asked for while one is on its way go together, each applied once', async (t) => {
  const batcher = createUpdateBatcher(docs)
  await Promise.all(Array.from({ length: 30 }, (_, i) => batcher.updateMany({ _id: i }, { $inc: { n: 1 } })))
  t.same((await docs.find({}).toArray()).map((doc) => doc.n), Array.from({ length: 30 }, () => 1))
  t.same(updatesSent.map((event) => event.command.updates.length), [1, 29], 'the first alone, the 29 queued behind it in one command')
})

t.test('a failing statement rejects its caller only', async (t) => {
  const batcher = createUpdateBatcher(docs)
  await db.collection('docs').updateOne({ _id: 2 } as never, { $set: { n: 'text' } })
  const outcomes = await Promise.allSettled([0, 1, 2, 3].map((i) => batcher.updateMany({ _id: i }, { $inc: { n: 1 } })))
  t.same(outcomes.map((outcome) => outcome.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
  t.match(outcomes[2], { reason: { code: 14 } }, 'TypeMismatch: $inc on a string')
  t.same((await docs.find({ _id: { $in: [0, 1, 3] } }).toArray()).map((doc) => doc.n), [1, 1, 1])
})

t.test('a command that fails as a whole rejects every caller of its batch', async (t) => {
  const batcher = createUpdateBatcher(docs)
  const outcomes = await Promise.allSettled([0, 1].map((i) => batcher.updateMany({ _id: i }, { $bogus: { n: 1 } } as never)))
  t.same(outcomes.map((outcome) => outcome.status), ['rejected', 'rejected'])
})
