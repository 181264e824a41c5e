import t from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { createExercise, exerciseBody } from './fixtures.js'

t.test('GET/PUT/PATCH/DELETE /api/exercises/{id}', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const admin = await createUser(app, { role: 'admin' })
  const library = await createExercise(app, admin, { name: 'Library Row', video_url: 'https://videos.example/row' })
  const mine = await createExercise(app, alice, { name: 'Alice Press', description: 'Mine', instructions: 'Push', equipment_needed: ['dumbbell'] })
  const url = (id: string) => `/api/exercises/${id}`
  const call = (method: 'GET' | 'PUT' | 'PATCH' | 'DELETE', id: string, user: { headers: Record<string, string> } | null, payload?: object) =>
    app.inject({ method, url: url(id), headers: user?.headers ?? {}, ...(payload ? { payload } : {}) })

  t.test('GET: library and own exercises are visible; others\' custom ones are not', async (t) => {
    t.same((await call('GET', library.id, bob)).json(), library)
    t.same((await call('GET', mine.id, alice)).json(), mine)
    t.match((await call('GET', mine.id, bob)).json(), { statusCode: 404, code: 'NOT_FOUND' })
    t.equal((await call('GET', new ObjectId().toHexString(), alice)).statusCode, 404)
    t.match((await call('GET', 'not-an-id', alice)).json(), { statusCode: 400, details: [{ field: 'params/id' }] })
    t.equal((await call('GET', mine.id, null)).statusCode, 401)
  })

  t.test('PATCH: owners change their custom exercise, admins the library', async (t) => {
    const res = await call('PATCH', mine.id, alice, { difficulty_level: 'advanced', secondary_muscles: ['triceps'] })
    t.equal(res.statusCode, 200)
    t.match(res.json(), { name: 'Alice Press', difficulty_level: 'advanced', secondary_muscles: ['triceps'], is_custom: true })
    t.match(res.json(), { description: 'Mine', instructions: 'Push', equipment_needed: ['dumbbell'] }, 'absent fields keep their values')
    t.not(res.json().updated_at, mine.updated_at)
    t.equal((await call('PATCH', library.id, admin, { description: 'Curated' })).json().description, 'Curated')
  })

  t.test('PATCH: 403 on the library for members, 404 on others\' custom exercises', async (t) => {
    t.match((await call('PATCH', library.id, alice, { description: 'mine now' })).json(), { statusCode: 403, code: 'FORBIDDEN' })
    t.equal((await call('PATCH', mine.id, bob, { description: 'hijack' })).statusCode, 404)
    t.equal((await call('PATCH', mine.id, admin, { description: 'admins do not see private ones' })).statusCode, 404)
  })

  t.test('PATCH: 400 for bad fields and read-only ones', async (t) => {
    const res = await call('PATCH', mine.id, alice, { primary_muscles: [], is_public: true, created_by_user_id: 1 })
    t.equal(res.statusCode, 400)
    const fields = res.json().details.map((detail: { field: string }) => detail.field).sort()
    t.same(fields, ['body/created_by_user_id', 'body/is_public', 'body/primary_muscles'])
    t.match((await call('PATCH', mine.id, alice, { equipment_needed: ['none', 'bench'] })).json(), { details: [{ field: 'body/equipment_needed' }] })
  })

  t.test('PATCH: 409 when renaming onto another exercise of the same owner', async (t) => {
    await createExercise(app, alice, { name: 'Alice Pull' })
    t.match((await call('PATCH', mine.id, alice, { name: 'alice PULL' })).json(), { statusCode: 409, code: 'DUPLICATE' })
    t.equal((await call('PATCH', mine.id, alice, { name: 'ALICE PRESS' })).json().name, 'ALICE PRESS', 'a new case of its own name is fine')
  })

  t.test('PUT replaces every writable field; absent optional ones reset', async (t) => {
    const res = await call('PUT', library.id, admin, exerciseBody({ name: 'Library Row', category: 'strength', primary_muscles: ['upper_back'] }))
    t.equal(res.statusCode, 200)
    t.match(res.json(), { name: 'Library Row', description: '', primary_muscles: ['upper_back'], video_url: null, is_custom: false, created_by_user_id: null })
    t.equal((await call('PUT', library.id, alice, exerciseBody())).statusCode, 403)
    t.equal((await call('PUT', mine.id, bob, exerciseBody())).statusCode, 404)
    t.match((await call('PUT', mine.id, alice, { name: 'Only a name' })).json(), { statusCode: 400 })
  })

  t.test('GET is cached, never stale: each write is seen by the very next GET, with a new ETag', async (t) => {
    const own = await createExercise(app, alice, { name: 'Cached Curl' })
    const read = async (user = alice) => {
      const res = await call('GET', own.id, user)
      return { ...res.json(), etag: res.headers.etag }
    }
    const first = await read()
    t.same(await read(), first, 'the second read answers the same, from the cache')
    t.equal((await call('GET', own.id, bob)).statusCode, 404, 'visibility is checked on the cached exercise')
    await call('PATCH', own.id, alice, { description: 'patched' })
    const patched = await read()
    t.equal(patched.description, 'patched')
    t.not(patched.etag, first.etag)
    await call('PUT', own.id, alice, exerciseBody({ name: 'Cached Curl', description: 'replaced' }))
    t.equal((await read()).description, 'replaced')
    const libraryBefore = (await call('GET', library.id, alice)).json()
    await call('PATCH', library.id, admin, { instructions: 'Curated by the admin' })
    t.equal((await call('GET', library.id, alice)).json().instructions, 'Curated by the admin', 'another user\'s edit of the library')
    t.not(libraryBefore.instructions, 'Curated by the admin')
    t.equal((await call('DELETE', own.id, alice)).statusCode, 204)
    t.equal((await call('GET', own.id, alice)).statusCode, 404, 'deleted')
  })

  t.test('DELETE: 409 while a workout or a logged set references it, else 204', async (t) => {
    const db = app.mongo.db!
    const used = await createExercise(app, alice)
    const logged = await createExercise(app, alice)
    const workout = await db.collection(COLLECTIONS.workouts).insertOne({ created_by_user_id: bob.id, exercises: [{ exercise_id: new ObjectId(used.id), order: 1 }] })
    await db.collection(COLLECTIONS.logs).insertOne({ user_id: alice.id, exercise_id: new ObjectId(logged.id), completed_at: new Date() })
    t.match((await call('DELETE', used.id, alice)).json(), { statusCode: 409, code: 'IN_USE' })
    t.match((await call('DELETE', logged.id, alice)).json(), { statusCode: 409, code: 'IN_USE' })
    await db.collection(COLLECTIONS.workouts).deleteOne({ _id: workout.insertedId })
    t.equal((await call('DELETE', used.id, alice)).statusCode, 204)
    t.equal((await call('GET', used.id, alice)).statusCode, 404, 'gone')
  })

  t.test('DELETE: 403 on the library for members, 404 on others\' custom, 204 for admins', async (t) => {
    t.equal((await call('DELETE', library.id, alice)).statusCode, 403)
    t.equal((await call('DELETE', mine.id, bob)).statusCode, 404)
    t.equal((await call('DELETE', mine.id, alice)).statusCode, 204)
    t.equal((await call('DELETE', library.id, admin)).statusCode, 204)
    t.equal((await call('DELETE', library.id, admin)).statusCode, 404)
  })
})
