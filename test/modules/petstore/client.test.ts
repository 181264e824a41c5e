import t from 'tap'
import { createServer } from 'node:net'
import createClient from 'openapi-fetch'
import openapiTS, { astToString } from 'openapi-typescript'
import { readFile } from 'node:fs/promises'
import { PASSWORD } from '../auth/fixtures.js'
import { buildPetstore, PNG } from './fixtures.js'
import type { paths } from './generated/petstore.js'

// A client generated from the official document (openapi-typescript types + openapi-fetch),
// unchanged, drives a whole flow against a listening server; `npm run typecheck` checks it.
const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as { port: number }
    probe.close(() => resolve(port))
  })
})
const origin = `http://127.0.0.1:${port}`
const app = await buildPetstore(t, { PUBLIC_URL: origin })
await app.listen({ host: '127.0.0.1', port })

t.test('the generated types are those of the official document', async (t) => {
  const generated = astToString(await openapiTS(new URL('../../../src/modules/petstore/contract/openapi.yaml', import.meta.url)))
  const committed = await readFile(new URL('./generated/petstore.ts', import.meta.url), 'utf8')
  t.ok(committed.includes(generated), 'regenerate with `npm run petstore:client`')
})

t.test('a generated client: user, login, pets, image, order, inventory, clean-up', async (t) => {
  const client = createClient<paths>({ baseUrl: `${origin}/api/v3` })
  const created = await client.POST('/user', { body: { username: 'client_user', email: 'client@example.test', password: PASSWORD, firstName: 'Cli' } })
  t.equal(created.response.status, 200)
  t.equal(created.data?.username, 'client_user')

  const login = await client.GET('/user/login', { params: { query: { username: 'client_user', password: PASSWORD } } })
  t.equal(login.response.status, 200)
  t.match(login.response.headers.get('x-expires-after'), /^\d{4}-/)
  const token: string = login.data!
  const authed = createClient<paths>({ baseUrl: `${origin}/api/v3`, headers: { authorization: `Bearer ${token}` } })

  const added = await authed.POST('/pet', {
    body: { name: 'doggie', photoUrls: [], category: { name: 'Dogs' }, tags: [{ name: 'client-tag' }, { name: 'friendly' }], status: 'available' }
  })
  t.equal(added.response.status, 200)
  const petId = added.data!.id!
  t.match(added.data, { name: 'doggie', category: { name: 'Dogs' }, tags: [{ name: 'client-tag' }, { name: 'friendly' }] })

  const byStatus = await authed.GET('/pet/findByStatus', { params: { query: { status: 'available' } } })
  t.ok(byStatus.data?.some((pet) => pet.id === petId))
  const byTags = await authed.GET('/pet/findByTags', { params: { query: { tags: ['client-tag', 'friendly'] } } })
  t.same(byTags.data?.map((pet) => pet.id), [petId], 'found once by either tag')

  const upload = await authed.POST('/pet/{petId}/uploadImage', {
    params: { path: { petId }, query: { additionalMetadata: 'portrait' } },
    body: PNG.toString('latin1'),
    bodySerializer: () => PNG,
    headers: { 'content-type': 'application/octet-stream' }
  })
  t.equal(upload.response.status, 200)
  t.equal(upload.data?.type, 'image/png')
  const withImage = await createClient<paths>({ baseUrl: `${origin}/api/v3`, headers: { api_key: token } }).GET('/pet/{petId}', { params: { path: { petId } } })
  const imageUrl = withImage.data!.photoUrls.at(-1)!
  t.ok(imageUrl.startsWith(`${origin}/api/v3/pet/${petId}/images/`), 'served by this service')
  const image = await fetch(imageUrl)
  t.equal(image.headers.get('content-type'), 'image/png')
  t.ok(Buffer.from(await image.arrayBuffer()).equals(PNG), 'the same bytes come back')

  const order = await client.POST('/store/order', { body: { petId, quantity: 1, status: 'placed', complete: false } })
  t.equal(order.response.status, 200)
  const inventory = await createClient<paths>({ baseUrl: `${origin}/api/v3`, headers: { api_key: token } }).GET('/store/inventory')
  t.equal(inventory.data?.pending, 1, 'the ordered pet is pending')

  t.equal((await client.DELETE('/store/order/{orderId}', { params: { path: { orderId: order.data!.id! } } })).response.status, 200)
  t.equal((await authed.DELETE('/pet/{petId}', { params: { path: { petId }, header: {} } })).response.status, 200)
  t.equal((await authed.GET('/pet/{petId}', { params: { path: { petId } } })).response.status, 404)
  t.equal((await authed.GET('/user/logout')).response.status, 200)
  t.equal((await authed.GET('/pet/findByStatus', {})).response.status, 401, 'logged out')
})
