import t from 'tap'
import type { InjectOptions } from 'fastify'
import { officialDocument } from '../../../src/modules/petstore/contract/official.js'
import { checkResponse, official, operations } from './contract-validator.js'
import { register } from '../auth/fixtures.js'
import { buildPetstore, caller, petBody, PNG } from './fixtures.js'

// Every operation of the official document over HTTP; every response (success and error, JSON
// and XML) is checked against the document by checkResponse.
const app = await buildPetstore(t)
const owner = await caller(app)
const full = await owner.bearer(['read:pets', 'write:pets'])
const seen = new Map<string, Set<string>>()

async function call (operationId: string, options: InjectOptions, expected: number, accept = 'application/json') {
  const res = await app.inject({ ...options, headers: { accept, ...options.headers } })
  const checked = checkResponse(operationId, res)
  t.equal(res.statusCode, expected, `${operationId} ${options.method} ${options.url} → ${expected} (${accept})`)
  seen.set(operationId, (seen.get(operationId) ?? new Set()).add(`${checked.status} ${checked.contentType}`))
  return res
}
const xml = 'application/xml'
const asXml = { ...full, 'content-type': xml }
const asForm = { ...full, 'content-type': 'application/x-www-form-urlencoded' }

t.test('pet operations', async (t) => {
  const added = (await call('addPet', { method: 'POST', url: '/api/v3/pet', headers: full, payload: petBody({ tags: [{ name: 'tag1' }, { name: 'tag2' }] }) }, 200)).json()
  await call('addPet', { method: 'POST', url: '/api/v3/pet', headers: asXml, payload: '<pet><name>x</name><photoUrls><photoUrl>u</photoUrl></photoUrls><tags><tag><name>tag2</name></tag></tags></pet>' }, 200, xml)
  await call('addPet', { method: 'POST', url: '/api/v3/pet', headers: asForm, payload: 'name=f&photoUrls=a&status=pending' }, 200)
  const zero = await call('addPet', { method: 'POST', url: '/api/v3/pet', headers: full, payload: petBody({ id: 0 }) }, 200)
  t.ok(zero.json().id > 0, 'id 0 (sent by clients with non-nullable integers) means "assign one"')
  await call('addPet', { method: 'POST', url: '/api/v3/pet', headers: full, payload: { photoUrls: [] } }, 422)
  await call('addPet', { method: 'POST', url: '/api/v3/pet', headers: { ...full, 'content-type': 'application/json' }, payload: '{"name":' }, 400)

  await call('updatePet', { method: 'PUT', url: '/api/v3/pet', headers: full, payload: petBody({ id: added.id, name: 'rex', tags: [{ name: 'tag1' }, { name: 'tag2' }] }) }, 200)
  await call('updatePet', { method: 'PUT', url: '/api/v3/pet', headers: asXml, payload: `<pet><id>${added.id}</id><name>rex</name><photoUrls><photoUrl>u</photoUrl></photoUrls><tags><tag><name>tag1</name></tag><tag><name>tag2</name></tag></tags></pet>` }, 200, xml)
  await call('updatePet', { method: 'PUT', url: '/api/v3/pet', headers: full, payload: petBody({ id: 987654 }) }, 404)
  await call('updatePet', { method: 'PUT', url: '/api/v3/pet', headers: full, payload: petBody() }, 400)
  await call('updatePet', { method: 'PUT', url: '/api/v3/pet', headers: full, payload: petBody({ id: added.id, status: 'lost' }) }, 422)

  const byStatus = await call('findPetsByStatus', { method: 'GET', url: '/api/v3/pet/findByStatus', headers: full }, 200)
  t.ok(byStatus.json().every((pet: { status: string }) => pet.status === 'available'), 'default status: available')
  await call('findPetsByStatus', { method: 'GET', url: '/api/v3/pet/findByStatus?status=available,pending', headers: full }, 200, xml)
  await call('findPetsByStatus', { method: 'GET', url: '/api/v3/pet/findByStatus?status=lost', headers: full }, 400)

  const byTags = await call('findPetsByTags', { method: 'GET', url: '/api/v3/pet/findByTags?tags=tag1&tags=tag2', headers: full }, 200)
  t.equal(byTags.json().filter((pet: { id: number }) => pet.id === added.id).length, 1, 'a pet with both tags comes once')
  await call('findPetsByTags', { method: 'GET', url: '/api/v3/pet/findByTags?tags=tag1,tag2', headers: full }, 200, xml)
  await call('findPetsByTags', { method: 'GET', url: '/api/v3/pet/findByTags', headers: full }, 400)

  await call('getPetById', { method: 'GET', url: `/api/v3/pet/${added.id}`, headers: owner.apiKey }, 200)
  const asXmlPet = await call('getPetById', { method: 'GET', url: `/api/v3/pet/${added.id}`, headers: full }, 200, xml)
  t.match(asXmlPet.body, /<photoUrls><photoUrl>.*<\/photoUrl><\/photoUrls>/, 'wrapped photoUrls/photoUrl')
  t.match(asXmlPet.body, /<tags><tag><id>\d+<\/id><name>tag1<\/name><\/tag>/, 'wrapped tags/tag')
  await call('getPetById', { method: 'GET', url: '/api/v3/pet/abc', headers: full }, 400)
  await call('getPetById', { method: 'GET', url: '/api/v3/pet/424242', headers: full }, 404)

  await call('updatePetWithForm', { method: 'POST', url: `/api/v3/pet/${added.id}?name=max&status=available`, headers: full }, 200)
  await call('updatePetWithForm', { method: 'POST', url: `/api/v3/pet/${added.id}?status=sold`, headers: full }, 200, xml)
  await call('updatePetWithForm', { method: 'POST', url: `/api/v3/pet/${added.id}?status=lost`, headers: full }, 400)

  const upload = { method: 'POST' as const, url: `/api/v3/pet/${added.id}/uploadImage?additionalMetadata=front`, headers: { ...full, 'content-type': 'application/octet-stream' } }
  await call('uploadFile', { ...upload, payload: PNG }, 200)
  await call('uploadFile', { ...upload, payload: Buffer.from('not an image') }, 415)
  await call('uploadFile', { ...upload, url: '/api/v3/pet/424242/uploadImage', payload: PNG }, 404)
  await call('uploadFile', { ...upload, headers: { ...full, 'content-length': '0', 'content-type': 'application/octet-stream' } }, 400)

  await call('deletePet', { method: 'DELETE', url: `/api/v3/pet/${added.id}`, headers: { ...full, api_key: 'ignored-by-design-0000' } }, 200)
  await call('deletePet', { method: 'DELETE', url: `/api/v3/pet/${added.id}`, headers: full }, 404)
  await call('deletePet', { method: 'DELETE', url: '/api/v3/pet/-1', headers: full }, 400)
})

