import t from 'tap'
import { build } from '../../helpers/build.js'

t.test('the OpenAPI document lists every programs route with schemas, errors and examples', async (t) => {
  const app = await build(t)
  const doc = (await app.inject({ method: 'GET', url: '/api/schema' })).json()
  const expected: Record<string, string[]> = {
    '/api/programs': ['get', 'post'],
    '/api/programs/{id}': ['get', 'put', 'patch', 'delete'],
    '/api/programs/{id}/assignments': ['post'],
    '/api/programs/{id}/assignments/{assignmentId}': ['delete'],
    '/api/programs/assignments': ['get'],
    '/api/programs/assignments/{id}': ['get'],
    '/api/programs/assignments/{id}/adherence': ['get']
  }
  for (const [path, methods] of Object.entries(expected)) {
    for (const method of methods) {
      const operation = doc.paths[path]?.[method]
      t.ok(operation, `${method.toUpperCase()} ${path}`)
      if (!operation) continue
      t.ok(operation.summary, `${method} ${path} has a summary`)
      t.same(operation.tags, ['programs'])
      t.same(operation.security, [{ token: [] }])
      const success = Object.keys(operation.responses).find((code) => code.startsWith('2'))!
      t.ok(operation.responses['400'] && operation.responses['401'], `${method} ${path} documents its errors`)
      if (path !== '/api/programs' && path !== '/api/programs/assignments') t.ok(operation.responses['404'], `${method} ${path} documents 404`)
      if (success !== '204') t.ok(operation.responses[success].content['application/json'].schema, `${method} ${path} response schema`)
      if (operation.requestBody) {
        const media = operation.requestBody.content['application/json']
        t.equal(media.schema.additionalProperties, false, `${method} ${path} refuses unknown fields`)
        t.ok(media.examples || media.example || media.schema.examples, `${method} ${path} has request examples`)
      }
    }
  }
  t.ok(doc.paths['/api/programs'].post.responses['403'], 'create documents 403 for members')
  t.ok(doc.paths['/api/programs/{id}/assignments'].post.responses['409'], 'assign documents 409')
})
