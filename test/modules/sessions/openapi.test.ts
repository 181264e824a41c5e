import t from 'tap'
import { build } from '../../helpers/build.js'
import { checkOperations } from '../../helpers/openapi-operations.js'

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
  checkOperations(t, doc, expected)
  const log = doc.paths['/api/exercise-logs/{id}'].get.responses['200'].content['application/json']
  t.ok(log.examples || log.example || log.schema.examples, 'responses carry examples')
  t.equal(doc.paths['/api/workout-sessions/{id}/start'].post.responses['409'] !== undefined, true)
})
