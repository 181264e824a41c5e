import { createServer, type Server, type Socket } from 'node:net'
import type { Document } from 'bson'
import { runCommand } from './commands/index.js'
import { Cursors } from './cursors.js'
import { CODES } from './errors.js'
import type { Store } from './store.js'
import { isPlainObject } from './values.js'
import {
  encodeOpMsg, encodeOpReply, HEADER_SIZE, MAX_MESSAGE_SIZE, OP_MSG, OP_QUERY, parseMessage, ProtocolError, readHeader
} from './wire.js'

export interface Logger {
  info (obj: object, msg?: string): void
  warn (obj: object, msg?: string): void
  error (obj: object, msg?: string): void
}

export interface ServerDeps {
  store: Store
  logger: Logger
  /**
   * Called after each command that logged a write; its reply waits for the promise (the
   * durability point). Undefined: nothing to wait for. `journaled` is false for a command
   * with `writeConcern: { j: false }`: then the journal need not be written before the reply.
   */
  commit: (journaled: boolean) => Promise<void> | undefined
}

let nextConnectionId = 1
let nextResponseId = 1

/**
 * A TCP server speaking the MongoDB wire protocol. Commands run one at a time, in arrival
 * order; a write's reply waits for the journal (unless sent with `j: false`), and every later
 * reply of the same connection waits behind it, so replies never overtake each other.
 */
export function createWireServer (deps: ServerDeps): Server {
  const cursors = new Cursors()
  const server = createServer(socket => serve(socket, deps, cursors))
  server.on('error', err => deps.logger.error({ err }, 'embedded mongo: server error'))
  return server
}

function serve (socket: Socket, deps: ServerDeps, cursors: Cursors): void {
  const connectionId = nextConnectionId++
  const remote = `${socket.remoteAddress ?? ''}:${socket.remotePort ?? 0}`
  let pending = Buffer.alloc(0)
  /** The last reply of this connection still waiting to be sent, if any. */
  let tail: Promise<void> | undefined
  socket.setNoDelay(true)
  socket.on('error', () => socket.destroy())
  socket.on('data', chunk => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
    while (pending.length >= 4 && !socket.destroyed) {
      const length = pending.readInt32LE(0)
      if (length < HEADER_SIZE + 4 || length > MAX_MESSAGE_SIZE) {
        // The framing cannot be trusted any more: drop this connection only.
        deps.logger.warn({ connectionId, length }, 'embedded mongo: invalid message length, closing connection')
        socket.destroy()
        return
      }
      if (pending.length < length) return
      const message = pending.subarray(0, length)
      pending = pending.subarray(length)
      handle(message)
    }
  })

  function handle (message: Buffer): void {
    const header = readHeader(message)
    if (header.opCode !== OP_MSG && header.opCode !== OP_QUERY) {
      deps.logger.warn({ connectionId, opCode: header.opCode }, 'embedded mongo: unsupported opCode, closing connection')
      socket.destroy()
      return
    }
    let reply: Document
    let noReply = false
    let journaled = true
    const logged = deps.store.logged
    try {
      const request = parseMessage(message)
      noReply = request.noReply
      journaled = !isPlainObject(request.command.writeConcern) || request.command.writeConcern.j !== false
      const db = typeof request.command.$db === 'string' ? request.command.$db : 'admin'
      reply = runCommand(request.command, { store: deps.store, cursors, connectionId, remote, db })
    } catch (err) {
      // Malformed input (bad BSON, section lengths past the end) is the client's fault, not ours.
      const protocol = err instanceof ProtocolError || err instanceof RangeError || (err instanceof Error && err.name === 'BSONError')
      if (!protocol) deps.logger.error({ err, connectionId }, 'embedded mongo: command failed unexpectedly')
      reply = { ok: 0, errmsg: err instanceof Error ? err.message : String(err), code: CODES.ProtocolError, codeName: 'ProtocolError' }
    }
    // w:0 writes (noReply) are committed like the others; only the reply is left out.
    const durable = deps.store.logged !== logged ? deps.commit(journaled) : undefined
    // Encoded now: the reply may hold documents a later command could change.
    const bytes = noReply ? undefined : encode(reply, header.requestId, header.opCode)
    if (durable === undefined && tail === undefined) {
      if (bytes !== undefined) socket.write(bytes)
      return
    }
    const before = tail
    const mine = (async () => {
      await before
      let out = bytes
      try {
        await durable
      } catch (err) {
        deps.logger.error({ err, connectionId }, 'embedded mongo: journal write failed')
        const failed = { ok: 0, errmsg: `journal write failed: ${err instanceof Error ? err.message : String(err)}`, code: CODES.InternalError, codeName: 'InternalError' }
        out = noReply ? undefined : encode(failed, header.requestId, header.opCode)
      }
      if (out !== undefined && !socket.destroyed) socket.write(out)
    })()
    tail = mine
    mine.then(() => { if (tail === mine) tail = undefined }, () => {})
  }
}

function encode (reply: Document, responseTo: number, opCode: number): Buffer {
  const id = nextResponseId++ & 0x7fffffff
  try {
    return opCode === OP_QUERY ? encodeOpReply(reply, id, responseTo) : encodeOpMsg(reply, id, responseTo)
  } catch (err) {
    // E.g. a reply over 16 MiB: tell the client instead of dropping it.
    const fallback = { ok: 0, errmsg: `cannot encode reply: ${err instanceof Error ? err.message : String(err)}`, code: CODES.BadValue, codeName: 'BadValue' }
    return opCode === OP_QUERY ? encodeOpReply(fallback, id, responseTo) : encodeOpMsg(fallback, id, responseTo)
  }
}
