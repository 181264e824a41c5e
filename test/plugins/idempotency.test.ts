import t from 'tap'
import { Collection, type Document, type InsertOneOptions, type OptionalUnlessRequiredId } from 'mongodb'
import type { FastifyInstance } from 'fastify'
import { build } from '../helpers/build.js'
import { inParallel, listen } from '../helpers/http.js'
import { createUser, type TestUser } from '../helpers/users.js'
import { KEY_RETENTION_MS, outcomeHeaders } from '../../src/plugins/idempotency/rules.js'
import { IDEMPOTENCY_COLLECTION, type IdempotencyDoc } from '../../src/plugins/idempotency/store.js'
import { COLLECTIONS } from '../../src/modules/documents.js'

// One app for the file (each build takes seconds); every test has users of its own.
const app = await build(t)

const keysOf = (app: FastifyInstance) => app.mongo.db!.collection<IdempotencyDoc>(IDEMPOTENCY_COLLECTION)
const workoutsNamed = (app: FastifyInstance, name: string) => app.mongo.db!.collection(COLLECTIONS.workouts).countDocuments({ name })
const post = (app: FastifyInstance, user: TestUser, url: string, payload: object, key?: string) =>
  app.inject({ method: 'POST', url, payload, headers: { ...user.headers, ...(key === undefined ? {} : { 'idempotency-key': key }) } })

t.test('20 parallel retries through the HTTP server create one workout; each answer is that 201 or a 409', async (t) => {
  const user = await createUser(app)
  const send = (await listen(app))({ ...user, headers: { ...user.headers, 'idempotency-key': 'parallel-1' } as TestUser['headers'] })
  const answers = await inParallel(20, () => send('POST', '/api/workouts', { name: 'Parallel' }))
  t.equal(await workoutsNamed(app, 'Parallel'), 1, 'exactly one workout')
  const created = answers.filter((answer) => answer.status === 201)
  t.ok(created.length >= 1, 'at least the first one is a 201')
  t.same(answers.filter((answer) => answer.status !== 201).map((answer) => [answer.status, answer.body.code]),
    Array(20 - created.length).fill([409, 'IDEMPOTENCY_KEY_IN_USE']), 'the rest are 409 while it runs')
  for (const answer of created) t.same(answer.body, created[0].body, 'every 201 carries the same workout')
  const retry = await send('POST', '/api/workouts', { name: 'Parallel' })
  t.same([retry.status, retry.body], [201, created[0].body], 'a retry after it finished replays it')
})

t.test('a replay answers the first status, body and outcome headers, marked Idempotent-Replayed', async (t) => {
  const user = await createUser(app)
  const first = await post(app, user, '/api/workouts', { name: 'Once' }, 'replay-1')
  t.equal(first.statusCode, 201)
  t.notOk(first.headers['idempotent-replayed'])
  const again = await post(app, user, '/api/workouts', { name: 'Once' }, '"replay-1"')
  t.equal(again.statusCode, 201, 'the quoted (structured-field) form is the same key')
  t.equal(again.body, first.body)
  t.equal(again.headers['content-type'], first.headers['content-type'])
  t.equal(again.headers['idempotent-replayed'], 'true')
  t.equal(await workoutsNamed(app, 'Once'), 1)
  await post(app, user, '/api/workouts', { name: 'Ordered', description: 'x' }, 'order')
  const reordered = await post(app, user, '/api/workouts', { description: 'x', name: 'Ordered' }, 'order')
  t.same([reordered.statusCode, reordered.headers['idempotent-replayed']], [201, 'true'], 'JSON key order is not a different request')
  t.same(outcomeHeaders({ location: '/api/workouts/1', 'content-type': 'application/json', 'x-request-id': 'r', 'x-ratelimit-remaining': 3 }),
    { 'content-type': 'application/json', location: '/api/workouts/1' }, 'Location is kept for replay; per-response headers are not')
})

t.test('the same key for a different request is 422; keys are per user; no key changes nothing', async (t) => {
  const [alice, bob] = [await createUser(app), await createUser(app)]
  t.equal((await post(app, alice, '/api/workouts', { name: 'A' }, 'shared')).statusCode, 201)
  const other = await post(app, alice, '/api/workouts', { name: 'B' }, 'shared')
  t.equal(other.statusCode, 422)
  t.equal(other.json().code, 'IDEMPOTENCY_KEY_REUSED')
  t.equal((await post(app, alice, '/api/workouts/665f1c2e8b3e4a0012a4b7c1/clone', { name: 'A' }, 'shared')).statusCode, 422, 'another route is another request')
  t.equal((await post(app, alice, '/api/workouts/', { name: 'A' }, 'shared')).statusCode, 201, 'a trailing slash is the same request')
  const bobs = await post(app, bob, '/api/workouts', { name: 'A' }, 'shared')
  t.equal(bobs.statusCode, 201, "another user's key is another key")
  t.not(bobs.json().id, (await post(app, alice, '/api/workouts', { name: 'A' }, 'shared')).json().id)
  t.equal(await workoutsNamed(app, 'A'), 2)
  await post(app, alice, '/api/workouts', { name: 'Keyless' })
  await post(app, alice, '/api/workouts', { name: 'Keyless' })
  t.equal(await workoutsNamed(app, 'Keyless'), 2, 'without a key every POST runs')
})

