/**
 * A cheap walk over request input, run before schema validation, that refuses what no field may
 * hold and what would make validation itself expensive:
 * - strings with NUL (BSON and PostgreSQL refuse them) or unpaired surrogates (not valid Unicode);
 * - non-finite numbers (`1e400` parses to Infinity; coercion turns "Infinity" into one);
 * - nesting deeper than MAX_DEPTH;
 * - arrays longer than their schema's maxItems, and objects with more unknown fields than
 *   MAX_UNKNOWN_FIELDS — checked here so the validator never reports one error per item of a
 *   100 000-item array.
 * It stops at the first problem, which it reports shaped like an Ajv error.
 */
export const MAX_DEPTH = 32
export const MAX_UNKNOWN_FIELDS = 20

export interface InputProblem {
  instancePath: string
  schemaPath: string
  keyword: string
  params: Record<string, unknown>
  message: string
}

/** The parts of a JSON schema the walk follows. */
interface SchemaNode {
  type?: string | string[]
  maxItems?: number
  items?: SchemaNode | SchemaNode[]
  properties?: Record<string, SchemaNode>
  additionalProperties?: boolean | SchemaNode
  anyOf?: SchemaNode[]
  oneOf?: SchemaNode[]
}

// In u-mode a well-formed surrogate pair is one astral code point, so \p{Cs} only matches a lone half.
const LONE_SURROGATE = /\p{Cs}/u

const problem = (instancePath: string, keyword: string, message: string, params: Record<string, unknown> = {}): InputProblem =>
  ({ instancePath, schemaPath: '#/input-guard', keyword, params, message })

// JSON Pointer escaping (RFC 6901); most keys need none, and this runs for every key of every input.
const pointer = (key: string) => key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key

/** The union branch that describes a value of this JSON type, if the schema is a union. */
function branchFor (schema: SchemaNode | undefined, jsonType: 'array' | 'object'): SchemaNode | undefined {
  const branches = schema?.anyOf ?? schema?.oneOf
  if (!branches) return schema
  return branches.find((branch) => branch.type === jsonType || (Array.isArray(branch.type) && branch.type.includes(jsonType)))
}

export function inputProblem (schema: SchemaNode | undefined, value: unknown, path = '', depth = 0): InputProblem | undefined {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return problem(path, 'nul', 'must not contain NUL characters')
    if (LONE_SURROGATE.test(value)) return problem(path, 'unicode', 'must be valid Unicode text (it holds an unpaired surrogate)')
    return undefined
  }
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : problem(path, 'finite', 'must be a finite number')
  if (value === null || typeof value !== 'object') return undefined
  if (depth >= MAX_DEPTH) return problem(path, 'maxDepth', `must not nest deeper than ${MAX_DEPTH} levels`, { limit: MAX_DEPTH })
  return Array.isArray(value)
    ? arrayProblem(branchFor(schema, 'array'), value, path, depth)
    : objectProblem(branchFor(schema, 'object'), value as Record<string, unknown>, path, depth)
}

function arrayProblem (schema: SchemaNode | undefined, value: unknown[], path: string, depth: number): InputProblem | undefined {
  const limit = schema?.maxItems
  if (limit !== undefined && value.length > limit) {
    return problem(path, 'maxItems', `must NOT have more than ${limit} items`, { limit })
  }
  const items = Array.isArray(schema?.items) ? undefined : schema?.items
  for (let i = 0; i < value.length; i++) {
    const found = inputProblem(items, value[i], `${path}/${i}`, depth + 1)
    if (found) return found
  }
  return undefined
}

function objectProblem (schema: SchemaNode | undefined, value: Record<string, unknown>, path: string, depth: number): InputProblem | undefined {
  const keys = Object.keys(value)
  const properties = schema?.properties ?? {}
  if (schema?.additionalProperties === false) {
    const unknown = keys.filter((key) => !Object.hasOwn(properties, key))
    if (unknown.length > MAX_UNKNOWN_FIELDS) {
      return problem(path, 'additionalProperties', `has ${unknown.length} fields that are not allowed`, { count: unknown.length })
    }
  }
  const extra = typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined
  for (const key of keys) {
    const found = inputProblem(Object.hasOwn(properties, key) ? properties[key] : extra, value[key], `${path}/${pointer(key)}`, depth + 1)
    if (found) return found
  }
  return undefined
}
