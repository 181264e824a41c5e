import fc from 'fast-check'
import { mutant, RawNumber, SPECIAL_VALUES, toJson, valid, type Refs, type Schema } from './arbitraries.js'
import type { Sent } from './target.js'
import type { Pool, World } from './world.js'

interface Parameter { in: string, name: string, required?: boolean, schema: Schema }
interface DocOperation { parameters?: Parameter[], requestBody?: { content: Record<string, { schema: Schema }> }, responses?: Record<string, unknown> }
export interface OpenApiDocument { paths: Record<string, Record<string, DocOperation>> }

export interface Operation {
  name: string
  method: string
  path: string
  query: Schema
  body?: Schema
  /** The statuses the document lists for the operation. */
  statuses: number[]
  /** Where a real `{id}` for the path comes from. */
  pathPool?: Pool
}

/** One fuzz case: what to change in an otherwise well-formed request. */
export interface Case {
  auth: 'admin' | 'member' | 'none' | 'garbage'
  query: Record<string, unknown>
  body?: unknown
  /** Replaces the real id in the path (URL-encoded already). */
  pathId?: string
  extraQuery?: string
  rawBody?: string
  contentType?: string
}

const PATH_POOLS: Array<[RegExp, Pool]> = [
  [/^\/api\/auth\/tokens\//, 'tokens'], [/^\/api\/auth\/users\//, 'users'], [/^\/api\/(stats\/)?exercises\//, 'exercises'],
  [/^\/api\/workouts\//, 'workouts'], [/^\/api\/workout-sessions\//, 'sessions'], [/^\/api\/exercise-logs\//, 'logs']
]

export function operationsOf (doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => {
    const query = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query')
    return {
      name: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      query: {
        type: 'object',
        properties: Object.fromEntries(query.map((parameter) => [parameter.name, parameter.schema])),
        required: query.filter((parameter) => parameter.required).map((parameter) => parameter.name)
      },
      body: operation.requestBody?.content['application/json']?.schema,
      statuses: Object.keys(operation.responses ?? {}).map(Number),
      pathPool: path.includes('{id}') ? PATH_POOLS.find(([pattern]) => pattern.test(path))?.[1] : undefined
    }
  }))
}

const JUNK_IDS = [
  '0'.repeat(24), 'f'.repeat(24), 'abc', '0', '-1', '2147483648', '1.5', '1e400', 'Infinity', 'NaN', '%00', '%ED%A0%80', '%',
  '%ZZ', 'a'.repeat(300), '..%2F..%2Fhealth', '%7B%22%24gt%22%3A%22%22%7D', '%F0%9D%9F%98', '__proto__',
  `%ED%A0%80?pad=${'b'.repeat(100_000)}`, `x/${'y'.repeat(100_000)}`
]
const JUNK_QUERIES = [
  'page=1&page=2', `page_size=${'9'.repeat(400)}`, 'search=%ED%A0%80', 'search=%00', `search=${'b'.repeat(100_000)}`, '%', '%ZZ=1',
  'ordering[$gt]=', '__proto__[role]=admin', 'constructor[prototype][x]=1', Array(200).fill('zz=1').join('&')
]
const JUNK_BODIES: Array<Pick<Case, 'rawBody' | 'contentType'>> = [
  { rawBody: '' }, { rawBody: 'null' }, { rawBody: '[]' }, { rawBody: '"x"' }, { rawBody: '1e400' }, { rawBody: '{' },
  { rawBody: '{"__proto__":{"role":"admin"}}' }, { rawBody: '['.repeat(100_000) }, { rawBody: '{"a":1,"a":2}' },
  { rawBody: `[${'0,'.repeat(600_000)}0]` }, { rawBody: '\uFEFF{}' }, { rawBody: '{}', contentType: 'text/plain' },
  { rawBody: 'a=1', contentType: 'application/x-www-form-urlencoded' }, { rawBody: '{}', contentType: 'application/json; charset=utf-16' },
  { rawBody: '{}', contentType: 'application/jsonx' }, ...SPECIAL_VALUES.map((value) => ({ rawBody: toJson(value) }))
]

interface Slot { part: 'query' | 'body', path: Array<string | number>, schema: Schema }

/** Every field of a request part, nested ones too, each a place to put a probing value. */
function slots (schema: Schema, part: Slot['part'], path: Slot['path'] = []): Slot[] {
  const own = path.length ? [{ part, path, schema }] : []
  if (path.length >= 3) return own
  if (schema.type === 'array' && schema.items) return [...own, ...slots(schema.items, part, [...path, 0])]
  return [...own, ...Object.entries(schema.properties ?? {}).flatMap(([name, property]) => slots(property, part, [...path, name]))]
}

