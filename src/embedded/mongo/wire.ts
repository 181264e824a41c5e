import { BSON, type Document } from 'bson'

/** Wire protocol framing: https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/ */
export const OP_REPLY = 1
export const OP_QUERY = 2004
export const OP_COMPRESSED = 2012
export const OP_MSG = 2013

export const HEADER_SIZE = 16
export const MAX_MESSAGE_SIZE = 48_000_000
export const MAX_BSON_SIZE = 16 * 1024 * 1024

const CHECKSUM_PRESENT = 1
export const MORE_TO_COME = 2

export interface Header { length: number, requestId: number, responseTo: number, opCode: number }

export interface Request {
  requestId: number
  opCode: number
  /** The command document with kind-1 sequences merged in as arrays. */
  command: Document
  /** True when the client does not want an answer (OP_MSG moreToCome, e.g. w:0). */
  noReply: boolean
}

export class ProtocolError extends Error {}

export function readHeader (buf: Buffer): Header {
  return {
    length: buf.readInt32LE(0),
    requestId: buf.readInt32LE(4),
    responseTo: buf.readInt32LE(8),
    opCode: buf.readInt32LE(12)
  }
}

// Long values that fit a double come back as numbers: mingo compares numbers, not Longs.
const DESERIALIZE = { promoteLongs: true, promoteValues: true, validation: { utf8: true } } as const

function readDocument (buf: Buffer, offset: number, end: number): [Document, number] {
  if (offset + 5 > end) throw new ProtocolError('truncated BSON document')
  const size = buf.readInt32LE(offset)
  if (size < 5 || offset + size > end) throw new ProtocolError('invalid BSON document length')
  return [BSON.deserialize(buf.subarray(offset, offset + size), DESERIALIZE), offset + size]
}

function readCString (buf: Buffer, offset: number, end: number): [string, number] {
  const zero = buf.indexOf(0, offset)
  if (zero < 0 || zero >= end) throw new ProtocolError('unterminated cstring')
  return [buf.toString('utf8', offset, zero), zero + 1]
}

/** Parses one complete message (header included). Throws ProtocolError on malformed input. */
export function parseMessage (buf: Buffer): Request {
  const header = readHeader(buf)
  if (header.opCode === OP_MSG) return parseOpMsg(buf, header)
  if (header.opCode === OP_QUERY) return parseOpQuery(buf, header)
  throw new ProtocolError(`unsupported opCode ${header.opCode}`)
}

function parseOpMsg (buf: Buffer, header: Header): Request {
  const flags = buf.readUInt32LE(HEADER_SIZE)
  const end = buf.length - ((flags & CHECKSUM_PRESENT) !== 0 ? 4 : 0)
  let offset = HEADER_SIZE + 4
  let body: Document | undefined
  const sequences: Array<[string, Document[]]> = []
  while (offset < end) {
    const kind = buf[offset++]
    if (kind === 0) {
      [body, offset] = readDocument(buf, offset, end)
    } else if (kind === 1) {
      const size = buf.readInt32LE(offset)
      const seqEnd = offset + size
      if (size < 5 || seqEnd > end) throw new ProtocolError('invalid document sequence length')
      let [id, pos] = readCString(buf, offset + 4, seqEnd)
      const docs: Document[] = []
      while (pos < seqEnd) {
        let doc: Document
        [doc, pos] = readDocument(buf, pos, seqEnd)
        docs.push(doc)
      }
      sequences.push([id, docs])
      offset = seqEnd
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${String(kind)}`)
    }
  }
  if (body === undefined) throw new ProtocolError('OP_MSG without a body section')
  for (const [id, docs] of sequences) body[id] = docs
  return { requestId: header.requestId, opCode: OP_MSG, command: body, noReply: (flags & MORE_TO_COME) !== 0 }
}

function parseOpQuery (buf: Buffer, header: Header): Request {
  const end = buf.length
  const [collection, offset] = readCString(buf, HEADER_SIZE + 4, end)
  if (!collection.endsWith('.$cmd')) throw new ProtocolError('OP_QUERY is only supported for commands')
  let [query] = readDocument(buf, offset + 8, end)
  // Legacy commands may be wrapped as { $query: {...}, $readPreference }.
  if (typeof query.$query === 'object' && query.$query !== null) query = query.$query as Document
  query.$db = collection.slice(0, -'.$cmd'.length)
  return { requestId: header.requestId, opCode: OP_QUERY, command: query, noReply: false }
}

function header (length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const buf = Buffer.alloc(HEADER_SIZE)
  buf.writeInt32LE(length, 0)
  buf.writeInt32LE(requestId, 4)
  buf.writeInt32LE(responseTo, 8)
  buf.writeInt32LE(opCode, 12)
  return buf
}

export function encodeOpMsg (doc: Document, requestId: number, responseTo: number): Buffer {
  const body = BSON.serialize(doc, { ignoreUndefined: false })
  const length = HEADER_SIZE + 4 + 1 + body.length
  const prefix = Buffer.alloc(5) // flagBits 0, section kind 0
  return Buffer.concat([header(length, requestId, responseTo, OP_MSG), prefix, body], length)
}

export function encodeOpReply (doc: Document, requestId: number, responseTo: number): Buffer {
  const body = BSON.serialize(doc)
  const fields = Buffer.alloc(20) // responseFlags, cursorID(8), startingFrom, numberReturned
  fields.writeInt32LE(1, 16)
  const length = HEADER_SIZE + fields.length + body.length
  return Buffer.concat([header(length, requestId, responseTo, OP_REPLY), fields, body], length)
}
