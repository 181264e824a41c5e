import { BSON, Long, type Document } from 'bson'
import { CommandError } from './errors.js'
import { MAX_BSON_SIZE } from './wire.js'

interface OpenCursor { ns: string, docs: Document[], pos: number }

const DEFAULT_BATCH = 101
const MAX_OPEN = 10_000
// Room left in a 16 MiB reply for the envelope around a batch.
const BATCH_BYTES = MAX_BSON_SIZE - 64 * 1024

/** Result sets kept between find/aggregate and getMore. */
export class Cursors {
  private readonly open = new Map<number, OpenCursor>()
  private next = 1 + Math.floor(Math.random() * 1_000_000)

  /** Builds the `{ cursor: { id, ns, firstBatch } }` reply, keeping the rest for getMore. */
  first (ns: string, docs: Document[], batchSize: unknown, singleBatch = false): Document {
    const size = batchSizeOf(batchSize, DEFAULT_BATCH)
    const batch = takeBatch(docs, 0, size)
    let id = 0
    if (batch.length < docs.length && !singleBatch) {
      id = this.next++
      this.open.set(id, { ns, docs, pos: batch.length })
      // Abandoned cursors are never closed by some clients: keep the oldest ones bounded.
      if (this.open.size > MAX_OPEN) this.open.delete(this.open.keys().next().value as number)
    }
    return { cursor: { firstBatch: batch, id: Long.fromNumber(id), ns }, ok: 1 }
  }

  more (rawId: unknown, coll: string, db: string, batchSize: unknown): Document {
    const id = Number(rawId)
    const cursor = this.open.get(id)
    if (cursor === undefined || cursor.ns !== `${db}.${coll}`) {
      throw new CommandError('CursorNotFound', `cursor id ${String(rawId)} not found`)
    }
    const batch = takeBatch(cursor.docs, cursor.pos, batchSizeOf(batchSize, Infinity))
    cursor.pos += batch.length
    const done = cursor.pos >= cursor.docs.length
    if (done) this.open.delete(id)
    return { cursor: { nextBatch: batch, id: Long.fromNumber(done ? 0 : id), ns: cursor.ns }, ok: 1 }
  }

  kill (ids: unknown[]): Document {
    const killed: Long[] = []
    const notFound: Long[] = []
    for (const raw of ids) {
      const id = Number(raw)
      if (this.open.delete(id)) killed.push(Long.fromNumber(id))
      else notFound.push(Long.fromNumber(id))
    }
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 }
  }

  get size (): number { return this.open.size }
}

function batchSizeOf (v: unknown, fallback: number): number {
  if (v === undefined || v === null) return fallback
  const n = Number(v)
  if (!Number.isFinite(n) || n < 0) throw new CommandError('BadValue', 'batchSize must be a non-negative number')
  return n === 0 && fallback === Infinity ? Infinity : n
}

function takeBatch (docs: Document[], pos: number, size: number): Document[] {
  const out: Document[] = []
  let bytes = 0
  for (let i = pos; i < docs.length && out.length < size; i++) {
    bytes += BSON.calculateObjectSize(docs[i])
    if (bytes > BATCH_BYTES && out.length > 0) break
    out.push(docs[i])
  }
  return out
}
