import type { Document } from 'bson'
import { Query } from './mingo-options.js'
import { CommandError } from './errors.js'
import { compareValues, valueKey, valuesAtPath } from './values.js'

export interface IndexSpec extends Document {
  name: string
  key: Document
  unique?: boolean
  sparse?: boolean
  partialFilterExpression?: Document
}

/**
 * An index entry: the key values, then the document's id, in one array of exactly that length
 * (an object holding the two cost 32 more bytes per index and document).
 */
export type Entry = unknown[]

export const entryId = (entry: Entry): string => entry[entry.length - 1] as string

/**
 * Memory (docs/operations.md): an index holds one entry per document (several for a multikey
 * one) in its sorted array, and nothing else per document. Only a unique index also keeps a
 * table of its keys, to refuse a duplicate at once; the one document holding a key is stored
 * bare there, a Set only while a write moves keys between documents.
 */
type Holders = string | Set<string>

const MAX_KEYS_PER_DOC = 10_000
const EARLIEST_DATE = new Date(-8.64e15)

function compareEntries (a: Entry, b: Entry): number {
  const last = a.length - 1
  for (let i = 0; i < last; i++) {
    const c = compareValues(a[i], b[i])
    if (c !== 0) return c
  }
  return a[last]! < b[last]! ? -1 : a[last]! > b[last]! ? 1 : 0
}

