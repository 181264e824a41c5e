import t from 'tap'
import { build } from '../../helpers/build.js'
import { checkOperations } from '../../helpers/openapi-operations.js'

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
  checkOperations(t, doc, expected, { tag: 'programs', documents404: (path) => path !== '/api/programs' && path !== '/api/programs/assignments' })
  t.ok(doc.paths['/api/programs'].post.responses['403'], 'create documents 403 for members')
  t.ok(doc.paths['/api/programs/{id}/assignments'].post.responses['409'], 'assign documents 409')
})
