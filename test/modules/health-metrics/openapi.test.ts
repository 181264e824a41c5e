import { readFile } from 'node:fs/promises'
import t from 'tap'
import { build } from '../../helpers/build.js'
import { checkOperations } from '../../helpers/openapi-operations.js'
import { METRIC_TYPES } from '../../../src/modules/health-metrics/vocabulary.js'

t.test('the OpenAPI document lists every health-metrics route with schemas, security and the ranges', async (t) => {
  const app = await build(t)
  const doc = (await app.inject({ url: '/api/schema' })).json()
  const expected: Record<string, string[]> = {
    '/api/health-metrics': ['get', 'post'],
    '/api/health-metrics/bulk': ['post'],
    '/api/health-metrics/series': ['get'],
    '/api/health-metrics/latest': ['get'],
    '/api/health-metrics/{id}': ['get', 'patch', 'delete']
  }
  checkOperations(t, doc, expected, { documents404: () => true })
  const create = doc.paths['/api/health-metrics'].post
  t.ok(create.responses['201'] && create.responses['200'], 'POST documents 201 created and 200 updated')
  t.match(create.description, /201 when the point is new, 200 when/)
  t.ok(doc.paths['/api/health-metrics/{id}'].patch.responses['403'], 'the trainer\'s 403 is documented')
  const type = create.requestBody.content['application/json'].schema.properties.type.description
  for (const [name, { unit, min, max }] of Object.entries(METRIC_TYPES)) t.ok(type.includes(`${name} (`) && type.includes(`${unit}, ${min}–${max}`), `${name}'s range is in the type's description`)
})

t.test('docs/health-metrics.md shows the ranges the code enforces', async (t) => {
  const docs = await readFile(new URL('../../../docs/health-metrics.md', import.meta.url), 'utf8')
  for (const [name, { unit, min, max }] of Object.entries(METRIC_TYPES)) t.ok(docs.includes(`| \`${name}\` | ${unit} | ${min}–${max} |`), name)
})
