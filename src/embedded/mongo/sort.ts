import type { Document } from 'bson'
import { CommandError } from './errors.js'
import { compareValues, valuesAtPath } from './values.js'

/** Sort key of one field: arrays sort by their smallest (ascending) or largest (descending) element. */
function sortKey (doc: Document, path: string, dir: number): unknown {
  const values = valuesAtPath(doc, path)
  if (values.length === 1) return values[0]
  let best = values[0]
  for (const v of values) if (compareValues(v, best) * dir < 0) best = v
  return best
}

export function parseSort (spec: Document | undefined): Array<[string, number]> {
  if (spec === undefined) return []
  return Object.entries(spec).map(([field, dir]) => {
    const n = Number(dir)
    if (n !== 1 && n !== -1) throw new CommandError('BadValue', `$sort key ordering must be 1 (for ascending) or -1 (for descending) in ${field}`)
    return [field, n]
  })
}

/** Stable sort in MongoDB's cross-type order. */
export function sortDocs (docs: Document[], spec: Document | undefined): Document[] {
  const fields = parseSort(spec)
  if (fields.length === 0) return docs
  const keyed = docs.map(doc => ({ doc, keys: fields.map(([f, d]) => sortKey(doc, f, d)) }))
  keyed.sort((a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const c = compareValues(a.keys[i], b.keys[i]) * fields[i][1]
      if (c !== 0) return c
    }
    return 0
  })
  return keyed.map(k => k.doc)
}
