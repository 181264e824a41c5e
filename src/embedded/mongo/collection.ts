import { ObjectId, type Document } from 'bson'
import { CommandError } from './errors.js'
import { Query } from './mingo-options.js'
import { duplicateKey, Index, type IndexSpec } from './indexes.js'
import { plan } from './planner.js'
import { isPlainObject, valueKey } from './values.js'

/** Counters of the last read, for tests and tuning (not part of MongoDB's surface). */
export interface ReadStats { index: string | null, docsExamined: number }

export const ID_INDEX: IndexSpec = { name: '_id_', key: { _id: 1 } }

/** One collection: documents in natural (insertion) order plus their indexes. */
export class Collection {
  readonly db: string
  readonly name: string
  readonly options: Document
  readonly docs = new Map<string, Document>()
  readonly indexes = new Map<string, Index>()
  lastRead: ReadStats = { index: null, docsExamined: 0 }

  constructor (db: string, name: string, options: Document = {}) {
    this.db = db
    this.name = name
    this.options = options
    this.indexes.set(ID_INDEX.name, new Index(ID_INDEX))
  }

  get ns (): string { return `${this.db}.${this.name}` }

  /** Documents that may match `filter` (from an index when one applies), then filtered by mingo. */
  match (filter: Document, vars?: Document): Document[] {
    const out: Document[] = []
    this.scan(filter, doc => { out.push(doc) }, vars)
    return out
  }

  /** How many documents match `filter`, without collecting them (every paginated list counts). */
  count (filter: Document, vars?: Document): number {
    if (Object.keys(filter).length === 0) {
      this.lastRead = { index: null, docsExamined: 0 }
      return this.docs.size
    }
    let n = 0
    this.scan(filter, () => { n++ }, vars)
    return n
  }

  private scan (filter: Document, found: (doc: Document) => void, vars?: Document): void {
    const query = new Query(filter, vars)
    const p = plan(this.indexes.values(), filter)
    let examined = 0
    const candidates = p === undefined ? this.docs.values() : idsToDocs(this.docs, p.ids)
    for (const doc of candidates) {
      examined++
      if (query.test(doc)) found(doc)
    }
    this.lastRead = { index: p?.index.name ?? null, docsExamined: examined }
  }

  /**
   * The first `want` matches in `sort` order when a complete single-valued index leads
   * with the sort field: walks the index instead of sorting every match. Undefined when
   * no such index exists or the filter has an index of its own.
   */
  matchSortedByIndex (filter: Document, sort: Array<[string, number]>, want: number, vars?: Document): Document[] | undefined {
    if (sort.length !== 1 || want <= 0 || plan(this.indexes.values(), filter) !== undefined) return undefined
    const [field, dir] = sort[0]
    const index = [...this.indexes.values()].find(i => i.complete && !i.hidden && !i.multikey && i.fields[0] === field)
    if (index === undefined) return undefined
    const query = new Query(filter, vars)
    const out: Document[] = []
    let examined = 0
    const entries = index.sorted
    for (let k = 0; k < entries.length && out.length < want; k++) {
      const doc = this.docs.get(entries[dir === 1 ? k : entries.length - 1 - k].id)
      if (doc === undefined) continue
      examined++
      if (query.test(doc)) out.push(doc)
    }
    this.lastRead = { index: index.name, docsExamined: examined }
    return out
  }

  /** Validates and stores a new document; returns the stored version (_id first, generated if missing). */
  insert (input: Document): Document {
    // MongoDB stores _id first. Build a new object rather than deleting keys (keeps V8's fast shapes).
    const doc = Object.keys(input)[0] === '_id' ? input : { _id: input._id === undefined ? new ObjectId() : input._id, ...input }
    checkId(doc._id)
    const id = valueKey(doc._id)
    const idIndex = this.indexes.get(ID_INDEX.name)
    if (this.docs.has(id) && idIndex !== undefined) throw duplicateKey(this.ns, idIndex, [doc._id])
    for (const index of this.indexes.values()) index.checkUnique(id, doc, this.ns)
    for (const index of this.indexes.values()) index.add(id, doc)
    this.docs.set(id, doc)
    return doc
  }

