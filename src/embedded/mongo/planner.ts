import type { Document } from 'bson'
import { type Index, lowerBound } from './indexes.js'
import { compareValues, isPlainObject, typeRank } from './values.js'

/** What a filter says about one field that an index can answer (a superset is fine: mingo re-checks). */
interface FieldBounds {
  eq?: unknown[]
  lower?: { value: unknown, inclusive: boolean }
  upper?: { value: unknown, inclusive: boolean }
}

/** The index a filter uses and the ids it yields; `equalities` fields of its prefix were looked up by equality, `ranged` adds one range. */
export interface Plan { index: Index, ids: string[], equalities: number, ranged: boolean }

interface Choice { index: Index, prefixes: unknown[][], range?: FieldBounds, score: number }

/** An index whose order answers a sort: walk the entries equal to `prefix` in direction `dir`. */
export interface SortedWalk { index: Index, prefix: unknown[], dir: number }

const MAX_EQ_COMBINATIONS = 1000

function usableValue (v: unknown): boolean {
  // Regexes match rather than equal; arrays also match arrays that contain them.
  return !(v instanceof RegExp) && !Array.isArray(v) &&
    (v as { _bsontype?: string } | null)?._bsontype !== 'BSONRegExp' && !(isPlainObject(v) && Object.keys(v).some(k => k.startsWith('$')))
}

function boundsOf (cond: unknown): FieldBounds | undefined {
  if (!isPlainObject(cond) || !Object.keys(cond).some(k => k.startsWith('$'))) {
    return usableValue(cond) ? { eq: [cond] } : undefined
  }
  const b: FieldBounds = {}
  for (const [op, v] of Object.entries(cond)) {
    if (op === '$eq' && usableValue(v)) b.eq = [v]
    else if (op === '$in' && Array.isArray(v) && v.every(usableValue)) b.eq = v
    else if ((op === '$gt' || op === '$gte') && usableValue(v) && v !== null) b.lower = { value: v, inclusive: op === '$gte' }
    else if ((op === '$lt' || op === '$lte') && usableValue(v) && v !== null) b.upper = { value: v, inclusive: op === '$lte' }
  }
  return b.eq !== undefined || b.lower !== undefined || b.upper !== undefined ? b : undefined
}

/** Field conditions of a filter's top level and of its top-level $and. */
export function fieldBounds (filter: Document, out = new Map<string, FieldBounds>()): Map<string, FieldBounds> {
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const sub of cond) if (isPlainObject(sub)) fieldBounds(sub, out)
      continue
    }
    if (field.startsWith('$')) continue
    const b = boundsOf(cond)
    if (b !== undefined && !out.has(field)) out.set(field, b)
  }
  return out
}

function inRange (v: unknown, b: FieldBounds): { below: boolean, above: boolean } {
  let below = false
  let above = false
  if (b.lower !== undefined) {
    const c = compareValues(v, b.lower.value)
    below = c < 0 || (c === 0 && !b.lower.inclusive)
  } else if (b.upper !== undefined) below = typeRank(v) < typeRank(b.upper.value)
  if (b.upper !== undefined) {
    const c = compareValues(v, b.upper.value)
    above = c > 0 || (c === 0 && !b.upper.inclusive)
  } else if (b.lower !== undefined) above = typeRank(v) > typeRank(b.lower.value)
  return { below, above }
}

export function comparePrefix (vals: unknown[], prefix: unknown[]): number {
  for (let i = 0; i < prefix.length; i++) {
    const c = compareValues(vals[i], prefix[i])
    if (c !== 0) return c
  }
  return 0
}

function scanIndex (index: Index, prefixes: unknown[][], range: FieldBounds | undefined): string[] {
  const ids: string[] = []
  for (const prefix of prefixes) {
    if (range === undefined && prefix.length === index.fields.length) {
      // A loop, not push(...spread): one key may match more ids than a call takes arguments.
      for (const id of index.exact(prefix)) ids.push(id)
      continue
    }
    const k = prefix.length
    const start = lowerBound(index.sorted, e => {
      const c = comparePrefix(e.vals, prefix)
      return c < 0 || (c === 0 && range !== undefined && inRange(e.vals[k], range).below)
    })
    for (let i = start; i < index.sorted.length; i++) {
      const e = index.sorted[i]
      if (comparePrefix(e.vals, prefix) !== 0) break
      if (range !== undefined && inRange(e.vals[k], range).above) break
      ids.push(e.id)
    }
  }
  return ids
}

function choose (indexes: Iterable<Index>, bounds: Map<string, FieldBounds>): Choice | undefined {
  if (bounds.size === 0) return undefined
  let best: Choice | undefined
  for (const index of indexes) {
    if (!index.complete || index.hidden) continue
    let prefixes: unknown[][] = [[]]
    let range: FieldBounds | undefined
    let score = 0
    for (const field of index.fields) {
      const b = bounds.get(field)
      if (b === undefined) break
      if (b.eq !== undefined && prefixes.length * b.eq.length <= MAX_EQ_COMBINATIONS) {
        prefixes = prefixes.flatMap(p => (b.eq ?? []).map(v => [...p, v]))
        score += 2
        continue
      }
      if (b.lower !== undefined || b.upper !== undefined) { range = b; score += 1 }
      break
    }
    if (score > 0 && (best === undefined || score > best.score)) best = { index, prefixes, range, score }
  }
  return best
}

/** Picks the index answering the longest equality prefix (plus one range); undefined means scan. */
export function plan (indexes: Iterable<Index>, filter: Document): Plan | undefined {
  const best = choose(indexes, fieldBounds(filter))
  if (best === undefined) return undefined
  const ids = scanIndex(best.index, best.prefixes, best.range)
  return {
    index: best.index,
    ids: best.index.multikey || best.prefixes.length > 1 ? [...new Set(ids)] : ids,
    equalities: best.prefixes[0].length,
    ranged: best.range !== undefined
  }
}

/**
 * A single-valued index that yields documents in the order of the sort's first field: its
 * fields before that one are all fixed by single-value equalities of the filter. Chosen
 * only when no index answers more of the filter (an equality prefix at least as long as
 * the best filter index's), so a selective filter index still wins over a long walk.
 */
export function sortedWalk (indexes: Index[], filter: Document, sort: Array<[string, number]>): SortedWalk | undefined {
  if (sort.length === 0) return undefined
  const bounds = fieldBounds(filter)
  const [field, dir] = sort[0]
  let found: SortedWalk | undefined
  for (const index of indexes) {
    if (!index.complete || index.hidden || index.multikey) continue
    const at = index.fields.indexOf(field)
    if (at < 0 || (found !== undefined && found.prefix.length >= at)) continue
    const prefix: unknown[] = []
    for (const f of index.fields.slice(0, at)) {
      const eq = bounds.get(f)?.eq
      if (eq?.length !== 1) break
      prefix.push(eq[0])
    }
    if (prefix.length === at) found = { index, prefix, dir }
  }
  const best = choose(indexes, bounds)
  if (found === undefined || (best !== undefined && best.score > 2 * found.prefix.length)) return undefined
  return found
}
