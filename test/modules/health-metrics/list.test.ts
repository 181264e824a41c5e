import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { healthMetricIndexes } from '../../../src/modules/health-metrics/repository.js'
import { fieldsOf } from '../sessions/fixtures.js'
import { createPoint, URL } from './fixtures.js'

t.test('GET /api/health-metrics', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const list = async (query = '', user = alice) => {
    const res = await app.inject({ url: `${URL}${query}`, headers: user.headers })
    return { status: res.statusCode, body: res.json() }
  }
  const values = (body: { results: Array<{ value: number }> }) => body.results.map((p) => p.value)

  // Five weights a day apart (Nov 1–5), two from a scale; one waist; one of Bob's.
  for (let day = 1; day <= 5; day++) {
    await createPoint(app, alice, { value: 80 + day, measured_at: `2026-11-0${day}T07:00:00Z`, ...(day > 3 ? { source: 'Withings Body+' } : {}) })
  }
  await createPoint(app, alice, { type: 'waist', value: 90, measured_at: '2026-11-03T08:00:00Z' })
  await createPoint(app, bob, { value: 70 })

  t.test('the caller\'s points, latest measurement first; paged with absolute links', async (t) => {
    const { status, body } = await list()
    t.equal(status, 200)
    t.equal(body.count, 6)
    t.same(values(body), [85, 84, 90, 83, 82, 81])
    const page = await list('?page_size=2&page=2')
    t.same(values(page.body), [90, 83])
    t.match(page.body.next, /^http:\/\/localhost(:\d+)?\/api\/health-metrics\?page_size=2&page=3$/)
    t.match(page.body.previous, /^http:\/\/localhost(:\d+)?\/api\/health-metrics\?page_size=2$/)
    t.equal((await list('', bob)).body.count, 1)
  })

  t.test('filters: type, source, date range (a day as date_to includes the whole day); ordering', async (t) => {
    t.same(values((await list('?type=waist')).body), [90])
    t.same(values((await list('?source=Withings%20Body%2B')).body), [85, 84])
    t.same(values((await list('?type=body_weight&source=manual')).body), [83, 82, 81])
    t.same(values((await list('?date_from=2026-11-02&date_to=2026-11-03')).body), [90, 83, 82])
    t.same(values((await list('?date_from=2026-11-02T07:00:00Z&date_to=2026-11-02T07:00:00Z')).body), [82])
    t.same(values((await list('?type=body_weight&ordering=value')).body), [81, 82, 83, 84, 85])
    t.same(values((await list('?type=body_weight&ordering=-value&page_size=1')).body), [85])
    t.same(values((await list('?ordering=measured_at&page_size=2')).body), [81, 82])
    t.equal((await list('?ordering=-created_at')).status, 200)
  })

  t.test('bad filters: 400 naming the field', async (t) => {
    const bad: Array<[string, string]> = [
      ['?type=mood', 'querystring/type'],
      ['?ordering=notes', 'querystring/ordering'],
      ['?date_from=2026-11-05&date_to=2026-11-01', 'querystring/date_to'],
      ['?date_from=yesterday', 'querystring/date_from'],
      ['?page_size=101', 'querystring/page_size'],
      ['?page=0', 'querystring/page'],
      ['?user_id=0', 'querystring/user_id'],
      ['?source=', 'querystring/source'],
      ['?colour=red', 'querystring/colour']
    ]
    for (const [query, field] of bad) {
      const { status, body } = await list(query)
      t.equal(status, 400, query)
      t.same(fieldsOf(body), [field], `${query} → ${body.message}`)
    }
    const injected = await list('?source[$ne]=x')
    t.equal(injected.status, 400, 'an operator-looking key is an unknown field, never a query operator')
    t.equal((await app.inject({ url: URL })).statusCode, 401)
  })

  t.test('every list filter and ordering has an index starting with user_id; all exist in the store', async (t) => {
    const keys = healthMetricIndexes.map((index) => Object.keys(index.key))
    t.ok(keys.every((key) => key[0] === 'user_id'))
    for (const field of ['type', 'source', 'measured_at', 'created_at', 'value']) t.ok(keys.some((key) => key.includes(field)), field)
    t.ok(keys.some((key) => key.join() === 'user_id,type,measured_at'), 'the series range')
    const stored = await app.mongo.db!.collection(COLLECTIONS.healthMetrics).indexes()
    t.ok(healthMetricIndexes.every((index) => stored.some((s) => s.name === index.options?.name)))
    t.ok(stored.some((s) => s.name === 'user_type_source_measured_unique' && s.unique === true), 'the point key is unique')
  })
})