  /** Swaps a stored document for its new version; all unique checks run before any change. */
  replace (oldDoc: Document, newDoc: Document): void {
    const id = valueKey(oldDoc._id)
    if (valueKey(newDoc._id) !== id) {
      throw new CommandError('ImmutableField', 'Performing an update on the path \'_id\' would modify the immutable field \'_id\'')
    }
    for (const index of this.indexes.values()) index.checkUnique(id, newDoc, this.ns)
    for (const index of this.indexes.values()) { index.remove(id); index.add(id, newDoc) }
    this.docs.set(id, newDoc)
  }

  /** Insert-or-replace by _id, as the journal replays writes. */
  put (doc: Document): void {
    const old = this.docs.get(valueKey(doc._id))
    if (old === undefined) this.insert(doc)
    else this.replace(old, doc)
  }

  removeById (id: unknown): void {
    const doc = this.docs.get(valueKey(id))
    if (doc !== undefined) this.remove(doc)
  }

  remove (doc: Document): void {
    const id = valueKey(doc._id)
    for (const index of this.indexes.values()) index.remove(id)
    this.docs.delete(id)
  }

  /** Documents a TTL index has expired at `now` (ms): a date in its field at or before now − expireAfterSeconds. */
  expired (now: number): Document[] {
    const ids = new Set<string>()
    for (const index of this.indexes.values()) {
      const seconds = index.expireAfterSeconds
      if (seconds === undefined) continue
      for (const id of index.datedUpTo(new Date(now - seconds * 1000))) ids.add(id)
    }
    return [...idsToDocs(this.docs, [...ids])]
  }

  createIndex (spec: IndexSpec): boolean {
    const existing = this.indexes.get(spec.name)
    if (existing !== undefined) {
      if (valueKey(existing.spec.key) !== valueKey(spec.key)) {
        throw new CommandError('IndexKeySpecsConflict', `An existing index has the same name as the requested index: ${spec.name}`)
      }
      if (existing.spec.expireAfterSeconds !== spec.expireAfterSeconds) throw ttlConflict(existing.spec, spec)
      return false
    }
    for (const other of this.indexes.values()) {
      if (valueKey(other.spec.key) === valueKey(spec.key) && other.unique === (spec.unique === true)) {
        if (other.spec.expireAfterSeconds !== spec.expireAfterSeconds) throw ttlConflict(other.spec, spec)
        return false
      }
      if (valueKey(other.spec.key) === valueKey(spec.key)) {
        throw new CommandError('IndexOptionsConflict', `Index already exists with a different name: ${other.name}`)
      }
    }
    const index = new Index(spec)
    // Build fully before publishing, so a duplicate leaves the collection untouched.
    index.addAll(this.docs, this.ns)
    this.indexes.set(spec.name, index)
    return true
  }

  dropIndex (name: string): void {
    if (name === ID_INDEX.name) throw new CommandError('InvalidOptions', 'cannot drop _id index')
    if (!this.indexes.delete(name)) throw new CommandError('IndexNotFound', `index not found with name [${name}]`)
  }
}

/** mongod answers 85 when only expireAfterSeconds differs: changing it is collMod's job. */
function ttlConflict (existing: IndexSpec, requested: IndexSpec): CommandError {
  return new CommandError('IndexOptionsConflict',
    `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(requested)}, existing index: ${JSON.stringify(existing)}`)
}

function * idsToDocs (docs: Map<string, Document>, ids: string[]): Iterable<Document> {
  for (const id of ids) {
    const doc = docs.get(id)
    if (doc !== undefined) yield doc
  }
}

/** MongoDB's rules for a stored `_id` (storage_validation.cpp): no array, regex or undefined; no `$` field inside. */
export function checkId (id: unknown): void {
  const type = Array.isArray(id) ? 'array' : id instanceof RegExp || (id as { _bsontype?: string } | null)?._bsontype === 'BSONRegExp' ? 'regex' : id === undefined ? 'undefined' : undefined
  if (type !== undefined) throw new CommandError('InvalidIdField', `The '_id' value cannot be of type ${type}`)
  const dollar = isPlainObject(id) ? dollarField(id, '_id') : undefined
  if (dollar !== undefined) {
    throw new CommandError('DollarPrefixedFieldName', `_id fields may not contain '$'-prefixed fields: ${dollar} is not valid for storage.`)
  }
}

function dollarField (doc: Document, path: string): string | undefined {
  for (const [k, v] of Object.entries(doc)) {
    if (k.startsWith('$')) return `${path}.${k}`
    const inner = isPlainObject(v) ? dollarField(v, `${path}.${k}`) : undefined
    if (inner !== undefined) return inner
  }
  return undefined
}