/** First position in `arr` where `before(entry)` turns false (arr is partitioned). */
export function lowerBound<T> (arr: T[], before: (e: T) => boolean): number {
  let lo = 0
  let hi = arr.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (before(arr[mid])) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * One secondary (or the _id) index: its entries in an array kept sorted in BSON order, for
 * equality, prefix and range scans; a unique one also finds a full key in a hash.
 */
export class Index {
  readonly spec: IndexSpec
  readonly fields: string[]
  readonly sorted: Entry[] = []
  /** Ids by full key, for a unique index only (others find a key in `sorted`; the _id index in `byId`). */
  private readonly byKey: Map<string, Holders> | undefined
  private readonly byId: ReadonlyMap<string, unknown> | undefined
  private readonly partial: Query | undefined
  multikey = false

  /** `byId`, for the _id index: the collection's documents by id, which hold its keys already. */
  constructor (spec: IndexSpec, byId?: ReadonlyMap<string, unknown>) {
    this.spec = spec
    this.fields = Object.keys(spec.key)
    this.partial = spec.partialFilterExpression !== undefined ? new Query(spec.partialFilterExpression) : undefined
    this.byId = byId
    this.byKey = this.unique && byId === undefined ? new Map() : undefined
  }

  get name (): string { return this.spec.name }
  get unique (): boolean { return this.spec.unique === true || this.name === '_id_' }
  /** A hidden index is kept up to date (and unique) but never chosen for a read. */
  get hidden (): boolean { return this.spec.hidden === true }
  /** Seconds after its date a document expires, for a TTL index. */
  get expireAfterSeconds (): number | undefined {
    const s = this.spec.expireAfterSeconds
    return typeof s === 'number' ? s : undefined
  }

  /** Sparse and partial indexes do not hold every document. */
  get complete (): boolean { return this.partial === undefined && this.spec.sparse !== true }

  /** Key tuples of a document (several when a field is an array), or none if excluded. */
  keysOf (doc: Document): unknown[][] {
    if (this.partial !== undefined && !this.partial.test(doc)) return []
    const perField = this.fields.map(f => valuesAtPath(doc, f))
    if (this.spec.sparse === true && perField.every(v => v.length === 1 && v[0] === undefined)) return []
    let tuples: unknown[][] = [[]]
    for (const values of perField) {
      const next: unknown[][] = []
      for (const t of tuples) for (const v of values) next.push(withValue(t, v === undefined ? null : v))
      tuples = next
      if (tuples.length > MAX_KEYS_PER_DOC) throw new CommandError('BadValue', `too many index keys for ${this.name}`)
    }
    return tuples
  }

  /** Throws E11000 if adding `doc` (as document `id`) would duplicate a key held by another document. */
  checkUnique (id: string, doc: Document, ns: string): void {
    if (this.byKey === undefined) return
    for (const vals of this.keysOf(doc)) {
      const holders = this.byKey.get(valueKey(vals))
      if (holders === undefined) continue
      for (const other of typeof holders === 'string' ? [holders] : holders) if (other !== id) throw duplicateKey(ns, this, vals)
    }
  }

  add (id: string, doc: Document): void {
    this.addEntries(id, doc, (entry) => {
      const last = this.sorted[this.sorted.length - 1]
      if (last === undefined || compareEntries(last, entry) < 0) this.sorted.push(entry)
      else this.sorted.splice(lowerBound(this.sorted, e => compareEntries(e, entry) < 0), 0, entry)
    })
  }

  private addEntries (id: string, doc: Document, place: (entry: Entry) => void): void {
    const keys = this.distinctKeysOf(doc)
    if (keys.length > 1) this.multikey = true
    for (const vals of keys) {
      if (this.byKey !== undefined) hold(this.byKey, valueKey(vals), id)
      place(withValue(vals, id))
    }
  }

  /** The document's key tuples, each once (an array field may repeat a value). */
  private distinctKeysOf (doc: Document): unknown[][] {
    const keys = this.keysOf(doc)
    if (keys.length < 2) return keys
    const seen = new Set<string>()
    return keys.filter((vals) => {
      const k = valueKey(vals)
      if (seen.has(k)) return false
      seen.add(k)
      return true
    })
  }

  /**
   * Fills an empty index with every document at once: entries are sorted once at the end instead
   * of spliced in one by one (quadratic: 20k documents under seven indexes took 5 s to load).
   * Checks uniqueness as it goes, so a duplicate throws as `add` would.
   */
  addAll (docs: Iterable<[string, Document]>, ns: string): void {
    if (this.sorted.length > 0) throw new Error('addAll needs an empty index')
    const push = this.sorted.push.bind(this.sorted)
    for (const [id, doc] of docs) {
      this.checkUnique(id, doc, ns)
      this.addEntries(id, doc, push)
    }
    this.sorted.sort(compareEntries)
  }

  /** Takes out the entries of `doc`, stored as document `id` (found from its keys: stored documents never change in place). */
  remove (id: string, doc: Document): void {
    for (const vals of this.distinctKeysOf(doc)) {
      if (this.byKey !== undefined) release(this.byKey, valueKey(vals), id)
      const entry = withValue(vals, id)
      const at = lowerBound(this.sorted, e => compareEntries(e, entry) < 0)
      if (at < this.sorted.length && compareEntries(this.sorted[at], entry) === 0) this.sorted.splice(at, 1)
    }
  }

  /**
   * Ids of documents holding a date at or before `cutoff` (any element, for an array), as
   * mongod's TTL monitor scans its index from the earliest date. Non-date keys are skipped.
   */
  datedUpTo (cutoff: Date): Set<string> {
    const ids = new Set<string>()
    const first = lowerBound(this.sorted, e => compareValues(e[0], EARLIEST_DATE) < 0)
    for (let k = first; k < this.sorted.length; k++) {
      const v = this.sorted[k][0]
      if (!(v instanceof Date) || v.getTime() > cutoff.getTime()) break
      ids.add(entryId(this.sorted[k]))
    }
    return ids
  }

  /** Ids of documents whose full key equals `vals`, from a unique index's key table; undefined for another index. */
  exact (vals: unknown[]): Iterable<string> | undefined {
    if (this.byId !== undefined) {
      const id = valueKey(vals[0])
      return this.byId.has(id) ? [id] : []
    }
    if (this.byKey === undefined) return undefined
    const holders = this.byKey.get(valueKey(vals))
    return holders === undefined ? [] : typeof holders === 'string' ? [holders] : holders
  }
}

function hold (byKey: Map<string, Holders>, k: string, id: string): void {
  const holders = byKey.get(k)
  if (holders === undefined) byKey.set(k, id)
  else if (typeof holders !== 'string') holders.add(id)
  else if (holders !== id) byKey.set(k, new Set([holders, id]))
}

function release (byKey: Map<string, Holders>, k: string, id: string): void {
  const holders = byKey.get(k)
  if (holders === id) byKey.delete(k)
  else if (typeof holders !== 'string' && holders !== undefined) {
    holders.delete(id)
    if (holders.size === 1) byKey.set(k, holders.values().next().value as string)
  }
}

/** `t` with `v` appended, in an array of exactly that length (a spread or push reserves room for 16 more). */
function withValue (t: unknown[], v: unknown): unknown[] {
  const out = new Array<unknown>(t.length + 1)
  for (let i = 0; i < t.length; i++) out[i] = t[i]
  out[t.length] = v
  return out
}

export function duplicateKey (ns: string, index: Index, vals: unknown[]): CommandError {
  const keyValue: Document = {}
  index.fields.forEach((f, i) => { keyValue[f] = vals[i] })
  const shown = index.fields.map((f, i) => `${f}: ${showValue(vals[i])}`).join(', ')
  return new CommandError('DuplicateKey',
    `E11000 duplicate key error collection: ${ns} index: ${index.name} dup key: { ${shown} }`,
    { keyPattern: { ...index.spec.key }, keyValue })
}

/** Values as mongod prints them in E11000 messages. */
function showValue (v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (v instanceof Date) return `new Date(${v.getTime()})`
  const type = (v as { _bsontype?: string })._bsontype
  if (type === 'ObjectId') return `ObjectId('${String(v)}')`
  if (type !== undefined) return String(v)
  return JSON.stringify(v) ?? String(v)
}
