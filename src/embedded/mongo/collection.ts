import { ObjectId, type Document } from 'bson'
import { CommandError } from './errors.js'
import { Query } from './mingo-options.js'
import { duplicateKey, entryId, Index, type IndexSpec, lowerBound } from './indexes.js'
import { comparePrefix, countPlan, type Plan, Planner, planIds } from './planner.js'
import { compareValues, isPlainObject, sameValue, valueKey } from './values.js'

/** Counters of the last read, for tests and tuning (not part of MongoDB's surface). */
export interface ReadStats {
  index: string | null
  docsExamined: number
  /** Whether the index choice came from the plan cache (false for reads that need no choice, e.g. an empty count). */
  planCacheHit: boolean
}

export const ID_INDEX: IndexSpec = { name: '_id_', key: { _id: 1 } }

/** One collection: documents in natural (insertion) order plus their indexes. */
export class Collection {
  readonly db: string
  readonly name: string
  readonly options: Document
  readonly docs = new Map<string, Document>()
  readonly indexes = new Map<string, Index>()
  lastRead: ReadStats = { index: null, docsExamined: 0, planCacheHit: false }
  private readonly planner = new Planner(this.indexes)

  constructor (db: string, name: string, options: Document = {}) {
    this.db = db
    this.name = name
    this.options = options
    // Its uniqueness is the documents' map's: `insert` checks it.
    this.indexes.set(ID_INDEX.name, new Index(ID_INDEX, this.docs))
  }

  get ns (): string { return `${this.db}.${this.name}` }

  /** Documents that may match `filter` (from an index when one applies), then filtered by mingo. */
  match (filter: Document, vars?: Document): Document[] {
    const out: Document[] = []
    this.scan(filter, doc => { out.push(doc) }, vars)
    return out
  }

  /**
   * How many documents match `filter`, without collecting them (every paginated list counts).
   * A filter made only of equalities the chosen index looked up is counted from the index
   * alone, without looking at a document.
   */
  count (filter: Document, vars?: Document): number {
    if (Object.keys(filter).length === 0) {
      this.lastRead = { index: null, docsExamined: 0, planCacheHit: false }
      return this.docs.size
    }
    const p = this.planner.plan(filter)
    if (p !== undefined && coveredByIndex(filter, p)) {
      const n = countPlan(p)
      this.lastRead = { index: p.index.name, docsExamined: 0, planCacheHit: this.planner.lastHit }
      return n
    }
    let n = 0
    this.scan(filter, () => { n++ }, vars, p)
    return n
  }

  private scan (filter: Document, found: (doc: Document) => void, vars?: Document, planned?: Plan): void {
    const p = planned ?? this.planner.plan(filter)
    let examined = 0
    // Plain loops rather than one generator over both: this is the hot path of every read.
    if (p === undefined) {
      const query = new Query(filter, vars)
      for (const doc of this.docs.values()) {
        examined++
        if (query.test(doc)) found(doc)
      }
    } else {
      // Ids an index looked up for a filter it covers all match: no need to test them again.
      const query = coveredByIndex(filter, p) ? undefined : new Query(filter, vars)
      for (const id of planIds(p)) {
        const doc = this.docs.get(id)
        if (doc === undefined) continue
        examined++
        if (query === undefined || query.test(doc)) found(doc)
      }
    }
    this.lastRead = { index: p?.index.name ?? null, docsExamined: examined, planCacheHit: this.planner.lastHit }
  }

