import t from 'tap'
import { BSON } from 'bson'
import { message, opMsg, rawSocket } from './raw.js'
import { realMongo, target } from './target.js'

const { db, url } = await target('embedded_bad_input')

t.test('broken framing closes only that connection', { skip: realMongo && 'mongod may answer differently' }, async t => {
  for (const [name, bytes] of [
    ['garbage text', Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')],
    ['oversized declared length', message(2013, Buffer.alloc(8), 49_000_000)],
    ['length shorter than a header', message(2013, Buffer.alloc(0), 5)],
    ['unknown opCode', message(9999, Buffer.alloc(8))],
    ['compressed message', message(2012, Buffer.alloc(16))]
  ] as const) {
    const { send } = await rawSocket(t, url)
    t.equal(await send(bytes), 'closed', name)
  }
})

t.test('bad content gets an error reply and the connection keeps working', { skip: realMongo && 'mongod may close instead' }, async t => {
  const { send } = await rawSocket(t, url)
  const badBson = Buffer.from([20, 0, 0, 0, 2, 0x61, 0, 200, 0, 0, 0, 0x78, 0, 0, 0, 0, 0, 0, 0, 0])
  t.match(await send(opMsg(badBson)), { ok: 0 }, 'invalid BSON')
  t.match(await send(opMsg(BSON.serialize({ ping: 1, $db: 'admin' }), 7)), { ok: 0 }, 'unknown section kind')
  t.match(await send(opMsg({ ping: 1, $db: 'admin' })), { ok: 1 }, 'still serving this connection')
  t.match(await send(opMsg({ definitelyNotACommand: 1, $db: 'admin' })), { ok: 0, code: 59 })
})

t.test('other connections are unaffected', async t => {
  const coll = db.collection('still_here')
  await coll.insertOne({ ok: true })
  t.equal(await coll.countDocuments(), 1)
  t.match(await db.command({ ping: 1 }), { ok: 1 })
})
