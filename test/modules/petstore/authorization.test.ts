import t from 'tap'
import type { InjectOptions } from 'fastify'
import { createUser } from '../../helpers/users.js'
import { PASSWORD } from '../auth/fixtures.js'
import { operations } from './contract-validator.js'
import { buildPetstore, caller, petBody, PNG, type Caller } from './fixtures.js'

// Every operation × every kind of credential → the exact status (docs/petstore.md, Security).
const app = await buildPetstore(t)
const clerk = await caller(app)
const clerkFull = await clerk.bearer(['read:pets', 'write:pets'])
const other = await caller(app)
const admin = await caller(app, 'admin')

const KINDS = ['none', 'api_key', 'token without scopes', 'read:pets', 'write:pets', 'another user', 'admin'] as const
type Kind = typeof KINDS[number]

async function credentials (kind: Kind, me: Caller): Promise<Record<string, string>> {
  switch (kind) {
    case 'none': return {}
    case 'api_key': return me.apiKey
    case 'token without scopes': return me.headers
    case 'read:pets': return me.bearer(['read:pets'])
    case 'write:pets': return me.bearer(['write:pets'])
    case 'another user': return other.bearer(['read:pets', 'write:pets'])
    case 'admin': return admin.bearer(['read:pets', 'write:pets'])
  }
}

const newPet = async () => (await app.inject({ method: 'POST', url: '/api/v3/pet', headers: clerkFull, payload: petBody() })).json().id as number
const newOrder = async () => (await app.inject({ method: 'POST', url: '/api/v3/store/order', payload: { petId: await newPet(), quantity: 1 } })).json().id as number
let serial = 0
const fresh = () => `matrix_${++serial}`

// What each operation needs: the request for an account `me` (the target of user operations).
const requests: Record<string, (me: Caller) => Promise<InjectOptions>> = {
  addPet: async () => ({ method: 'POST', url: '/api/v3/pet', payload: petBody() }),
  updatePet: async () => ({ method: 'PUT', url: '/api/v3/pet', payload: petBody({ id: await newPet() }) }),
  findPetsByStatus: async () => ({ method: 'GET', url: '/api/v3/pet/findByStatus?status=available' }),
  findPetsByTags: async () => ({ method: 'GET', url: '/api/v3/pet/findByTags?tags=tag1' }),
  getPetById: async () => ({ method: 'GET', url: `/api/v3/pet/${await newPet()}` }),
  updatePetWithForm: async () => ({ method: 'POST', url: `/api/v3/pet/${await newPet()}?name=renamed` }),
  deletePet: async () => ({ method: 'DELETE', url: `/api/v3/pet/${await newPet()}` }),
  uploadFile: async () => ({ method: 'POST', url: `/api/v3/pet/${await newPet()}/uploadImage`, headers: { 'content-type': 'application/octet-stream' }, payload: PNG }),
  getInventory: async () => ({ method: 'GET', url: '/api/v3/store/inventory' }),
  placeOrder: async () => ({ method: 'POST', url: '/api/v3/store/order', payload: { petId: await newPet(), quantity: 1 } }),
  getOrderById: async () => ({ method: 'GET', url: `/api/v3/store/order/${await newOrder()}` }),
  deleteOrder: async () => ({ method: 'DELETE', url: `/api/v3/store/order/${await newOrder()}` }),
  createUser: async () => { const name = fresh(); return { method: 'POST', url: '/api/v3/user', payload: { username: name, email: `${name}@example.test`, password: PASSWORD } } },
  createUsersWithListInput: async () => { const name = fresh(); return { method: 'POST', url: '/api/v3/user/createWithList', payload: [{ username: name, email: `${name}@example.test`, password: PASSWORD }] } },
  loginUser: async () => ({ method: 'GET', url: `/api/v3/user/login?username=${loginName}&password=${encodeURIComponent(PASSWORD)}` }),
  logoutUser: async () => ({ method: 'GET', url: '/api/v3/user/logout' }),
  getUserByName: async (me) => ({ method: 'GET', url: `/api/v3/user/${me.username}` }),
  updateUser: async (me) => ({ method: 'PUT', url: `/api/v3/user/${me.username}`, payload: { firstName: 'Changed' } }),
  deleteUser: async (me) => ({ method: 'DELETE', url: `/api/v3/user/${me.username}` })
}