  /**
   * At least the first `want` matches in `sort` order, when an index yields documents in
   * the order of the sort's first field (see `sortedWalk`): walks it and stops once `want`
   * documents matched and the first sort field's value changes, so the caller sorts only
   * those by the whole sort (later fields break ties). Undefined when no index fits.
   */
  matchSortedByIndex (filter: Document, sort: Array<[string, number]>, want: number, vars?: Document): Document[] | undefined {
    const walk = want > 0 ? this.planner.walk(filter, sort) : undefined
    if (walk === undefined) return undefined
    const { index, prefix, dir } = walk
    const k = prefix.length
    const entries = index.sorted
    const lo = k === 0 ? 0 : lowerBound(entries, e => comparePrefix(e, prefix) < 0)
    const hi = k === 0 ? entries.length : lowerBound(entries, e => comparePrefix(e, prefix) <= 0)
    const query = new Query(filter, vars)
    const out: Document[] = []
    let examined = 0
    let last: unknown
    // With one sort field any `want` of the tied documents will do; with more, all of the last tie group are needed.
    const ties = sort.length > 1
    for (let n = 0; n < hi - lo; n++) {
      const entry = entries[dir === 1 ? lo + n : hi - 1 - n]
      if (out.length >= want && (!ties || compareValues(entry[k], last) !== 0)) break
      const doc = this.docs.get(entryId(entry))
      if (doc === undefined) continue
      examined++
      if (query.test(doc)) { out.push(doc); last = entry[k] }
    }
    this.lastRead = { index: index.name, docsExamined: examined, planCacheHit: this.planner.lastHit }
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
    this.addToIndexes(id, doc)
    this.docs.set(id, doc)
    return doc
  }

  /** Swaps a stored document for its new version; all unique checks run before any change. */
  replace (oldDoc: Document, newDoc: Document): void {
    const id = valueKey(oldDoc._id)
    if (valueKey(newDoc._id) !== id) {
      throw new CommandError('ImmutableField', 'Performing an update on the path \'_id\' would modify the immutable field \'_id\'')
    }
    // Only indexes whose keys the update changed are touched (an update of a lease or a counter
    // usually changes none): the others hold the same entries for `newDoc` as for `oldDoc`.
    const changed: Index[] = []
    for (const index of this.indexes.values()) if (!sameKeys(index.keysOf(oldDoc), index.keysOf(newDoc))) changed.push(index)
    for (const index of changed) index.checkUnique(id, newDoc, this.ns)
    for (const index of changed) {
      const multikey = index.multikey
      index.remove(id, oldDoc)
      index.add(id, newDoc)
      if (index.multikey !== multikey) this.planner.invalidate()
    }
    this.docs.set(id, newDoc)
  }

  private addToIndexes (id: string, doc: Document): void {
    for (const index of this.indexes.values()) {
      const multikey = index.multikey
      index.add(id, doc)
      // A multikey index can no longer be walked in order nor count from entries.
      if (index.multikey !== multikey) this.planner.invalidate()
    }
  }

  /** Index options changed in place (collMod's `hidden`): cached index choices may be wrong now. */
  indexesChanged (): void { this.planner.invalidate() }

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
    for (const index of this.indexes.values()) index.remove(id, doc)
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
    this.planner.invalidate()
    return true
  }

  dropIndex (name: string): void {
    if (name === ID_INDEX.name) throw new CommandError('InvalidOptions', 'cannot drop _id index')
    if (!this.indexes.delete(name)) throw new CommandError('IndexNotFound', `index not found with name [${name}]`)
    this.planner.invalidate()
  }
}

/** Whether two documents' key tuples of one index are the same keys, in the same order. */
function sameKeys (a: unknown[][], b: unknown[][]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false
  return true
}

/** mongod answers 85 when only expireAfterSeconds differs: changing it is collMod's job. */
function ttlConflict (existing: IndexSpec, requested: IndexSpec): CommandError {
  return new CommandError('IndexOptionsConflict',
    `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(requested)}, existing index: ${JSON.stringify(existing)}`)
}

/**
 * Whether the plan's ids are exactly the filter's matches: every condition is a plain
 * equality (a value, `$eq` or `$in`) of a scalar on a top-level field the index looked up,
 * on a single-valued index. Those are the values index keys and mingo compare alike.
 */
function coveredByIndex (filter: Document, p: Plan): boolean {
  if (p.ranged || p.index.multikey) return false
  const looked = new Set(p.index.fields.slice(0, p.equalities))
  for (const [field, cond] of Object.entries(filter)) {
    if (!looked.has(field)) return false
    const values = isPlainObject(cond) && Object.keys(cond).length === 1 && ('$eq' in cond || '$in' in cond)
      ? ('$eq' in cond ? [cond.$eq] : cond.$in)
      : [cond]
    if (!Array.isArray(values) || !values.every(isScalar)) return false
  }
  return true
}

function isScalar (v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v)) ||
    v instanceof Date || (v as { _bsontype?: string } | null)?._bsontype === 'ObjectId'
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
