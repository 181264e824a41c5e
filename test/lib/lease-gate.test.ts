import t from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../helpers/build.js'
import { createLeaseGate } from '../../src/lib/lease-gate.js'

t.test('lease gate', async (t) => {
  const app = await build(t)
  const docs = app.mongo.db!.collection('gated')
  const gate = createLeaseGate(docs, { leases: 'leases', claim: 'claim' }, 100)
  const fresh = async (count = 1) => {
    const ids = Array.from({ length: count }, () => new ObjectId())
    await docs.insertMany(ids.map((_id) => ({ _id })))
    return ids
  }
  const leasesOf = async (_id: ObjectId) => ((await docs.findOne({ _id }))?.leases ?? []) as unknown[]

  t.test('a lease on every document or on none', async (t) => {
    const [a, b] = await fresh(2)
    const lease = await gate.acquire({ _id: { $in: [a, b] } }, 2)
    t.ok(lease)
    t.equal((await leasesOf(a)).length, 1)
    t.equal(await gate.acquire({ _id: { $in: [a, new ObjectId()] } }, 2), null, 'one is missing')
    t.equal((await leasesOf(a)).length, 1, 'the refused lease was not kept')
    await gate.release({ _id: { $in: [a, b] } }, lease!)
    t.same(await leasesOf(a), [])
  })

  t.test('a live claim refuses new leases and other claims; a lapsed one does not', async (t) => {
    const [a] = await fresh()
    const claim = await gate.claim({ _id: a }, 'completed')
    t.match(claim, { reason: 'completed' })
    t.equal(await gate.acquire({ _id: a }, 1), null)
    t.equal(await gate.claim({ _id: a }, 'deleted'), null)
    t.match(await gate.liveClaim({ _id: a }), { reason: 'completed' })
    await gate.unclaim({ _id: a }, claim!)
    t.ok(await gate.acquire({ _id: a }, 1), 'granted again once unclaimed')
    await docs.updateOne({ _id: a }, { $set: { claim: { id: 'crashed', reason: 'deleted', expires_at: new Date(Date.now() - 1) } } })
    t.ok(await gate.claim({ _id: a }, 'completed'), 'a crashed claimant blocks only until its claim lapses')
  })

  t.test('drained waits for the leases already granted, and gives up after its time', async (t) => {
    const [a] = await fresh()
    const lease = await gate.acquire({ _id: a }, 1)
    await gate.claim({ _id: a }, 'completed')
    t.equal(await gate.drained({ _id: a }), false, 'still held after 100 ms')
    const waiting = gate.drained({ _id: a })
    await gate.release({ _id: a }, lease!)
    t.equal(await waiting, true)
  })

  t.test('lapsed leases do not hold anything up and are swept by the next claim', async (t) => {
    const [a] = await fresh()
    await docs.updateOne({ _id: a }, { $set: { leases: [{ id: 'crashed', expires_at: new Date(Date.now() - 1) }] } })
    const live = await gate.acquire({ _id: a }, 1)
    await gate.claim({ _id: a }, 'completed')
    t.same((await leasesOf(a)).length, 1, 'only the live lease is left')
    const waiting = gate.drained({ _id: a })
    await gate.release({ _id: a }, live!)
    t.equal(await waiting, true)
  })
})
