import type { Test } from 'tap'
import { connect, type Socket } from 'node:net'
import { BSON, type Document } from 'bson'

/** Raw wire-protocol helpers for tests that must get below the driver. */
export function message (opCode: number, body: Buffer, length = 16 + body.length): Buffer {
  const header = Buffer.alloc(16)
  header.writeInt32LE(length, 0)
  header.writeInt32LE(42, 4)
  header.writeInt32LE(opCode, 12)
  return Buffer.concat([header, body])
}

export const opMsg = (doc: Buffer | Document, kind = 0): Buffer =>
  message(2013, Buffer.concat([Buffer.alloc(4), Buffer.from([kind]), Buffer.isBuffer(doc) ? doc : BSON.serialize(doc)]))

/** Opens a raw socket; each call to `send` resolves with the next reply or with `closed`. */
export async function rawSocket (t: Test, url: string): Promise<{ socket: Socket, send: (bytes: Buffer) => Promise<Document | 'closed'> }> {
  const { hostname, port } = new URL(url.replace(/^mongodb:/, 'http:'))
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
