import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser'
import { BadRequestError } from '../../errors.js'
import { coerce, isPlainObject, type SchemaNode } from './coerce.js'
import { RuleError } from './errors.js'

/**
 * XML shapes from the contract's `xml` annotations: root names (pet, category, tag, order, user),
 * wrapped arrays (photoUrls/photoUrl, tags/tag). A list response is `<pets><pet>…</pet></pets>`.
 */
export type Shape = { list: string, of: Shape } | { fields: Record<string, Shape> } | 'value'

const NAMED = { fields: { id: 'value', name: 'value' } } as const
export const PET_SHAPE: Shape = {
  fields: {
    id: 'value', name: 'value', category: NAMED, photoUrls: { list: 'photoUrl', of: 'value' }, tags: { list: 'tag', of: NAMED }, status: 'value'
  }
}
export interface XmlRoot { name: string, shape: Shape }
export const XML_ROOTS = {
  pet: { name: 'pet', shape: PET_SHAPE },
  pets: { name: 'pets', shape: { list: 'pet', of: PET_SHAPE } },
  order: { name: 'order', shape: 'value' },
  user: { name: 'user', shape: 'value' },
  token: { name: 'token', shape: 'value' }
} satisfies Record<string, XmlRoot>

export const MAX_XML_DEPTH = 32
const LIST_ITEMS = new Set(['photoUrls.photoUrl', 'tags.tag', 'pets.pet'])

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_XML_DEPTH,
  // Only XML's five predefined entities and character references are decoded: no DTD, no expansion.
  tagValueProcessor: (_name, value) => decodePredefined(value),
  // Items of wrapped lists are arrays even when there is one: `tags.tag` in `pet.tags.tag`.
  isArray: (_name, jpath) => [...LIST_ITEMS].some((item) => String(jpath).endsWith(item))
})
const builder = new XMLBuilder({ ignoreAttributes: true, suppressEmptyNode: false })

const BARE_AMPERSAND = /&(?!(?:lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }
function decodePredefined (text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (whole, name: string) => {
    if (!name.startsWith('#')) return PREDEFINED[name]
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1))
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

/**
 * Parses a request body. Refused with 400 before anything else: document type declarations (the
 * door to entity expansion and external entities), malformed XML, nesting deeper than 32.
 * Entities are never expanded. The root element must be the contract's (`<pet>`, `<order>`, `<user>`).
 */
export function parseXml (text: string, root: XmlRoot, schema: SchemaNode | undefined): unknown {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new BadRequestError('XML document type declarations and entities are not accepted')
  if (BARE_AMPERSAND.test(text.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ''))) throw new BadRequestError('Malformed XML: an undeclared entity or a bare "&"')
  const valid = XMLValidator.validate(text)
  if (valid !== true) throw new BadRequestError(`Malformed XML: ${valid.err.msg} (line ${valid.err.line})`)
  let parsed: unknown
  try {
    parsed = parser.parse(text)
  } catch (error) {
    throw new BadRequestError(`Malformed XML: ${(error as Error).message.slice(0, 200)}`)
  }
  const names = isPlainObject(parsed) ? Object.keys(parsed) : []
  if (names.length !== 1 || Array.isArray((parsed as Record<string, unknown>)[names[0]])) throw new BadRequestError('Malformed XML: a document has exactly one root element')
  if (names[0] !== root.name) throw new RuleError('body', `must be one <${root.name}> element`)
  return coerce(schema, unwrap(root.shape, (parsed as Record<string, unknown>)[root.name]))
}

/** Wrapped arrays become plain ones: `{photoUrls: {photoUrl: [a, b]}}` → `{photoUrls: [a, b]}`. */
function unwrap (shape: Shape, value: unknown): unknown {
  if (shape === 'value') return value
  if ('list' in shape) {
    if (!isPlainObject(value)) return value === '' ? [] : value
    const items = value[shape.list]
    return Array.isArray(items) ? items.map((item) => unwrap(shape.of, item)) : []
  }
  if (!isPlainObject(value)) return value
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, shape.fields[key] ? unwrap(shape.fields[key], field) : field]))
}

/** A response body (already shaped by the response schema) as XML. */
export function toXml (root: XmlRoot, value: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ [root.name]: wrap(root.shape, value) }) as string}`
}

function wrap (shape: Shape, value: unknown): unknown {
  if (shape === 'value' || value === null || value === undefined) return value
  if ('list' in shape) return Array.isArray(value) && value.length > 0 ? { [shape.list]: value.map((item) => wrap(shape.of, item)) } : ''
  if (!isPlainObject(value)) return value
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, shape.fields[key] ? wrap(shape.fields[key], field) : field]))
}