t.test('store operations', async (t) => {
  const pet = (await app.inject({ method: 'POST', url: '/api/v3/pet', headers: full, payload: petBody() })).json()
  await call('getInventory', { method: 'GET', url: '/api/v3/store/inventory', headers: owner.apiKey }, 200)
  await call('getInventory', { method: 'GET', url: '/api/v3/store/inventory' }, 401)
  const order = (await call('placeOrder', { method: 'POST', url: '/api/v3/store/order', payload: { petId: pet.id, quantity: 2, shipDate: '2026-12-24T10:00:00Z', status: 'approved' } }, 200)).json()
  await call('placeOrder', { method: 'POST', url: '/api/v3/store/order', payload: { petId: pet.id, quantity: 1 } }, 422)
  const other = (await app.inject({ method: 'POST', url: '/api/v3/pet', headers: full, payload: petBody() })).json()
  const third = (await app.inject({ method: 'POST', url: '/api/v3/pet', headers: full, payload: petBody() })).json()
  const viaXml = await call('placeOrder', { method: 'POST', url: '/api/v3/store/order', headers: { 'content-type': xml }, payload: `<order><petId>${other.id}</petId><quantity>3</quantity><complete>true</complete></order>` }, 200)
  t.match(viaXml.json(), { petId: other.id, quantity: 3, complete: true, status: 'placed' })
  const viaForm = await call('placeOrder', { method: 'POST', url: '/api/v3/store/order', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `petId=${third.id}&quantity=1&status=delivered` }, 200)
  t.match(viaForm.json(), { petId: third.id, status: 'delivered', complete: false })
  t.equal((await app.inject({ method: 'GET', url: `/api/v3/pet/${other.id}`, headers: full })).json().status, 'sold', 'a complete order sells its pet')
  await call('placeOrder', { method: 'POST', url: '/api/v3/store/order', headers: { 'content-type': 'application/json' }, payload: '[' }, 400)
  const inventory = (await call('getInventory', { method: 'GET', url: '/api/v3/store/inventory', headers: owner.apiKey }, 200)).json()
  t.same(Object.keys(inventory).sort(), ['available', 'pending', 'sold'], 'every status listed')
  await call('getOrderById', { method: 'GET', url: `/api/v3/store/order/${order.id}` }, 200)
  const asXmlOrder = await call('getOrderById', { method: 'GET', url: `/api/v3/store/order/${order.id}` }, 200, xml)
  t.match(asXmlOrder.body, /^<\?xml[^>]*><order><id>/)
  await call('getOrderById', { method: 'GET', url: '/api/v3/store/order/1.5' }, 400)
  await call('getOrderById', { method: 'GET', url: '/api/v3/store/order/999999' }, 404)
  await call('deleteOrder', { method: 'DELETE', url: `/api/v3/store/order/${order.id}` }, 200)
  await call('deleteOrder', { method: 'DELETE', url: `/api/v3/store/order/${order.id}` }, 404)
  await call('deleteOrder', { method: 'DELETE', url: '/api/v3/store/order/x' }, 400)
  const freed = await app.inject({ method: 'GET', url: `/api/v3/pet/${pet.id}`, headers: full })
  t.equal(freed.json().status, 'available', 'deleting an unsettled order frees the pet')
})

