import { connect } from 'node:net'
import t from 'tap'
import { build } from '../helpers/build.js'
import { createUser } from '../helpers/users.js'

interface SchemaNode {
  type?: string
  minimum?: number
  maximum?: number
  maxItems?: number
  maxLength?: number
  pattern?: string
  enum?: unknown[]
  format?: string
  items?: SchemaNode
  properties?: Record<string, SchemaNode>
  anyOf?: SchemaNode[]
}
interface Operation {
  parameters?: Array<{ in: string, name: string, schema: SchemaNode }>
  requestBody?: { content: Record<string, { schema: SchemaNode }> }
  responses: Record<string, unknown>
}

/** Every place in a request schema where a client could send unbounded work or a value the service cannot store. */
function unbounded (schema: SchemaNode, path: string): string[] {
  const found: string[] = []
  if (schema.type === 'number' || schema.type === 'integer') {
    if (!Number.isFinite(schema.minimum) || !Number.isFinite(schema.maximum)) found.push(`${path}: number without both bounds`)
  }
  if (schema.type === 'array') {
    if (schema.maxItems === undefined) found.push(`${path}: array without maxItems`)
    if (schema.items) found.push(...unbounded(schema.items, `${path}[]`))
  }
  if (schema.type === 'string' && schema.maxLength === undefined && schema.pattern === undefined && schema.enum === undefined) {
    found.push(`${path}: string without maxLength, pattern or enum`)
  }
  for (const [name, property] of Object.entries(schema.properties ?? {})) found.push(...unbounded(property, `${path}.${name}`))
  for (const branch of schema.anyOf ?? []) found.push(...unbounded(branch, path))
  return found
}

t.test('the served contract', async (t) => {
  const app = await build(t)
  const doc = (await app.inject('/api/schema')).json() as { paths: Record<string, Record<string, Operation>> }
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, method, operation })))

  t.test('every number, array and string a client sends is bounded', async (t) => {
    const problems = operations.flatMap(({ name, operation }) => [
      ...(operation.parameters ?? []).flatMap((parameter) => unbounded(parameter.schema, `${name} ${parameter.in}.${parameter.name}`)),
      ...Object.values(operation.requestBody?.content ?? {}).flatMap(({ schema }) => unbounded(schema, `${name} body`))
    ])
    t.same(problems, [])
    t.ok(operations.length > 40, `${operations.length} operations checked`)
  })

  t.test('every operation documents the statuses any route can answer', async (t) => {
    for (const { name, method, operation } of operations) {
      if (name.startsWith('GET /api/docs')) continue
      const codes = Object.keys(operation.responses)
      for (const code of ['400', '500', '503']) t.ok(codes.includes(code), `${name} documents ${code}`)
      if (['post', 'put', 'patch', 'delete'].includes(method)) {
        t.ok(codes.includes('413') && codes.includes('415'), `${name} documents 413 and 415`)
      }
      if (name.includes('{')) t.ok(codes.includes('414'), `${name} documents 414 (a path parameter that is too long)`)
    }
  })
})

t.test('absolute links come from PUBLIC_URL, never from the Host header', async (t) => {
  const app = await build(t, { PUBLIC_URL: 'https://api.example.com/workout/' })
  const user = await createUser(app)
  for (let i = 0; i < 2; i++) await app.inject({ method: 'POST', url: '/api/workout-sessions', headers: user.headers, payload: {} })
  const res = await app.inject({ url: '/api/workout-sessions?page_size=1', headers: { ...user.headers, host: 'evil.example', 'x-forwarded-host': 'evil.example' } })
  t.equal(res.json().next, 'https://api.example.com/workout/api/workout-sessions?page_size=1&page=2')
})

t.test('without PUBLIC_URL, forwarded headers are used only when TRUST_PROXY is on', async (t) => {
  const trusting = await build(t, { TRUST_PROXY: true })
  const user = await createUser(trusting)
  for (let i = 0; i < 2; i++) await trusting.inject({ method: 'POST', url: '/api/workout-sessions', headers: user.headers, payload: {} })
  const headers = { ...user.headers, host: 'internal:3000', 'x-forwarded-host': 'api.example.com', 'x-forwarded-proto': 'https' }
  const res = await trusting.inject({ url: '/api/workout-sessions?page_size=1', headers })
  t.equal(res.json().next, 'https://api.example.com/api/workout-sessions?page_size=1&page=2')
})

t.test("Node's own refusals (431, malformed requests) carry the error body", async (t) => {
  const app = await build(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as { port: number }
  const raw = (request: string) => new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request))
    let answer = ''
    socket.on('data', (chunk) => { answer += chunk.toString() })
    socket.on('end', () => resolve(answer))
    socket.on('error', reject)
  })
  const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as unknown

  const tooLarge = await raw(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)
  t.match(tooLarge, /^HTTP\/1\.1 431 /)
  t.same(bodyOf(tooLarge), { statusCode: 431, error: 'Request Header Fields Too Large', code: 'HEADERS_TOO_LARGE', message: 'The request headers are too large' })

  const malformed = await raw('GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n')
  t.match(malformed, /^HTTP\/1\.1 400 /)
  t.match(bodyOf(malformed), { statusCode: 400, error: 'Bad Request', code: 'BAD_REQUEST' })

  const unknownMethod = await raw('FROB /api/health HTTP/1.1\r\nHost: x\r\n\r\n')
  t.match(bodyOf(unknownMethod), { statusCode: 400, code: 'BAD_REQUEST' })
})
