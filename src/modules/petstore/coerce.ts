/**
 * Form fields and XML text arrive as strings; this turns them into the types the route's JSON
 * schema expects (integers, booleans, arrays, objects), so one schema validates every content
 * type. A value that does not convert is left as it is, and validation reports it.
 */
export interface SchemaNode {
  type?: string
  items?: SchemaNode
  properties?: Record<string, SchemaNode>
  [keyword: string]: unknown
}

const INTEGER = /^-?\d{1,16}$/

export function coerce (schema: SchemaNode | undefined, value: unknown): unknown {
  switch (schema?.type) {
    case 'integer': {
      if (typeof value !== 'string' || !INTEGER.test(value.trim())) return value
      const number = Number(value.trim())
      return Number.isSafeInteger(number) ? number : value
    }
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value
    case 'array': {
      if (value === '' || value === undefined) return []
      const list = Array.isArray(value) ? value.filter((item) => item !== undefined) : [value]
      return list.map((item) => coerce(schema.items, item))
    }
    case 'object': {
      if (value === '') return {}
      if (!isPlainObject(value)) return value
      return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, coerce(schema.properties?.[key], field)]))
    }
    default:
      return value
  }
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