t.test('user operations', async (t) => {
  const password = 'correct horse battery'
  const user = { username: 'contract_user', firstName: 'Jo', lastName: 'Doe', email: 'jo@example.test', password, phone: '123', userStatus: 1 }
  const created = await call('createUser', { method: 'POST', url: '/api/v3/user', payload: user }, 200)
  t.notOk('password' in created.json(), 'no password in the answer')
  await call('createUser', { method: 'POST', url: '/api/v3/user', headers: { 'content-type': xml }, payload: `<user><username>xml_user</username><email>x@example.test</email><password>${password}</password></user>` }, 200, xml)
  await call('createUser', { method: 'POST', url: '/api/v3/user', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `username=form_user&email=f%40example.test&password=${encodeURIComponent(password)}&userStatus=2` }, 200)
  await call('createUser', { method: 'POST', url: '/api/v3/user', payload: { username: 'nopass' } }, 422)
  await call('createUser', { method: 'POST', url: '/api/v3/user', payload: user }, 409)

  const list = [1, 2].map((n) => ({ username: `list_${n}`, email: `list${n}@example.test`, password }))
  await call('createUsersWithListInput', { method: 'POST', url: '/api/v3/user/createWithList', payload: list }, 200)
  await call('createUsersWithListInput', { method: 'POST', url: '/api/v3/user/createWithList', payload: list }, 409)

  const login = await call('loginUser', { method: 'GET', url: `/api/v3/user/login?username=contract_user&password=${encodeURIComponent(password)}` }, 200)
  t.match(login.headers, { 'x-rate-limit': /^\d+$/, 'x-expires-after': /^\d{4}-\d\d-\d\dT/ })
  await call('loginUser', { method: 'GET', url: `/api/v3/user/login?username=contract_user&password=${encodeURIComponent(password)}` }, 200, xml)
  await call('loginUser', { method: 'GET', url: '/api/v3/user/login?username=contract_user&password=wrong' }, 400)
  const token = login.json() as string
  const mine = { authorization: `Bearer ${token}` }

  await call('getUserByName', { method: 'GET', url: '/api/v3/user/contract_user', headers: mine }, 200)
  const anonymous = await call('getUserByName', { method: 'GET', url: '/api/v3/user/contract_user' }, 200, xml)
  t.notMatch(anonymous.body, /<email>|<phone>|<password>/, 'email and phone only for that user or an admin; never a password')
  t.match((await app.inject({ method: 'GET', url: '/api/v3/user/contract_user', headers: (await caller(app, 'admin')).headers })).json(), { email: 'jo@example.test', phone: '123' })
  await call('getUserByName', { method: 'GET', url: '/api/v3/user/nobody_here' }, 404)
  await call('getUserByName', { method: 'GET', url: '/api/v3/user/a' }, 400)

  await call('updateUser', { method: 'PUT', url: '/api/v3/user/contract_user', headers: mine, payload: { ...user, firstName: 'Joanna' } }, 200)
  await call('updateUser', { method: 'PUT', url: '/api/v3/user/contract_user', headers: { ...mine, 'content-type': xml }, payload: '<user><lastName>Roe</lastName></user>' }, 200)
  await call('updateUser', { method: 'PUT', url: '/api/v3/user/contract_user', headers: mine, payload: { email: 'not-an-email' } }, 422)
  await call('updateUser', { method: 'PUT', url: '/api/v3/user/contract_user', payload: { firstName: 'x' } }, 401)
  await call('updateUser', { method: 'PUT', url: '/api/v3/user/form_user', headers: mine, payload: { firstName: 'x' } }, 403)
  t.match((await app.inject({ method: 'GET', url: '/api/v3/user/contract_user', headers: mine })).json(), { firstName: 'Joanna', lastName: 'Roe', email: 'jo@example.test' })

  await call('logoutUser', { method: 'GET', url: '/api/v3/user/logout', headers: mine }, 200)
  t.equal((await app.inject({ method: 'GET', url: '/api/v3/pet/findByStatus', headers: mine })).statusCode, 401, 'the token is revoked')
  await call('logoutUser', { method: 'GET', url: '/api/v3/user/logout' }, 200)

  const again = (await app.inject({ method: 'GET', url: `/api/v3/user/login?username=contract_user&password=${encodeURIComponent(password)}` })).json() as string
  await call('deleteUser', { method: 'DELETE', url: '/api/v3/user/contract_user', headers: { authorization: `Bearer ${again}` } }, 200)
  await call('deleteUser', { method: 'DELETE', url: '/api/v3/user/contract_user', headers: owner.headers }, 404)
  await call('deleteUser', { method: 'DELETE', url: '/api/v3/user/form_user' }, 401)
})

