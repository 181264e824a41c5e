import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import { XMLParser } from 'fast-xml-parser'
import { parse } from 'yaml'

/**
 * Checks responses against the official Petstore document (contract/openapi.yaml, not the
 * server's own schemas): the status must be documented for the operation (or fall under
 * `default`), and a body the document describes for that status and content type is validated
 * with Ajv. XML bodies are read back into JSON by the document's own `xml` annotations.
 */
interface Schema {
  type?: string
  $ref?: string
  properties?: Record<string, Schema>
  items?: Schema
  xml?: { name?: string, wrapped?: boolean }
}
interface Operation { operationId: string, responses: Record<string, { content?: Record<string, { schema: Schema }> }> }
interface Document { paths: Record<string, Record<string, Operation>>, components: { schemas: Record<string, Schema> } }

export const officialYaml = readFileSync(new URL('../../../src/modules/petstore/contract/openapi.yaml', import.meta.url), 'utf8')
export const official = parse(officialYaml) as Document

const ajv = new Ajv({ strict: false, allErrors: true })
addFormats.default(ajv)
ajv.addFormat('int32', { type: 'number', validate: (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 })
ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isInteger(value) })
ajv.addSchema({ ...official, $id: 'petstore' } as object)

/** The service's error body; its code and message are strings, as any Petstore error schema wants. */
const validateError = ajv.compile({
  type: 'object',
  required: ['statusCode', 'error', 'code', 'message'],
  properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } }
})

export const operations = new Map<string, { method: string, path: string, operation: Operation }>()
for (const [path, methods] of Object.entries(official.paths)) {
  for (const [method, operation] of Object.entries(methods)) operations.set(operation.operationId, { method: method.toUpperCase(), path, operation })
}

const resolve = (schema: Schema): Schema => schema.$ref ? resolve(official.components.schemas[schema.$ref.split('/').pop()!]) : schema

const xmlParser = new XMLParser({ ignoreAttributes: true, ignoreDeclaration: true, parseTagValue: false, processEntities: false, isArray: () => true })

/** An element's content as the JSON value the schema describes (every parsed node is an array). */
function fromXml (schema: Schema, nodes: unknown[] | undefined): unknown {
  const resolved = resolve(schema)
  if (nodes === undefined) return undefined
  const node = nodes[0]
  switch (resolved.type) {
    case 'array': {
      const itemName = resolve(resolved.items!).xml?.name ?? resolved.items?.xml?.name ?? 'item'
      const items = (node as Record<string, unknown[]> | '')?.[itemName as never] as unknown[] | undefined ?? []
      return items.map((item) => fromXml(resolved.items!, [item]))
    }
    case 'object': {
      if (node === '') return {}
      const element = node as Record<string, unknown[]>
      return Object.fromEntries(Object.entries(resolved.properties ?? {})
        .filter(([name]) => element[name] !== undefined)
        .map(([name, property]) => {
          const value = resolve(property).type === 'array' && !property.xml?.wrapped
            ? element[name].map((item) => fromXml(property.items!, [item]))
            : fromXml(property, element[name])
          return [name, value]
        }))
    }
    case 'integer': return Number(node)
    case 'boolean': return node === 'true' ? true : node === 'false' ? false : node
    default: return node
  }
}

export interface Checked { status: string, contentType: string, body: unknown }
interface InjectedResponse { statusCode: number, headers: Record<string, unknown>, body: string }

/**
 * Validates one response of an operation. Throws with the reason when it breaks the contract;
 * answers what was checked so tests can assert on it.
 */
export function checkResponse (operationId: string, res: InjectedResponse): Checked {
  const entry = operations.get(operationId)
  if (!entry) throw new Error(`unknown operation ${operationId}`)
  const status = String(res.statusCode)
  const documented = entry.operation.responses[status] ?? entry.operation.responses.default
  if (!documented) throw new Error(`${operationId}: status ${status} is not documented`)
  const contentType = String(res.headers['content-type'] ?? '').split(';')[0]
  if (res.statusCode >= 400) {
    const body = JSON.parse(res.body) as unknown
    if (contentType !== 'application/json' || !validateError(body)) throw new Error(`${operationId} ${status}: not the error body: ${res.body}`)
    return { status, contentType, body }
  }
  const content = documented.content
  if (!content) {
    if (res.body !== '') throw new Error(`${operationId} ${status}: the document describes no body, got ${res.body.slice(0, 100)}`)
    return { status, contentType, body: undefined }
  }
  const media = content[contentType]
  if (!media) throw new Error(`${operationId} ${status}: content type ${contentType} is not documented`)
  const schema = resolve(media.schema)
  let body: unknown
  if (contentType === 'application/xml') {
    const parsed = xmlParser.parse(res.body) as Record<string, unknown[]>
    const root = Object.keys(parsed)[0]
    const expected = schema.xml?.name
    if (expected && root !== expected) throw new Error(`${operationId}: XML root <${root}>, the document says <${expected}>`)
    body = fromXml(media.schema, parsed[root])
  } else {
    body = JSON.parse(res.body)
  }
  const ref = `petstore#/paths/${pointer(entry.path)}/${entry.method.toLowerCase()}/responses/${status}/content/${pointer(contentType)}/schema`
  const validate = compiled.get(ref) ?? compiled.set(ref, ajv.compile({ $ref: ref })).get(ref)!
  if (!validate(body)) throw new Error(`${operationId} ${status} ${contentType}: ${ajv.errorsText(validate.errors)}: ${res.body.slice(0, 300)}`)
  return { status, contentType, body }
}

const compiled = new Map<string, ValidateFunction>()
const pointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1')