function setAt (root: unknown, path: Slot['path'], value: unknown): unknown {
  if (path.length === 0) return value
  const [key, ...rest] = path
  const container: Record<string | number, unknown> = typeof key === 'number'
    ? [...(Array.isArray(root) ? root as unknown[] : [])] as unknown as Record<number, unknown>
    : { ...(root !== null && typeof root === 'object' && !Array.isArray(root) ? root : {}) }
  container[key] = setAt(container[key], rest, value)
  return container
}

/** Requests for one operation: valid ones, one field probed, a required field missing, junk in the body, path or query; four kinds of caller. */
export function casesFor (operation: Operation, refs: Refs): fc.Arbitrary<Case> {
  const base = fc.record({
    query: valid(operation.query, refs) as fc.Arbitrary<Record<string, unknown>>,
    body: operation.body ? valid(operation.body, refs) : fc.constant(undefined)
  })
  const targets = [...slots(operation.query, 'query'), ...(operation.body ? [{ part: 'body' as const, path: [], schema: operation.body }, ...slots(operation.body, 'body')] : [])]
  const required = operation.body?.required ?? []
  const variant = fc.oneof(
    { weight: 4, arbitrary: base },
    {
      weight: 5,
      // Plus a `page` query parameter for every operation: unknown to most, typed junk to the rest.
      arbitrary: fc.constantFrom(...targets, { part: 'query' as const, path: ['page'], schema: {} }).chain((slot) =>
        fc.tuple(base, mutant(slot.schema)).map(([request, value]) => ({ ...request, [slot.part]: setAt(request[slot.part], slot.path, value) })))
    },
    {
      weight: required.length ? 1 : 0,
      arbitrary: fc.tuple(base, fc.constantFrom('', ...required)).map(([request, field]) =>
        ({ ...request, body: Object.fromEntries(Object.entries(request.body as object).filter(([key]) => key !== field)) }))
    },
    { weight: 1, arbitrary: fc.tuple(base, fc.constantFrom(...JUNK_BODIES)).map(([request, junk]) => ({ ...request, ...junk })) },
    { weight: operation.pathPool ? 1 : 0, arbitrary: fc.tuple(base, fc.constantFrom(...JUNK_IDS)).map(([request, pathId]) => ({ ...request, pathId })) },
    { weight: 1, arbitrary: fc.tuple(base, fc.constantFrom(...JUNK_QUERIES)).map(([request, extraQuery]) => ({ ...request, extraQuery })) }
  )
  const auth = fc.constantFrom<Case['auth']>('admin', 'admin', 'admin', 'admin', 'admin', 'member', 'none', 'garbage')
  return fc.tuple(variant, auth).map(([request, caller]) => ({ ...request, auth: caller }))
}

// encodeURIComponent throws on a lone surrogate: send its WTF-8 bytes, which no UTF-8 decoder accepts.
const encode = (text: string) => text.split(/(\p{Cs})/u).map((part, i) => i % 2 ? '%ED%A0%80' : encodeURIComponent(part)).join('')

function queryText (query: Record<string, unknown>): string {
  const text = (value: unknown) => value instanceof RawNumber ? value.text : typeof value === 'object' && value !== null ? toJson(value) : String(value ?? '')
  return Object.entries(query).flatMap(([key, value]) => {
    if (Array.isArray(value)) return value.map((item) => `${encode(key)}=${encode(text(item))}`)
    if (value !== null && typeof value === 'object' && !(value instanceof RawNumber)) {
      return Object.entries(value).map(([inner, item]) => `${encode(key)}[${encode(inner)}]=${encode(text(item))}`)
    }
    return [`${encode(key)}=${encode(text(value))}`]
  }).join('&')
}

export async function toRequest (operation: Operation, request: Case, world: World): Promise<Sent> {
  const id = request.pathId ?? (operation.pathPool ? encodeURIComponent(await world.pick(operation.pathPool)) : '')
  const query = [queryText(request.query), request.extraQuery].filter(Boolean).join('&')
  const payload = request.rawBody ?? (request.body === undefined ? undefined : toJson(request.body))
  const token = { admin: `Token ${world.admin.token}`, member: `Token ${world.member.token}`, none: undefined, garbage: `Token ${'x'.repeat(40)}` }[request.auth]
  const contentType = request.contentType ?? (payload === undefined ? undefined : 'application/json')
  return {
    method: operation.method,
    url: operation.path.replace('{id}', id) + (query ? `?${query}` : ''),
    headers: { ...(token ? { authorization: token } : {}), ...(contentType ? { 'content-type': contentType } : {}) },
    ...(payload === undefined ? {} : { payload })
  }
}
