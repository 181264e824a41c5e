import t from 'tap'
import { BSON } from 'bson'
import { message, opMsg, rawSocket } from './raw.js'
import { realMongo, target } from './target.js'

const { db, url } = await target('embedded_wire')

function cstring (s: string): Buffer {
  return Buffer.concat([Buffer.from(s, 'utf8'), Buffer.from([0])])
}

t.test('legacy OP_QUERY handshake gets an OP_REPLY', async t => {
  const { send } = await rawSocket(t, url)
  const body = Buffer.concat([Buffer.alloc(4), cstring('admin.$cmd'), Buffer.alloc(4), Buffer.from([255, 255, 255, 255]), BSON.serialize({ isMaster: 1, helloOk: true })])
  t.match(await send(message(2004, body)), { ismaster: true, helloOk: true, maxWireVersion: Number, ok: 1 })
})

t.test('OP_MSG document sequences, checksum flag and moreToCome', { skip: realMongo && 'mongod verifies checksums' }, async t => {
  const { send } = await rawSocket(t, url)
  const docs = Buffer.concat([BSON.serialize({ _id: 1, a: 1 }), BSON.serialize({ _id: 2, a: 2 })])
  const seq = Buffer.concat([Buffer.alloc(4), cstring('documents'), docs])
  seq.writeInt32LE(seq.length, 0)
  const sections = Buffer.concat([Buffer.from([0]), BSON.serialize({ insert: 'seq', $db: 'embedded_wire' }), Buffer.from([1]), seq])
  t.match(await send(message(2013, Buffer.concat([Buffer.alloc(4), sections]))), { n: 2, ok: 1 }, 'kind-1 sequence')

  const flags = Buffer.alloc(4)
  flags.writeUInt32LE(1, 0) // checksumPresent: the trailing CRC-32C is skipped, not verified
  const withChecksum = Buffer.concat([flags, Buffer.from([0]), BSON.serialize({ count: 'seq', $db: 'embedded_wire' }), Buffer.alloc(4)])
  t.match(await send(message(2013, withChecksum)), { n: 2, ok: 1 }, 'checksum flag')

  const moreToCome = Buffer.alloc(4)
  moreToCome.writeUInt32LE(2, 0)
  const silent = Buffer.concat([moreToCome, Buffer.from([0]), BSON.serialize({ insert: 'seq', documents: [{ _id: 3 }], $db: 'embedded_wire' })])
  // No reply comes for a moreToCome message: the next reply answers the next request.
  t.match(await send(Buffer.concat([message(2013, silent), opMsg({ count: 'seq', $db: 'embedded_wire' })])), { n: 3, ok: 1 }, 'moreToCome')
  t.equal(await db.collection('seq').countDocuments(), 3)
})