//                              none api_key unscoped read write another admin
const WRITE_PETS = [401, 401, 403, 403, 200, 200, 200]
const READ_PETS = [401, 401, 403, 200, 403, 200, 200]
const PUBLIC = [200, 200, 200, 200, 200, 200, 200]
const THAT_USER_OR_ADMIN = [401, 200, 200, 200, 200, 403, 200]
const expected: Record<string, number[]> = {
  addPet: WRITE_PETS,
  updatePet: WRITE_PETS,
  findPetsByStatus: READ_PETS,
  findPetsByTags: READ_PETS,
  getPetById: [401, 200, 403, 200, 403, 200, 200],
  updatePetWithForm: WRITE_PETS,
  deletePet: WRITE_PETS,
  uploadFile: WRITE_PETS,
  getInventory: [401, 200, 401, 401, 401, 401, 401],
  placeOrder: PUBLIC,
  getOrderById: PUBLIC,
  deleteOrder: PUBLIC,
  createUser: PUBLIC,
  createUsersWithListInput: PUBLIC,
  loginUser: PUBLIC,
  logoutUser: PUBLIC,
  getUserByName: PUBLIC,
  updateUser: THAT_USER_OR_ADMIN,
  deleteUser: THAT_USER_OR_ADMIN
}

const loginName = fresh()
await app.inject({ method: 'POST', url: '/api/v3/user', payload: { username: loginName, email: `${loginName}@example.test`, password: PASSWORD } })

t.test('the matrix covers every operation of the document', async (t) => {
  t.same(Object.keys(expected).sort(), [...operations.keys()].sort())
})

for (const [operationId, statuses] of Object.entries(expected)) {
  t.test(operationId, async (t) => {
    const outcomes: Record<string, number> = {}
    // Logout and delete use up the account's own token, so they get a fresh account per cell.
    const shared = await caller(app)
    for (const kind of KINDS) {
      const me = ['logoutUser', 'deleteUser'].includes(operationId) ? await caller(app) : shared
      const request = await requests[operationId](me)
      const res = await app.inject({ ...request, headers: { ...request.headers, ...await credentials(kind, me) } })
      outcomes[kind] = res.statusCode
      if (res.statusCode === 401) t.match(res.headers['www-authenticate'], /realm="petstore"/, `${kind}: 401 carries a challenge`)
      if (res.statusCode === 403 && statuses !== THAT_USER_OR_ADMIN) {
        t.match(res.headers['www-authenticate'], /error="insufficient_scope"/, `${kind}: insufficient_scope`)
        t.equal(res.json().code, 'INSUFFICIENT_SCOPE')
      }
    }
    t.same(outcomes, Object.fromEntries(KINDS.map((kind, index) => [kind, statuses[index]])))
  })
}

t.test('an unknown or revoked token is 401 invalid_token, never 403', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/api/v3/pet/findByStatus', headers: { authorization: 'Bearer ' + 'x'.repeat(43) } })
  t.equal(res.statusCode, 401)
  t.match(res.headers['www-authenticate'], /error="invalid_token"/)
  const apiKey = await app.inject({ method: 'GET', url: '/api/v3/store/inventory', headers: { api_key: 'y'.repeat(43) } })
  t.equal(apiKey.statusCode, 401)
  const unused = await createUser(app)
  t.equal((await app.inject({ method: 'DELETE', url: `/api/v3/user/${unused.username}`, headers: { api_key: 'z'.repeat(43) } })).statusCode, 401)
})
