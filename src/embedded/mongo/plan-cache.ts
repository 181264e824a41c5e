import type { Document } from 'bson'
import { isOperatorObject, isPlainObject } from './values.js'

const MAX_SHAPES = 200

/** Whether an index lookup can answer a value by equality (the planner's rule, which shapes must follow). */
export function usableValue (v: unknown): boolean {
  // Regexes match rather than equal; arrays also match arrays that contain them.
  return !(v instanceof RegExp) && !Array.isArray(v) &&
    (v as { _bsontype?: string } | null)?._bsontype !== 'BSONRegExp' && !isOperatorObject(v)
}

/**
 * The class of a value as far as the planner cares: null (usable for equality, not for a
 * range bound), not usable for a lookup at all (regex, array, `$`-object), or anything else.
 */
function valueClass (v: unknown): string {
  if (v === null) return 'n'
  return usableValue(v) ? 'v' : 'x'
}

function condShape (cond: unknown): string {
  if (!isOperatorObject(cond)) return valueClass(cond)
  let s = '{'
  for (const [op, v] of Object.entries(cond)) {
    if (op === '$in') {
      // One value or several (a sorted walk needs exactly one); whether all can be looked up.
      s += Array.isArray(v) ? `$in${v.length === 1 ? '1' : 'N'}${v.every(x => valueClass(x) !== 'x') ? '' : 'x'},` : '$in?,'
    } else if (op === '$eq' || op === '$gt' || op === '$gte' || op === '$lt' || op === '$lte') s += `${op}${valueClass(v)},`
    else s += `${op},`
  }
  return `${s}}`
}

/**
 * A filter's shape: the field paths and operators the planner reads, in order, with every
 * value reduced to the properties that decide which index can answer it. Two filters of
 * one shape get the same index choice (the `$in` product limit is re-checked on a hit).
 */
export function filterShape (filter: Document): string {
  let s = ''
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(cond)) {
      s += '$and['
      for (const sub of cond) s += isPlainObject(sub) ? `(${filterShape(sub)})` : '?'
      s += '],'
    } else if (field.startsWith('$')) s += `${field},` // $or, $nor, $expr…: not planned, values irrelevant
    else s += `${JSON.stringify(field)}:${condShape(cond)},`
  }
  return s
}

/** Cached choices by shape key, oldest dropped past MAX_SHAPES; cleared whenever the indexes change. */
export class PlanCache<T> {
  private readonly entries = new Map<string, T>()

  get (key: string): T | undefined { return this.entries.get(key) }
  has (key: string): boolean { return this.entries.has(key) }

  set (key: string, value: T): void {
    if (!this.entries.has(key) && this.entries.size >= MAX_SHAPES) {
      const oldest = this.entries.keys().next()
      if (oldest.done !== true) this.entries.delete(oldest.value)
    }
    this.entries.set(key, value)
  }

  clear (): void { this.entries.clear() }
  get size (): number { return this.entries.size }
}