t.test('every operation of the document was exercised, with successes and errors', async (t) => {
  t.same([...seen.keys()].sort(), [...operations.keys()].sort())
  for (const [operationId, outcomes] of seen) {
    t.ok([...outcomes].some((outcome) => outcome.startsWith('2')), `${operationId} succeeded`)
    // Logout is public and idempotent: it has no failure of its own.
    if (operationId !== 'logoutUser') t.ok([...outcomes].some((outcome) => /^[45]/.test(outcome)), `${operationId} failed as documented`)
  }
  t.ok([...seen.values()].flatMap((set) => [...set]).some((outcome) => outcome.endsWith('application/xml')), 'XML answers were checked')
})

t.test('/api/v3/openapi.json is the official document with this deployment\'s servers and security schemes', async (t) => {
  t.same(officialDocument, official, 'official.ts is the YAML (regenerate with `npm run petstore:contract`)')
  const served = (await app.inject({ method: 'GET', url: '/api/v3/openapi.json' })).json()
  t.same(Object.keys(served.paths), Object.keys(official.paths))
  for (const [path, methods] of Object.entries(official.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const { security: _security, ...rest } = operation as { security?: unknown }
      const { security: _served, ...servedRest } = served.paths[path][method]
      t.same(servedRest, JSON.parse(JSON.stringify(rest, (key, value) => key.startsWith('x-swagger-router-') ? undefined : value)), `${method} ${path}`)
    }
  }
  t.same(served.components.schemas, JSON.parse(JSON.stringify(official.components.schemas, (key, value) => key.startsWith('x-swagger-router-') ? undefined : value)))
  t.match(served.servers, [{ url: /^http.*\/api\/v3$/ }])
  t.match(served.components.securitySchemes.petstore_auth.flows.password, { tokenUrl: /\/api\/v3\/oauth\/token$/, scopes: { 'read:pets': String, 'write:pets': String } })
  t.same(served.components.securitySchemes.api_key, { type: 'apiKey', name: 'api_key', in: 'header', description: String(served.components.securitySchemes.api_key.description) })

  const main = (await app.inject({ method: 'GET', url: '/api/schema' })).json()
  t.match(main['x-tagGroups'], [{ name: 'Workout API' }, { name: /Petstore/, tags: ['pet', 'store', 'user'] }])
  t.ok(main.paths['/api/v3/pet/{petId}'].get, 'the module is in the service\'s own document too')
})

