import type { Document } from 'bson'

/** Type tag carried by every bson class instance. */
function bsonType (v: object): string | undefined {
  const t = (v as { _bsontype?: unknown })._bsontype
  return typeof t === 'string' ? t : undefined
}

export function isPlainObject (v: unknown): v is Document {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) &&
    !(v instanceof RegExp) && bsonType(v) === undefined
}

/** `{ $op: … }`: a condition made of query operators rather than a value to equal. */
export function isOperatorObject (v: unknown): v is Document {
  return isPlainObject(v) && Object.keys(v).some(k => k.startsWith('$'))
}

// MongoDB's cross-type sort order: https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/
export function typeRank (v: unknown): number {
  if (v === undefined || v === null) return 2
  if (typeof v === 'number' || typeof v === 'bigint') return 3
  if (typeof v === 'string') return 4
  if (typeof v === 'boolean') return 9
  if (Array.isArray(v)) return 6
  if (v instanceof Date) return 10
  if (v instanceof RegExp) return 12
  if (typeof v !== 'object') return 5
  switch (bsonType(v)) {
    case undefined: return 5
    case 'MinKey': return 1
    case 'MaxKey': return 14
    case 'Long': case 'Int32': case 'Double': case 'Decimal128': return 3
    case 'BSONSymbol': return 4
    case 'Binary': return 7
    case 'ObjectId': return 8
    case 'Timestamp': return 11
    case 'BSONRegExp': return 12
    default: return 13
  }
}

export function toNumber (v: unknown): number {
  if (typeof v === 'number') return v
  if (typeof v === 'bigint') return Number(v)
  return Number(String(v))
}

function compareBinary (a: { buffer: Uint8Array, sub_type: number }, b: { buffer: Uint8Array, sub_type: number }): number {
  if (a.buffer.length !== b.buffer.length) return a.buffer.length - b.buffer.length
  if (a.sub_type !== b.sub_type) return a.sub_type - b.sub_type
  return Buffer.compare(a.buffer, b.buffer)
}

const sign = (n: number): number => n < 0 ? -1 : n > 0 ? 1 : 0

/** Total order over BSON values, as MongoDB sorts and indexes them. */
export function compareValues (a: unknown, b: unknown): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra - rb
  switch (ra) {
    case 2: case 1: case 14: return 0
    case 3: {
      const x = toNumber(a)
      const y = toNumber(b)
      return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : Number.isNaN(y) ? 1 : sign(x - y)
    }
    case 4: { const x = String(a); const y = String(b); return x < y ? -1 : x > y ? 1 : 0 }
    case 5: return compareObjects(a as Document, b as Document)
    case 6: return compareArrays(a as unknown[], b as unknown[])
    case 7: return compareBinary(a as never, b as never)
    case 8: { const x = String(a); const y = String(b); return x < y ? -1 : x > y ? 1 : 0 }
    case 9: return Number(a) - Number(b)
    case 10: return sign((a as Date).getTime() - (b as Date).getTime())
    default: { const x = valueKey(a); const y = valueKey(b); return x < y ? -1 : x > y ? 1 : 0 }
  }
}

function compareArrays (a: unknown[], b: unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareValues(a[i], b[i])
    if (c !== 0) return c
  }
  return a.length - b.length
}

function compareObjects (a: Document, b: Document): number {
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const c = compareValues(a[ka[i]], b[kb[i]]) || (ka[i] < kb[i] ? -1 : ka[i] > kb[i] ? 1 : 0)
    if (c !== 0) return c
  }
  return ka.length - kb.length
}

/**
 * `valueKey(a) === valueKey(b)`, without building the strings for the usual cases (the same
 * primitive type, dates, arrays, plain objects); anything else is compared by its keys.
 */
export function sameValue (a: unknown, b: unknown): boolean {
  if (a === b) return true
  const ta = typeof a
  const tb = typeof b
  if (ta === 'bigint' || tb !== ta) return valueKey(a) === valueKey(b)
  if (ta === 'number') return Number.isNaN(a) && Number.isNaN(b)
  if (ta === 'string' || ta === 'boolean') return false
  if (ta !== 'object' || a === null || b === null) return valueKey(a) === valueKey(b)
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return valueKey(a) === valueKey(b)
    // A hole is not `undefined` to valueKey (JSON writes it as null).
    for (let i = 0; i < a.length; i++) if ((i in a) !== (i in b) || !sameValue(a[i], b[i])) return false
    return true
  }
  if (a instanceof Date && b instanceof Date) return String(a.getTime()) === String(b.getTime())
  if (!isPlainObject(a) || !isPlainObject(b)) return valueKey(a) === valueKey(b)
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i] || !sameValue(a[ka[i]], b[kb[i]])) return false
  return true
}

/** Canonical string of a value: equal in MongoDB's sense ⇔ equal strings (numbers across types). */
export function valueKey (v: unknown): string {
  if (v === undefined || v === null) return 'N'
  switch (typeof v) {
    case 'number': return Object.is(v, -0) ? 'n0' : 'n' + String(v)
    case 'bigint': return 'n' + String(Number(v))
    case 'string': return 's' + v
    case 'boolean': return v ? 'b1' : 'b0'
    case 'object': break
    default: return 'u' + String(v)
  }
  if (Array.isArray(v)) return 'a' + JSON.stringify(v.map(valueKey))
  if (v instanceof Date) return 't' + String(v.getTime())
  if (v instanceof RegExp) return 'r' + String(v)
  switch (bsonType(v)) {
    case undefined: return 'o' + JSON.stringify(Object.entries(v).map(([k, x]) => [k, valueKey(x)]))
    case 'ObjectId': return 'i' + String(v)
    case 'Long': case 'Int32': case 'Double': case 'Decimal128': return 'n' + String(toNumber(v))
    case 'Binary': {
      const b = v as { buffer: Uint8Array, sub_type: number }
      return 'x' + String(b.sub_type) + Buffer.from(b.buffer).toString('base64')
    }
    default: return 'z' + bsonType(v) + JSON.stringify(v)
  }
}

/**
 * Every value a document holds at a dotted path, expanding arrays the way multikey
 * indexes do. A missing path yields `undefined` once.
 */
export function valuesAtPath (doc: unknown, path: string): unknown[] {
  const out: unknown[] = []
  collect(doc, path.split('.'), 0, out)
  return out.length === 0 ? [undefined] : out
}

function collect (value: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (Array.isArray(value) && value.length > 0) for (const item of value) out.push(item)
    else out.push(value)
    return
  }
  if (Array.isArray(value)) {
    const n = Number(parts[i])
    if (Number.isInteger(n) && n >= 0 && n < value.length) collect(value[n], parts, i + 1, out)
    for (const el of value) if (isPlainObject(el)) collect(el, parts, i, out)
    return
  }
  if (isPlainObject(value)) collect(value[parts[i]], parts, i + 1, out)
  else out.push(undefined)
}

/** Deep copy of plain objects, arrays and dates; bson value objects are immutable and shared. */
export function cloneDoc<T> (v: T): T {
  if (Array.isArray(v)) return v.map(cloneDoc) as T
  if (v instanceof Date) return new Date(v.getTime()) as T
  if (isPlainObject(v)) {
    const out: Document = {}
    for (const k of Object.keys(v)) out[k] = cloneDoc(v[k])
    return out as T
  }
  return v
}
