import t from 'tap'
import { build } from '../../helpers/build.js'

interface Operation {
  summary?: string
  security?: unknown[]
  requestBody?: { content: Record<string, { schema: unknown, examples?: unknown, example?: unknown }> }
  parameters?: Array<{ in: string, name: string }>
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>
}

// The exercises and workouts routes as the OpenAPI document shows them.
t.test('OpenAPI lists every exercises and workouts route with schemas and examples', async (t) => {
  const app = await build(t)
  const doc = (await app.inject('/api/schema')).json() as { paths: Record<string, Record<string, Operation>> }
  const expected: Array<[string, string, boolean]> = [
    ['get', '/api/exercises', false], ['post', '/api/exercises', true],
    ['get', '/api/exercises/{id}', false], ['put', '/api/exercises/{id}', true], ['patch', '/api/exercises/{id}', true],
    ['delete', '/api/exercises/{id}', false], ['get', '/api/exercises/{id}/history', false],
    ['get', '/api/workouts', false], ['post', '/api/workouts', true],
    ['get', '/api/workouts/{id}', false], ['put', '/api/workouts/{id}', true], ['patch', '/api/workouts/{id}', true],
    ['delete', '/api/workouts/{id}', false], ['post', '/api/workouts/{id}/clone', true]
  ]
  for (const [method, path, hasBody] of expected) {
    const operation = doc.paths[path]?.[method]
    t.ok(operation, `${method} ${path} is documented`)
    if (!operation) continue
    t.ok(operation.summary, `${method} ${path}: summary`)
    t.same(operation.security, [{ token: [] }], `${method} ${path}: token security`)
    t.ok(Object.keys(operation.responses).some((code) => /^20[014]$/.test(code)), `${method} ${path}: success response`)
    for (const code of ['400', '401']) t.ok(operation.responses[code]?.content, `${method} ${path}: ${code} body`)
    if (path.includes('{id}')) t.ok(operation.responses['404'], `${method} ${path}: 404`)
    if (hasBody) {
      const body = operation.requestBody?.content['application/json']
      t.ok(body?.schema, `${method} ${path}: request schema`)
      t.ok(body?.examples ?? body?.example ?? JSON.stringify(body?.schema).includes('"examples"'), `${method} ${path}: request example`)
    }
  }
  t.ok(doc.paths['/api/exercises/{id}'].delete.responses['409'], 'delete documents IN_USE')
  t.ok(doc.paths['/api/exercises'].post.responses['409'], 'create documents DUPLICATE')
})
