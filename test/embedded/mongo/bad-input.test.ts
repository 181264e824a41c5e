import t from 'tap'
import { connect, type Socket } from 'node:net'
import { BSON, type Document } from 'bson'
import { realMongo, target } from './target.js'

const { db, url } = await target('embedded_bad_input')
const { hostname, port } = new URL(url.replace(/^mongodb:/, 'http:'))

function message (opCode: number, body: Buffer, length = 16 + body.length): Buffer {
  const header = Buffer.alloc(16)
  header.writeInt32LE(length, 0)
  header.writeInt32LE(42, 4)
  header.writeInt32LE(opCode, 12)
  return Buffer.concat([header, body])
}

const opMsg = (doc: Buffer | Document, kind = 0): Buffer =>
  message(2013, Buffer.concat([Buffer.alloc(4), Buffer.from([kind]), Buffer.isBuffer(doc) ? doc : BSON.serialize(doc)]))

/** Opens a raw socket; each call to `send` resolves with the next reply or with `closed`. */
async function rawSocket (): Promise<{ socket: Socket, send: (bytes: Buffer) => Promise<Document | 'closed'> }> {
  const socket = connect(Number(port), hostname.replace(/^\[|\]$/g, ''))
  await new Promise<void>(resolve => socket.once('connect', resolve))
  socket.on('error', () => {})
  let buffered = Buffer.alloc(0)
  const send = async (bytes: Buffer): Promise<Document | 'closed'> => await new Promise(resolve => {
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk])
      if (buffered.length < 4 || buffered.length < buffered.readInt32LE(0)) return
      const reply = buffered.subarray(0, buffered.readInt32LE(0))
      buffered = buffered.subarray(reply.length)
      socket.off('data', onData)
      socket.off('close', onClose)
      // OP_MSG: header, flags, section kind; OP_REPLY: header and 20 bytes of fields.
      resolve(BSON.deserialize(reply.subarray(reply.readInt32LE(12) === 1 ? 36 : 21)))
    }
    const onClose = (): void => { socket.off('data', onData); resolve('closed') }
    socket.on('data', onData)
    socket.once('close', onClose)
    socket.write(bytes)
  })
  t.teardown(() => { socket.destroy() })
  return { socket, send }
}

t.test('broken framing closes only that connection', { skip: realMongo && 'mongod may answer differently' }, async t => {
  for (const [name, bytes] of [
    ['garbage text', Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')],
    ['oversized declared length', message(2013, Buffer.alloc(8), 49_000_000)],
    ['length shorter than a header', message(2013, Buffer.alloc(0), 5)],
    ['unknown opCode', message(9999, Buffer.alloc(8))],
    ['compressed message', message(2012, Buffer.alloc(16))]
  ] as const) {
    const { send } = await rawSocket()
    t.equal(await send(bytes), 'closed', name)
  }
})

t.test('bad content gets an error reply and the connection keeps working', async t => {
  const { send } = await rawSocket()
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
