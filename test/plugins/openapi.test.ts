import t from 'tap'
import { build } from '../helpers/build.js'

t.test('the OpenAPI 3 document is served at /api/schema', async (t) => {
  const app = await build(t)
  const res = await app.inject('/api/schema')
  t.equal(res.statusCode, 200)
  const doc = res.json()
  t.match(doc.openapi, /^3\./)
  t.equal(doc.info.title, 'Workout API')
  t.ok(doc.paths['/api/health'])
  t.ok(doc.components.securitySchemes.token)
  t.notOk(doc.paths['/api/schema'], 'the schema route itself is hidden')
})

t.test('every documented operation has a summary, tags and response schemas', async (t) => {
  const app = await build(t)
  const doc = (await app.inject('/api/schema')).json() as { paths: Record<string, Record<string, { summary?: string, tags?: string[], responses?: Record<string, unknown> }>> }
  for (const [path, operations] of Object.entries(doc.paths)) {
    if (path.startsWith('/api/docs')) continue
    for (const [method, operation] of Object.entries(operations)) {
      t.ok(operation.summary, `${method} ${path} has a summary`)
      t.ok(operation.tags?.length, `${method} ${path} has tags`)
      t.ok(Object.keys(operation.responses ?? {}).some((code) => code.startsWith('2')), `${method} ${path} documents its success`)
    }
  }
})

t.test('the Swagger UI is served at /api/docs', async (t) => {
  const app = await build(t)
  const res = await app.inject('/api/docs/')
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /text\/html/)
})
