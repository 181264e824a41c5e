import t from 'tap'
import { build } from '../../helpers/build.js'

t.test('the OpenAPI document lists every sessions and logs route with schemas and examples', async (t) => {
  const app = await build(t)
  const doc = (await app.inject({ method: 'GET', url: '/api/schema' })).json()
  const expected: Record<string, string[]> = {
    '/api/workout-sessions': ['get', 'post'],
    '/api/workout-sessions/{id}': ['get', 'put', 'patch', 'delete'],
    '/api/workout-sessions/{id}/start': ['post'],
    '/api/workout-sessions/{id}/complete': ['post'],
    '/api/workout-sessions/{id}/cancel': ['post'],
    '/api/workout-sessions/{id}/logs': ['get', 'post'],
    '/api/exercise-logs': ['get', 'post'],
    '/api/exercise-logs/bulk_create': ['post'],
    '/api/exercise-logs/{id}': ['get', 'put', 'patch', 'delete']
  }
  for (const [path, methods] of Object.entries(expected)) {
    for (const method of methods) {
      const operation = doc.paths[path]?.[method]
      t.ok(operation, `${method.toUpperCase()} ${path}`)
      if (!operation) continue
      t.ok(operation.summary, `${method} ${path} has a summary`)
      t.same(operation.security, [{ token: [] }])
      const success = Object.keys(operation.responses).find((code) => code.startsWith('2'))!
      t.ok(operation.responses['401'] && operation.responses['400'], `${method} ${path} documents its errors`)
      if (success !== '204') t.ok(operation.responses[success].content['application/json'].schema, `${method} ${path} response schema`)
      if (operation.requestBody) {
        const media = operation.requestBody.content['application/json']
        t.ok(media.schema.additionalProperties === false, `${method} ${path} refuses unknown fields`)
        t.ok(media.examples || media.example || media.schema.examples, `${method} ${path} has request examples`)
      }
    }
  }
  const log = doc.paths['/api/exercise-logs/{id}'].get.responses['200'].content['application/json']
  t.ok(log.examples || log.example || log.schema.examples, 'responses carry examples')
  t.equal(doc.paths['/api/workout-sessions/{id}/start'].post.responses['409'] !== undefined, true)
})