t.test('the token endpoint: password grant with scopes, RFC 6749 errors', async (t) => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' }
  const password = 'another long passphrase'
  await app.inject({ method: 'POST', url: '/api/v3/user', payload: { username: 'oauth_user', email: 'oauth@example.test', password } })
  const token = async (body: string) => app.inject({ method: 'POST', url: '/api/v3/oauth/token', headers: form, payload: body })
  const granted = await token(`grant_type=password&username=oauth_user&password=${encodeURIComponent(password)}&scope=read:pets`)
  t.equal(granted.statusCode, 200)
  t.match(granted.json(), { access_token: String, token_type: 'Bearer', expires_in: Number, scope: 'read:pets' })
  t.equal(granted.headers['cache-control'], 'no-store')
  const bearer = { authorization: `Bearer ${granted.json().access_token}` }
  t.equal((await app.inject({ method: 'GET', url: '/api/v3/pet/findByStatus', headers: bearer })).statusCode, 200)
  t.equal((await app.inject({ method: 'POST', url: '/api/v3/pet', headers: bearer, payload: petBody() })).statusCode, 403)
  for (const [body, error] of [['grant_type=client_credentials', 'unsupported_grant_type'], ['grant_type=password&username=oauth_user', 'invalid_request'],
    [`grant_type=password&username=oauth_user&password=${encodeURIComponent(password)}&scope=admin`, 'invalid_scope'],
    ['grant_type=password&username=oauth_user&password=wrong', 'invalid_grant']]) {
    const res = await token(body)
    t.equal(res.statusCode, 400, error)
    t.match(res.json(), { statusCode: 400, error, code: error.toUpperCase(), message: String, error_description: String })
  }
  t.equal((await app.inject({ method: 'POST', url: '/api/v3/oauth/token', payload: { grant_type: 'password' } })).statusCode, 415, 'a form body, as RFC 6749 says')
})

t.test('Petstore users are the service\'s accounts, both ways', async (t) => {
  const password = 'another long passphrase'
  await app.inject({ method: 'POST', url: '/api/v3/user', payload: { username: 'both_ways', email: 'both@example.test', password } })
  const viaAuth = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'both_ways', password } })
  t.equal(viaAuth.statusCode, 200, 'created here, logs in at /api/auth/login')
  const registered = await register(app, { username: 'registered_there', password })
  const viaPetstore = await app.inject({ method: 'GET', url: `/api/v3/user/login?username=registered_there&password=${encodeURIComponent(password)}` })
  t.equal(viaPetstore.statusCode, 200, 'registered at /api/auth, logs in here')
  t.equal(await app.mongo.db!.collection('profiles').countDocuments({ user_id: registered.id }), 1)
  const removed = await app.inject({ method: 'DELETE', url: '/api/v3/user/registered_there', headers: { api_key: registered.token } })
  t.equal(removed.statusCode, 200)
  t.equal(await app.mongo.db!.collection('profiles').countDocuments({ user_id: registered.id }), 0, 'the fitness profile goes with the account')
  t.equal((await app.inject({ method: 'GET', url: '/api/auth/me', headers: registered.headers })).statusCode, 401, 'its tokens too')
})
