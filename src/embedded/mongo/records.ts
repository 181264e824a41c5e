import { readFileSync } from 'node:fs'
import { crc32 } from 'node:zlib'
import { BSON, type Document } from 'bson'

/**
 * On-disk framing shared by the journal and the snapshot:
 * [uint32 length][uint32 crc32 of the BSON][BSON document], repeated.
 */
const FRAME_HEADER = 8

export function encodeRecord (doc: Document): Buffer {
  const body = BSON.serialize(doc)
  const frame = Buffer.allocUnsafe(FRAME_HEADER + body.length)
  frame.writeUInt32LE(body.length, 0)
  frame.writeUInt32LE(crc32(body), 4)
  frame.set(body, FRAME_HEADER)
  return frame
}

export interface ReadResult {
  records: Document[]
  /** Bytes of intact records; anything after is a torn or corrupt tail. */
  validBytes: number
  totalBytes: number
}

/** Reads records until the end or the first damaged one (a write torn by a crash). */
export function readRecords (path: string): ReadResult {
  const buf = readFileSync(path)
  const records: Document[] = []
  let offset = 0
  while (offset + FRAME_HEADER <= buf.length) {
    const length = buf.readUInt32LE(offset)
    const end = offset + FRAME_HEADER + length
    if (length < 5 || end > buf.length) break
    const body = buf.subarray(offset + FRAME_HEADER, end)
    if (crc32(body) !== buf.readUInt32LE(offset + 4)) break
    try {
      records.push(BSON.deserialize(body, { promoteLongs: true, promoteValues: true }))
    } catch {
      break
    }
    offset = end
  }
  return { records, validBytes: offset, totalBytes: buf.length }
}
