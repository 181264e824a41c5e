import type { Document } from 'bson'
import { entryId, type Index, lowerBound } from './indexes.js'
import { filterShape, PlanCache, usableValue } from './plan-cache.js'
import { compareValues, isOperatorObject, isPlainObject, typeRank } from './values.js'

/** What a filter says about one field that an index can answer (a superset is fine: mingo re-checks). */
interface FieldBounds {
  eq?: unknown[]
  lower?: { value: unknown, inclusive: boolean }
  upper?: { value: unknown, inclusive: boolean }
}

/**
 * The index a filter uses and how to look it up: each of `prefixes` (values of the index's
 * first `equalities` fields), plus one range on the next field when `range` is set.
 */
export interface Plan { index: Index, prefixes: unknown[][], range?: FieldBounds, equalities: number, ranged: boolean }

/** `prefixes` is empty when an `$in: []` matches nothing; `equalities` still counts the fields it fixed. */
interface Choice { index: Index, prefixes: unknown[][], equalities: number, range?: FieldBounds, score: number }

/** An index whose order answers a sort: walk the entries equal to `prefix` in direction `dir`. */
export interface SortedWalk { index: Index, prefix: unknown[], dir: number }

const MAX_EQ_COMBINATIONS = 1000

function boundsOf (cond: unknown): FieldBounds | undefined {
  if (!isOperatorObject(cond)) {
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

/** First and past-the-last positions of the entries equal to `prefix` (and within `range` on the next field). */
function span (index: Index, prefix: unknown[], range: FieldBounds | undefined): [number, number] {
  const k = prefix.length
  const lo = lowerBound(index.sorted, e => {
    const c = comparePrefix(e, prefix)
    return c < 0 || (c === 0 && range !== undefined && inRange(e[k], range).below)
  })
  const hi = lowerBound(index.sorted, e => {
    const c = comparePrefix(e, prefix)
    return c < 0 || (c === 0 && (range === undefined || !inRange(e[k], range).above))
  })
  return [lo, Math.max(lo, hi)]
}

/** Ids of the documents a plan looks up (each once). */
export function planIds (p: Plan): string[] {
  const { index, prefixes, range } = p
  const ids: string[] = []
  for (const prefix of prefixes) {
    const exact = range === undefined && prefix.length === index.fields.length ? index.exact(prefix) : undefined
    if (exact !== undefined) {
      // A loop, not push(...spread): one key may match more ids than a call takes arguments.
      for (const id of exact) ids.push(id)
      continue
    }
    const [lo, hi] = span(index, prefix, range)
    for (let i = lo; i < hi; i++) ids.push(entryId(index.sorted[i]))
  }
  return index.multikey || prefixes.length > 1 ? [...new Set(ids)] : ids
}

/**
 * How many documents a plan looks up, from entry positions alone: only for a single-valued
 * index (one entry per document), where distinct prefixes hold disjoint entries.
 */
export function countPlan (p: Plan): number {
  if (p.index.multikey) return planIds(p).length
  const prefixes = p.prefixes.length > 1 ? distinct(p.prefixes) : p.prefixes
  let n = 0
  for (const prefix of prefixes) {
    const [lo, hi] = span(p.index, prefix, p.range)
    n += hi - lo
  }
  return n
}

function distinct (prefixes: unknown[][]): unknown[][] {
  const sorted = [...prefixes].sort(comparePrefix)
  return sorted.filter((p, i) => i === 0 || comparePrefix(p, sorted[i - 1]) !== 0)
}

/** How `index` answers `bounds`: its equality prefix (as value tuples) and a range after it; undefined if not at all. */
function derive (index: Index, bounds: Map<string, FieldBounds>): Choice | undefined {
  let prefixes: unknown[][] = [[]]
  let range: FieldBounds | undefined
  let equalities = 0
  let score = 0
  for (const field of index.fields) {
    const b = bounds.get(field)
    if (b === undefined) break
    if (b.eq !== undefined && prefixes.length * b.eq.length <= MAX_EQ_COMBINATIONS) {
      prefixes = prefixes.flatMap(p => (b.eq ?? []).map(v => [...p, v]))
      equalities++
      score += 2
      continue
    }
    if (b.lower !== undefined || b.upper !== undefined) { range = b; score += 1 }
    break
  }
  return score > 0 ? { index, prefixes, equalities, range, score } : undefined
}

function choose (indexes: Iterable<Index>, bounds: Map<string, FieldBounds>): Choice | undefined {
  if (bounds.size === 0) return undefined
  let best: Choice | undefined
  for (const index of indexes) {
    if (!index.complete || index.hidden) continue
    const c = derive(index, bounds)
    if (c !== undefined && (best === undefined || c.score > best.score)) best = c
  }
  return best
}

function toPlan (c: Choice): Plan {
  return { index: c.index, prefixes: c.prefixes, range: c.range, equalities: c.equalities, ranged: c.range !== undefined }
}

/** Picks the index answering the longest equality prefix (plus one range); undefined means scan. */
export function plan (indexes: Iterable<Index>, filter: Document): Plan | undefined {
  const best = choose(indexes, fieldBounds(filter))
  return best === undefined ? undefined : toPlan(best)
}

/** Where a sort's first field sits in a walkable index, and the single-value equalities before it; undefined if not walkable. */
function walkPrefix (index: Index, bounds: Map<string, FieldBounds>, field: string): unknown[] | undefined {
  if (!index.complete || index.hidden || index.multikey) return undefined
  const at = index.fields.indexOf(field)
  if (at < 0) return undefined
  const prefix: unknown[] = []
  for (const f of index.fields.slice(0, at)) {
    const eq = bounds.get(f)?.eq
    if (eq?.length !== 1) return undefined
    prefix.push(eq[0])
  }
  return prefix
}

function walkFor (indexes: Index[], bounds: Map<string, FieldBounds>, sort: Array<[string, number]>): SortedWalk | undefined {
  const [field, dir] = sort[0]
  let found: SortedWalk | undefined
  for (const index of indexes) {
    const prefix = walkPrefix(index, bounds, field)
    if (prefix !== undefined && (found === undefined || found.prefix.length < prefix.length)) found = { index, prefix, dir }
  }
  const best = choose(indexes, bounds)
  if (found === undefined || (best !== undefined && best.score > 2 * found.prefix.length)) return undefined
  return found
}

/**
 * A single-valued index that yields documents in the order of the sort's first field: its
 * fields before that one are all fixed by single-value equalities of the filter. Chosen
 * only when no index answers more of the filter (an equality prefix at least as long as
 * the best filter index's), so a selective filter index still wins over a long walk.
 */
export function sortedWalk (indexes: Index[], filter: Document, sort: Array<[string, number]>): SortedWalk | undefined {
  return sort.length === 0 ? undefined : walkFor(indexes, fieldBounds(filter), sort)
}

interface CachedPlan { index: Index | undefined, score: number }

/**
 * The index choices of one collection, cached by filter shape (see `filterShape`) and, for
 * sorted walks, the sort: a hit skips the choice, the bounds still come from the filter's
 * values. The owner calls `invalidate` whenever an index is created, dropped, hidden or
 * unhidden, or becomes multikey. A cached index is also checked to still be the one
 * published under its name and usable, so a stale entry can cost speed, never results.
 */
export class Planner {
  private readonly plans = new PlanCache<CachedPlan>()
  private readonly walks = new PlanCache<Index | undefined>()
  /** Whether the last `plan` or `walk` reused a cached choice. */
  lastHit = false

  constructor (private readonly indexes: Map<string, Index>) {}

  invalidate (): void {
    this.plans.clear()
    this.walks.clear()
  }

  plan (filter: Document): Plan | undefined {
    const key = filterShape(filter)
    const bounds = fieldBounds(filter)
    const cached = this.plans.get(key)
    this.lastHit = true
    if (cached !== undefined && cached.index === undefined && !multiValued(bounds)) return undefined
    if (cached?.index !== undefined && this.usable(cached.index)) {
      // Same shape, same choice, unless an `$in` product now crosses MAX_EQ_COMBINATIONS.
      const c = derive(cached.index, bounds)
      if (c !== undefined && c.score === cached.score) return toPlan(c)
    }
    this.lastHit = false
    const best = choose(this.indexes.values(), bounds)
    this.plans.set(key, { index: best?.index, score: best?.score ?? 0 })
    return best === undefined ? undefined : toPlan(best)
  }

  walk (filter: Document, sort: Array<[string, number]>): SortedWalk | undefined {
    if (sort.length === 0) return undefined
    const key = `${filterShape(filter)}|${JSON.stringify(sort)}`
    const bounds = fieldBounds(filter)
    if (this.walks.has(key)) {
      const index = this.walks.get(key)
      const prefix = index !== undefined && this.usable(index) ? walkPrefix(index, bounds, sort[0][0]) : undefined
      this.lastHit = index === undefined || prefix !== undefined
      if (index === undefined) return undefined
      if (prefix !== undefined) return { index, prefix, dir: sort[0][1] }
    }
    this.lastHit = false
    const found = walkFor([...this.indexes.values()], bounds, sort)
    this.walks.set(key, found?.index)
    return found
  }

  private usable (index: Index): boolean {
    return this.indexes.get(index.name) === index && index.complete && !index.hidden
  }
}

function multiValued (bounds: Map<string, FieldBounds>): boolean {
  for (const b of bounds.values()) if (b.eq !== undefined && b.eq.length > 1) return true
  return false
}
