import { createHash } from 'node:crypto'

/**
 * Entity tags (RFC 9110 §8.8.3) for single-object representations. The tag is a hash of the object a
 * handler answers with, written with sorted keys: the route's serializer turns the same object into the
 * same bytes, so equal tags mean byte-identical JSON — a strong validator, usable with If-Match.
 */
export function etagOf (representation: unknown): string {
  const digest = createHash('sha256').update(canonicalJson(representation)).digest('base64url')
  return `"${digest.slice(0, 27)}"`
}

function canonicalJson (value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString())
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined)
    entries.sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

/** `*`, or the entity tags of an If-Match / If-None-Match value; null when the value is not valid syntax. */
export type EtagCondition = '*' | Array<{ weak: boolean, tag: string }>

const ENTITY_TAG = /^\s*(W\/)?("[\x21\x23-\x7e\x80-\xff]*")\s*(?:,|$)/

export function parseEtagCondition (header: string): EtagCondition | null {
  if (header.trim() === '*') return '*'
  const tags: Array<{ weak: boolean, tag: string }> = []
  let rest = header
  while (rest.trim() !== '') {
    // Empty list elements (`a, , b`) are allowed by the list syntax (RFC 9110 §5.6.1).
    if (/^\s*,/.test(rest)) { rest = rest.replace(/^\s*,/, ''); continue }
    const match = ENTITY_TAG.exec(rest)
    if (!match) return null
    tags.push({ weak: match[1] !== undefined, tag: match[2] })
    rest = rest.slice(match[0].length)
  }
  return tags.length > 0 ? tags : null
}

/** If-Match (RFC 9110 §13.1.1): `*` or a strong match with the current tag; weak tags never match. */
export const ifMatchHolds = (condition: EtagCondition, current: string): boolean =>
  condition === '*' || condition.some((item) => !item.weak && item.tag === current)

/** If-None-Match (RFC 9110 §13.1.2) "matches" — `*` or a weak comparison with the current tag — so a GET answers 304. */
export const ifNoneMatchMatches = (condition: EtagCondition, current: string): boolean =>
  condition === '*' || condition.some((item) => item.tag === current.replace(/^W\//, ''))
