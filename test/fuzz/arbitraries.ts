import fc from 'fast-check'

/** The parts of an OpenAPI 3.0 schema the generators read. */
export interface Schema {
  type?: string
  enum?: unknown[]
  nullable?: boolean
  anyOf?: Schema[]
  minimum?: number
  maximum?: number
  multipleOf?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  format?: string
  items?: Schema
  minItems?: number
  maxItems?: number
  uniqueItems?: boolean
  properties?: Record<string, Schema>
  required?: string[]
}

/** A JSON number literal no JS number can carry (`1e400`), written into the payload as is. */
export class RawNumber {
  constructor (readonly text: string) {}
}

/** A real id for a reference field (`exercise`, `workout_session`, …), or undefined if the field is none. */
export type Refs = (field: string) => string | undefined

// Mostly recent dates, so that ranges (at most 5 years for stats) are often valid; now and then any accepted year.
const DATES = fc.oneof(
  { weight: 4, arbitrary: fc.date({ min: new Date('2022-01-01T00:00:00Z'), max: new Date('2027-12-31T23:59:59Z'), noInvalidDate: true }) },
  { weight: 1, arbitrary: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true }) }
)
const nested = (depth: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown =>
  Array.from({ length: depth }).reduce<unknown>((inner) => wrap(inner), leaf)

/** Values no field should take: NUL, lone surrogates, non-finite and huge numbers, operators, prototype keys, deep nesting. */
export const SPECIAL_VALUES: unknown[] = [
  '\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', 'Infinity', '-Infinity', 'NaN', '1e400', '-0', '',
  new RawNumber('1e400'), new RawNumber('-1e400'), new RawNumber('1e-400'), 1e308, -1e308, 2 ** 53 + 2, 2 ** 31, -(2 ** 31) - 1,
  { $gt: '' }, { $ne: null }, { $where: 'sleep(10000)' }, JSON.parse('{"__proto__":{"role":"admin"}}'),
  { constructor: { prototype: { admin: true } } }, nested(40, 1, (inner) => [inner]), nested(40, 'x', (inner) => ({ a: inner })),
  "' OR '1'='1", '../../etc/passwd', '𝟘😀', 'a'.repeat(100_000), { ['k'.repeat(50_000)]: 1 },
  Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`${i}${'k'.repeat(2_000)}`, i]))
]
const ANY_TYPE: unknown[] = [0, 1.5, -1, 'text', true, false, null, [], {}, ['x'], { a: 1 }]

function validString (schema: Schema, field: string, refs: Refs): fc.Arbitrary<string> {
  const ref = schema.pattern === '^[0-9a-fA-F]{24}$' ? refs(field) : undefined
  if (ref !== undefined) return fc.constant(ref).map(() => refs(field)!) // read at generation time: the pool changes
  if (schema.format === 'date') return DATES.map((date) => date.toISOString().slice(0, 10))
  if (schema.format === 'date-time') return DATES.map((date) => date.toISOString())
  if (schema.format === 'email') return fc.emailAddress().filter((email) => email.length <= (schema.maxLength ?? 254))
  if (schema.format === 'uri') return fc.webUrl().filter((url) => url.length <= (schema.maxLength ?? 2000))
  const minLength = schema.minLength ?? 0
  const maxLength = schema.maxLength ?? 50
  if (schema.pattern) {
    return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => [...text].length >= minLength && [...text].length <= maxLength)
  }
  return fc.string({ unit: 'binary', minLength, maxLength: Math.min(maxLength, minLength + 40) })
}

function validNumber (schema: Schema): fc.Arbitrary<number> {
  const min = schema.minimum ?? -1e6
  const max = schema.maximum ?? 1e6
  const step = schema.multipleOf ?? (schema.type === 'integer' ? 1 : undefined)
  const edges = fc.constantFrom(min, max)
  if (step) return fc.oneof(edges, fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((k) => k * step))
  return fc.oneof(edges, fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => x === 0 ? 0 : x))
}

/** Values the schema accepts (references filled with real ids), biased to its bounds. */
export function valid (schema: Schema, refs: Refs, field = ''): fc.Arbitrary<unknown> {
  const value = validNonNull(schema, refs, field)
  return schema.nullable ? fc.option(value, { nil: null, freq: 4 }) : value
}

function validNonNull (schema: Schema, refs: Refs, field: string): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum)
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((branch) => valid(branch, refs, field)))
  switch (schema.type) {
    case 'string': return validString(schema, field, refs)
    case 'integer': case 'number': return validNumber(schema)
    case 'boolean': return fc.boolean()
    case 'array': {
      const item = valid(schema.items ?? {}, refs, field)
      const sizes = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 4, (schema.minItems ?? 0) + 4) }
      return schema.uniqueItems ? fc.uniqueArray(item, { ...sizes, selector: (x) => JSON.stringify(x) }) : fc.array(item, sizes)
    }
    case 'object': {
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, property]) => [name, valid(property, refs, name)]))
      return fc.record(properties, { requiredKeys: schema.required ?? [] })
    }
    default: return fc.constantFrom(...ANY_TYPE)
  }
}

/** Values at each bound of the schema and just beyond it. */
function edges (schema: Schema): unknown[] {
  const found: unknown[] = []
  const { minimum: min, maximum: max, minLength, maxLength, minItems, maxItems } = schema
  const step = schema.type === 'integer' ? 1 : schema.multipleOf ?? 1e-9
  const offGrid = schema.type === 'integer' ? 0.5 : (schema.multipleOf ?? 0) / 2 // in range, but not an integer or not a multiple
  if (min !== undefined) found.push(min, min - step, min - 1, min + offGrid)
  if (max !== undefined) found.push(max, max + step, max + 1, max * 1000)
  if (minLength) found.push('a'.repeat(minLength), 'a'.repeat(minLength - 1))
  if (maxLength !== undefined) found.push('a'.repeat(maxLength), 'a'.repeat(maxLength + 1), '😀'.repeat(maxLength))
  if (schema.format === 'date') found.push('1900-01-01', '2999-12-31', '1899-12-31', '3000-01-01', '0000-01-01', '9999-12-31', '+010000-01-01', '2026-02-30', '2026-13-01')
  if (schema.format === 'date-time') found.push('1900-01-01T00:00:00Z', '2999-12-31T23:59:59.999Z', '1899-12-31T23:59:59Z', '9999-12-31T00:00:00Z', '+010000-01-01T00:00:00Z', '2026-01-01T25:00:00Z')
  if (schema.enum?.length) found.push(`${String(schema.enum[0])}x`, String(schema.enum[0]).toUpperCase(), ' ')
  const item = schema.items?.enum?.[0] ?? 1
  if (minItems) found.push([])
  if (maxItems !== undefined) found.push(Array(maxItems).fill(item), Array(maxItems + 1).fill(item), Array(10_000).fill(item))
  return found
}

/** A value for one field that probes it: a bound, one beyond, a wrong type or a special value. */
export function mutant (schema: Schema): fc.Arbitrary<unknown> {
  const probes = edges(schema)
  return fc.oneof(
    { weight: probes.length ? 3 : 0, arbitrary: fc.constantFrom(...probes, null) },
    { weight: 1, arbitrary: fc.constantFrom(...ANY_TYPE) },
    { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_VALUES) }
  )
}

/** JSON text for a value, with RawNumber written as its literal and own `__proto__` keys kept. */
export function toJson (value: unknown): string {
  if (value instanceof RawNumber) return value.text
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([key, inner]) => `${JSON.stringify(key)}:${toJson(inner)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}
