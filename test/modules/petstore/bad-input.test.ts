import t from 'tap'
import { randomBytes } from 'node:crypto'
import { IMAGE_MAX_BYTES } from '../../../src/modules/petstore/images.js'
import { PASSWORD } from '../auth/fixtures.js'
import { buildPetstore, caller, petBody, PNG } from './fixtures.js'

// Bad input of every kind answers a documented 4xx and writes nothing; data survives a restart.
const schema = `t_petstore_bad_${randomBytes(4).toString('hex')}`
const app = await buildPetstore(t, { POSTGRES_SCHEMA: schema, MONGODB_DB: schema })
const clerk = await caller(app)
const full = await clerk.bearer(['read:pets', 'write:pets'])
const pet = (await app.inject({ method: 'POST', url: '/api/v3/pet', headers: full, payload: petBody() })).json()

const counts = async () => {
  const { rows } = await app.pg.query<Record<string, number>>(`SELECT
    (SELECT count(*)::int FROM pets) AS pets, (SELECT count(*)::int FROM categories) AS categories, (SELECT count(*)::int FROM tags) AS tags,
    (SELECT count(*)::int FROM pet_photo_urls) AS photos, (SELECT count(*)::int FROM orders) AS orders,
    (SELECT count(*)::int FROM pet_images) AS images, (SELECT count(*)::int FROM users) AS users`)
  return rows[0]
}
const before = await counts()
const status = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, options: { headers?: Record<string, string>, payload?: unknown } = {}) =>
  (await app.inject({ method, url, headers: { ...full, ...options.headers }, payload: options.payload as string })).statusCode

t.test('ids that are not integers, or beyond int64 or exact JSON numbers, are 400 in paths and 422 in bodies', async (t) => {
  for (const id of ['abc', '1.5', '1e3', '-1', '0', '9223372036854775808', '9007199254740993', '99999999999999999999999', '0x10', '%20']) {
    t.equal(await status('GET', `/api/v3/pet/${id}`), 400, `pet ${id}`)
    t.equal(await status('GET', `/api/v3/store/order/${id}`), 400, `order ${id}`)
  }
  for (const id of [1.5, -3, 9223372036854775808, '7']) {
    t.equal(await status('POST', '/api/v3/pet', { payload: petBody({ id }) }), 422, `body id ${id}`)
  }
  t.equal(await status('POST', '/api/v3/store/order', { payload: { petId: 1e300, quantity: 1 } }), 422)
})

t.test('unknown enum values', async (t) => {
  t.equal(await status('GET', '/api/v3/pet/findByStatus?status=lost'), 400)
  t.equal(await status('GET', '/api/v3/pet/findByStatus?status=available,lost'), 400)
  t.equal(await status('POST', `/api/v3/pet/${pet.id}?status=lost`), 400)
  t.equal(await status('POST', '/api/v3/pet', { payload: petBody({ status: 'lost' }) }), 422)
  t.equal(await status('POST', '/api/v3/store/order', { payload: { petId: pet.id, status: 'shipped' } }), 422)
  t.equal(await status('POST', '/api/v3/store/order', { payload: { petId: pet.id, quantity: 0 } }), 422)
})

t.test('malformed and hostile XML is 400 and never expands entities', async (t) => {
  const xml = { 'content-type': 'application/xml' }
  const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><pet><name>&lol2;</name><photoUrls/></pet>'
  const external = '<?xml version="1.0"?><!DOCTYPE pet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><pet><name>&xxe;</name><photoUrls/></pet>'
  const deep = `<pet><name>x</name><photoUrls/>${'<a>'.repeat(200)}${'</a>'.repeat(200)}</pet>`
  for (const [label, payload] of [['billion laughs', laughs], ['external entity', external], ['deep nesting', deep],
    ['malformed', '<pet><name>x</pet>'], ['not XML', 'hello'], ['two roots', '<pet/><pet/>']]) {
    t.equal(await status('POST', '/api/v3/pet', { headers: xml, payload }), 400, label)
  }
  t.equal(await status('POST', '/api/v3/pet', { headers: xml, payload: '<pet><name>&x;</name><photoUrls/></pet>' }), 400, 'an undeclared entity')
  const escaped = await app.inject({ method: 'POST', url: '/api/v3/pet', headers: { ...full, ...xml, accept: 'application/xml' }, payload: '<pet><name>Tom &amp; &lt;Jerry&gt; &#233;</name><photoUrls/></pet>' })
  t.equal(escaped.statusCode, 200, 'the predefined entities and character references are text')
  t.match(escaped.body, /<name>Tom &amp; &lt;Jerry&gt; é<\/name>/, 'and are escaped again on the way out')
  const id = /<id>(\d+)<\/id>/.exec(escaped.body)![1]
  t.equal(await status('DELETE', `/api/v3/pet/${id}`), 200)
  t.equal(await status('POST', '/api/v3/pet', { headers: xml, payload: '<order><petId>1</petId></order>' }), 422, 'another root element')
})

