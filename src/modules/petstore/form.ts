import { BadRequestError } from '../../errors.js'
import { coerce, isPlainObject, type SchemaNode } from './coerce.js'

const MAX_FIELDS = 200
const MAX_INDEX = 99
// Keys that would reach an object's prototype if assigned.
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor'])

/**
 * `application/x-www-form-urlencoded` → the object the route's schema describes. Repeated keys
 * make arrays (`photoUrls=a&photoUrls=b`); nested fields use brackets or dots
 * (`category[name]=Dogs`, `tags[0][name]=x`, `category.id=1`).
 */
export function parseForm (text: string, schema: SchemaNode | undefined): unknown {
  const params = new URLSearchParams(text)
  const root: Record<string, unknown> = {}
  let count = 0
  for (const [key, value] of params) {
    if (++count > MAX_FIELDS) throw new BadRequestError(`A form body has at most ${MAX_FIELDS} fields`)
    assign(root, pathOf(key), value)
  }
  return coerce(schema ?? { type: 'object' }, root)
}

function pathOf (key: string): string[] {
  const segments = key.replace(/\]/g, '').split(/\[|\./)
  if (segments.length > 3 || segments.some((segment) => FORBIDDEN.has(segment))) throw new BadRequestError(`Form field "${key.slice(0, 50)}" is not allowed`)
  return segments
}

function assign (target: Record<string, unknown> | unknown[], path: string[], value: string): void {
  const [head, ...rest] = path
  if (Array.isArray(target)) {
    const index = head === '' ? target.length : Number(head)
    if (!Number.isInteger(index) || index < 0 || index > MAX_INDEX) throw new BadRequestError(`Form field index "${head.slice(0, 20)}" is not allowed`)
    if (rest.length === 0) target[index] = value
    else assign(child(target, index, rest[0]), rest, value)
    return
  }
  if (rest.length === 0) {
    const existing = target[head]
    target[head] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value]
    return
  }
  assign(child(target, head, rest[0]), rest, value)
}

function child (target: Record<string, unknown> | unknown[], key: string | number, next: string): Record<string, unknown> | unknown[] {
  const existing = (target as Record<string | number, unknown>)[key]
  if (Array.isArray(existing) || isPlainObject(existing)) return existing
  if (existing !== undefined) throw new BadRequestError('A form field is given both as a value and as a group')
  const created = /^\d*$/.test(next) ? [] : {}
  ;(target as Record<string | number, unknown>)[key] = created
  return created
}