t.test('an invalid key is a 400 with the validation error body', async (t) => {
  const user = await createUser(app)
  for (const key of ['', 'two words', 'x'.repeat(256), '"unbalanced', 'back\\slash']) {
    const res = await post(app, user, '/api/workouts', { name: 'Bad key' }, key)
    t.equal(res.statusCode, 400, JSON.stringify(key))
    t.match(res.json(), { code: 'VALIDATION_ERROR', details: [{ field: 'headers/idempotency-key' }] })
  }
  t.equal((await post(app, user, '/api/workouts', { name: 'Long key' }, 'x'.repeat(255))).statusCode, 201, '255 characters are fine')
  t.equal(await workoutsNamed(app, 'Bad key'), 0)
})

t.test('what is kept: a validation 400 is not (the key stays free), a handler 4xx is, a 5xx is not', async (t) => {
  const user = await createUser(app)
  t.equal((await post(app, user, '/api/workouts', { name: '' }, 'k-400')).statusCode, 400)
  t.equal((await post(app, user, '/api/workouts', { name: 'Fixed' }, 'k-400')).statusCode, 201, 'the corrected request runs under the same key')

  const missing = '/api/workouts/665f1c2e8b3e4a0012a4b7c1/clone'
  t.equal((await post(app, user, missing, {}, 'k-404')).statusCode, 404)
  const replayed = await post(app, user, missing, {}, 'k-404')
  t.same([replayed.statusCode, replayed.headers['idempotent-replayed']], [404, 'true'], 'a 404 from the handler is replayed')

  const insertOne = Collection.prototype.insertOne
  let failures = 1
  Collection.prototype.insertOne = function <T extends Document> (this: Collection<T>, doc: OptionalUnlessRequiredId<T>, options?: InsertOneOptions) {
    if (this.collectionName === COLLECTIONS.workouts && failures-- > 0) return Promise.reject(new Error('database went away'))
    return insertOne.call(this, doc, options) as ReturnType<Collection<T>['insertOne']>
  }
  t.teardown(() => { Collection.prototype.insertOne = insertOne })
  t.equal((await post(app, user, '/api/workouts', { name: 'After 500' }, 'k-500')).statusCode, 500)
  t.equal(await keysOf(app).countDocuments({ key: 'k-500' }), 0, 'the 500 released the key')
  const retried = await post(app, user, '/api/workouts', { name: 'After 500' }, 'k-500')
  t.same([retried.statusCode, retried.headers['idempotent-replayed']], [201, undefined], 'the retry ran the request again')
})

t.test('a pending key blocks retries until its lease runs out; an expired key is free again', async (t) => {
  const user = await createUser(app)
  await post(app, user, '/api/workouts', { name: 'Leased' }, 'fingerprint-source')
  const { fingerprint } = (await keysOf(app).findOne({ user_id: user.id, key: 'fingerprint-source' }))!
  const pending = (leaseUntil: number): IdempotencyDoc => ({
    user_id: user.id, key: 'lease', fingerprint, state: 'pending', claim: 'someone-else', lease_until: new Date(leaseUntil), created_at: new Date()
  })
  await keysOf(app).insertOne(pending(Date.now() + 60_000))
  t.equal((await post(app, user, '/api/workouts', { name: 'Leased' }, 'lease')).statusCode, 409, 'still running elsewhere')
  await keysOf(app).replaceOne({ user_id: user.id, key: 'lease' }, pending(Date.now() - 1))
  t.equal((await post(app, user, '/api/workouts', { name: 'Leased' }, 'lease')).statusCode, 201, 'a dead claim is taken over')
  t.equal((await keysOf(app).findOne({ user_id: user.id, key: 'lease' }))?.state, 'complete')

  await keysOf(app).updateOne({ user_id: user.id, key: 'lease' }, { $set: { created_at: new Date(Date.now() - KEY_RETENTION_MS - 1) } })
  const reused = await post(app, user, '/api/workouts', { name: 'Other' }, 'lease')
  t.same([reused.statusCode, reused.headers['idempotent-replayed']], [201, undefined], 'after 24 h the key can name a new request')
})

t.test('account deletion removes the keys; the indexes and the OpenAPI document are in place', async (t) => {
  const user = await createUser(app)
  await post(app, user, '/api/workouts', { name: 'Gone' }, 'to-delete')
  t.ok(app.accountCleanup.modules().includes('idempotency-keys'))
  await app.accountCleanup.run(user.id)
  t.equal(await keysOf(app).countDocuments({ user_id: user.id }), 0)
  t.equal((await post(app, user, '/api/auth/tokens', { name: 'ci' }, 'minted')).statusCode, 201)
  t.equal(await keysOf(app).countDocuments({ key: 'minted' }), 0, 'an answer carrying a new token is never stored')

  const indexes = await keysOf(app).indexes()
  t.match(indexes, [{}, { name: 'user_key_unique', unique: true }, { name: 'created_at_ttl', expireAfterSeconds: 86400 }])

  type Operation = { parameters?: Array<{ in: string, name: string }>, responses: Record<string, unknown> }
  const doc = (await app.inject('/api/schema')).json() as { paths: Record<string, Record<string, Operation>> }
  const keyParameter = (operation: Operation) => operation.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key') ?? false
  const posts = Object.entries(doc.paths).flatMap(([path, ops]) => ops.post ? [[path, ops.post] as const] : [])
  const ignoring = /^\/api\/auth\/(register|login|password|tokens|token\/refresh)$/
  t.equal(posts.filter(([path]) => ignoring.test(path)).length, 5)
  for (const [path, operation] of posts) {
    const isPublic = ignoring.test(path)
    if (isPublic) t.notOk(keyParameter(operation), `${path} ignores the key`)
    if (isPublic || !keyParameter(operation)) continue
    t.ok(operation.responses['409'] && operation.responses['422'], `${path} documents 409 and 422`)
  }
  t.ok(keyParameter(doc.paths['/api/workouts'].post), 'POST /api/workouts documents the header')
})