t.test('wrong content types: 415 on /api/v3, and the rest of the service stays JSON-only', async (t) => {
  t.equal(await status('POST', '/api/v3/pet', { headers: { 'content-type': 'text/plain' }, payload: 'name=x' }), 415)
  t.equal(await status('POST', '/api/v3/pet', { headers: { 'content-type': 'application/octet-stream' }, payload: 'x' }), 415)
  t.equal(await status('POST', '/api/v3/user/createWithList', { headers: { 'content-type': 'application/xml' }, payload: '<user/>' }), 415)
  t.equal(await status('POST', `/api/v3/pet/${pet.id}/uploadImage`, { headers: { 'content-type': 'application/json' }, payload: '{}' }), 415)
  t.equal(await status('POST', `/api/v3/pet/${pet.id}/uploadImage`, { headers: { 'content-type': 'image/png' }, payload: PNG.toString('latin1') }), 415)
  t.equal(await status('DELETE', `/api/v3/pet/${pet.id}`, { headers: { 'content-type': 'application/json' }, payload: '{}' }), 415, 'no body where the contract has none')
  t.equal(await status('GET', `/api/v3/pet/${pet.id}`, { headers: { accept: 'text/html' } }), 406)
  t.equal(await status('GET', '/api/v3/store/inventory', { headers: { ...clerk.apiKey, accept: 'application/xml' } }), 406, 'inventory is JSON only')
  t.equal(await status('GET', `/api/v3/pet/${pet.id}`, { headers: { accept: 'application/xml;q=0, */*' } }), 200)
  const elsewhere = { 'content-type': 'application/xml' }
  t.equal((await app.inject({ method: 'POST', url: '/api/auth/login', headers: elsewhere, payload: '<x/>' })).statusCode, 415)
  t.equal((await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=a' })).statusCode, 415)
})

t.test('oversized and fake images; nothing half written', async (t) => {
  const upload = (payload: Buffer) => status('POST', `/api/v3/pet/${pet.id}/uploadImage`, { headers: { 'content-type': 'application/octet-stream' }, payload })
  const huge = Buffer.concat([PNG, Buffer.alloc(IMAGE_MAX_BYTES)])
  t.equal(await upload(huge), 413)
  t.equal(await upload(Buffer.from('GIF8 but not really')), 415)
  t.equal(await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), 415, 'SVG (scriptable) is not an accepted image')
  t.equal(await status('POST', '/api/v3/pet', { payload: petBody({ category: {}, tags: [{ name: 'fine' }] }) }), 422, 'a category with neither id nor name')
  t.equal(await status('POST', '/api/v3/pet', { payload: petBody({ tags: [{ name: 'fine' }, {}] }) }), 422, 'a tag with neither id nor name')
  t.equal(await status('POST', '/api/v3/pet', { payload: petBody({ id: pet.id }) }), 409, 'a taken id')
  await app.inject({ method: 'POST', url: '/api/v3/user', payload: { username: 'taken_name', email: 'taken@example.test', password: PASSWORD } })
  const list = [{ username: 'first_of_list', email: 'first@example.test', password: PASSWORD }, { username: 'TAKEN_name', email: 'other@example.test', password: PASSWORD }]
  t.equal(await status('POST', '/api/v3/user/createWithList', { payload: list }), 409)
  t.equal(await status('GET', '/api/v3/user/first_of_list'), 404, 'createWithList is all or nothing')
  t.same(await counts(), { ...before, users: before.users + 1 }, 'only the one valid user was written')
})

t.test('data survives a restart', async (t) => {
  const res = await app.inject({ method: 'POST', url: `/api/v3/pet/${pet.id}/uploadImage`, headers: { ...full, 'content-type': 'application/octet-stream' }, payload: PNG })
  t.equal(res.statusCode, 200)
  await app.close()
  const again = await buildPetstore(t, { POSTGRES_SCHEMA: schema, MONGODB_DB: schema })
  const read = await again.inject({ method: 'GET', url: `/api/v3/pet/${pet.id}`, headers: clerk.apiKey })
  t.equal(read.statusCode, 200)
  t.match(read.json(), { id: pet.id, name: 'doggie', category: { name: 'Dogs' }, tags: [{ name: 'tag1' }] })
  const image = await again.inject({ method: 'GET', url: new URL(read.json().photoUrls.at(-1)).pathname })
  t.ok(image.rawPayload.equals(PNG), 'the image bytes come back')
})
