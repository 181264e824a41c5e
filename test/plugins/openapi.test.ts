import t from 'tap'
import Fastify from 'fastify'
import { build } from '../helpers/build.js'
import { validatorBuilder } from '../../src/lib/validation.js'
import { serializerBuilder } from '../../src/lib/serialization.js'

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

t.test('every route\'s validators and serializers compile (eagerly here; the server compiles each on first use)', async (t) => {
  const app = await build(t, {}, { eagerSchemas: true })
  t.ok(app.hasRoute({ method: 'GET', url: '/api/exercises' }))
})

t.test('a route\'s schemas compile on its first request, or at start-up when eager', async (t) => {
  const make = (eager: boolean) => {
    const app = Fastify({ schemaController: { compilersFactory: { buildValidator: validatorBuilder(eager), buildSerializer: serializerBuilder(eager) } } })
    const query = { type: 'object', properties: { n: { type: 'integer', maximum: 9 } }, additionalProperties: false }
    const reply = { 200: { type: 'object', properties: { n: { type: 'integer' } } } }
    app.get('/ok', { schema: { querystring: query, response: reply } }, async (request) => ({ ...(request.query as object), secret: 'x' }))
    app.get('/broken', { schema: { response: { 200: { type: 'nope' } } } }, async () => ({}))
    t.teardown(() => app.close())
    return app
  }
  const lazy = make(false)
  await lazy.ready()
  t.same((await lazy.inject('/ok?n=5')).json(), { n: 5 }, 'query coerced, reply serialised by its schema')
  t.equal((await lazy.inject('/ok?n=10')).statusCode, 400)
  t.equal((await lazy.inject('/ok?n=1&m=2')).statusCode, 400, 'unknown fields refused')
  t.equal((await lazy.inject('/broken')).statusCode, 500, 'the broken schema shows on its first request')
  await t.rejects(async () => { await make(true).ready() }, /nope|schema/i, 'eager: the broken schema fails the start')
})
