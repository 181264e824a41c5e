import t, { type Test } from 'tap'
import type { FastifyInstance } from 'fastify'
import { ObjectId } from 'mongodb'
import { COLLECTIONS } from '../../src/modules/documents.js'
import { build } from '../helpers/build.js'
import { insertExercise } from '../modules/sessions/fixtures.js'
import { inParallel } from '../helpers/http.js'
import { createUser, type TestUser } from '../helpers/users.js'
import { etagOf, ifMatchHolds, ifNoneMatchMatches, parseEtagCondition } from '../../src/lib/etag.js'

interface Answer { status: number, etag: string | null, text: string, body: ReturnType<typeof JSON.parse> }

/** fetch through the real HTTP server, with extra headers (the helper's client sends only the token). */
async function client (app: FastifyInstance) {
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address')
  return (user: TestUser) => async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(`http://127.0.0.1:${address.port}${path}`, {
      method,
      headers: { ...user.headers, ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    const text = await res.text()
    return { status: res.status, etag: res.headers.get('etag'), text, body: text === '' ? null : JSON.parse(text) }
  }
}

type Send = ReturnType<Awaited<ReturnType<typeof client>>>

interface Resource {
  name: string
  /** Creates one object and answers its path. */
  create: (send: Send) => Promise<string>
  /** A PATCH body that changes the object; `i` makes each one different. */
  change: (i: number) => Record<string, unknown>
  /** Is the change visible in the object? */
  changed: (body: Record<string, unknown>, i: number) => boolean
}

const PARALLEL = 20

const day = (i: number) => new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10)

function conditionalWrites (t: Test, send: () => Send, resource: Resource) {
  t.test(`${resource.name}: ETag, 304, 412 and one winner among parallel writes`, async (t) => {
    const path = await resource.create(send())
    const first = await send()('GET', path)
    t.equal(first.status, 200)
    t.match(first.etag, /^"[A-Za-z0-9_-]{27}"$/, 'a strong ETag')
    t.equal((await send()('GET', path)).etag, first.etag, 'the same object has the same ETag')

    const notModified = await send()('GET', path, undefined, { 'if-none-match': `"other", W/${first.etag!}` })
    t.equal(notModified.status, 304, 'If-None-Match uses the weak comparison')
    t.equal(notModified.text, '', 'without a body')
    t.equal(notModified.etag, first.etag)
    t.equal((await send()('GET', path, undefined, { 'if-none-match': '"other"' })).status, 200)
    t.equal((await send()('GET', path, undefined, { 'if-match': '"other"' })).status, 412, 'GET evaluates If-Match too')

    const patched = await send()('PATCH', path, resource.change(1), { 'if-match': first.etag! })
    t.equal(patched.status, 200, 'PATCH with the current ETag')
    t.ok(patched.etag && patched.etag !== first.etag, 'a new ETag')
    const after = await send()('GET', path)
    t.equal(after.etag, patched.etag, 'the write answers the ETag a GET then gives')
    t.equal((await send()('GET', path, undefined, { 'if-none-match': first.etag! })).status, 200, 'the old ETag no longer matches')

    const stale = await send()('PATCH', path, resource.change(2), { 'if-match': first.etag! })
    t.equal(stale.status, 412)
    t.match(stale.body, { statusCode: 412, error: 'Precondition Failed', code: 'PRECONDITION_FAILED', message: String })
    t.same((await send()('GET', path)).body, after.body, 'nothing written')
    t.equal((await send()('PATCH', path, resource.change(2), { 'if-match': `W/${patched.etag!}` })).status, 412, 'If-Match uses the strong comparison')
    t.equal((await send()('PATCH', path, resource.change(2), { 'if-match': 'nonsense' })).status, 400, 'a malformed If-Match is refused')

    // Warm one connection per request first, so that the writes reach the server together.
    const reads = await inParallel(PARALLEL, () => send()('GET', path))
    t.ok(reads.every((read) => read.status === 200 && read.etag === reads[0].etag), 'parallel reads see one version')
    const etag = reads[0].etag!
    const answers = await inParallel(PARALLEL, (i) => send()('PATCH', path, resource.change(100 + i), { 'if-match': etag }))
    t.same(answers.map((answer) => answer.status).sort(), [200, ...Array(PARALLEL - 1).fill(412)], `exactly one of ${PARALLEL} parallel writes wins`)
    const winner = answers.find((answer) => answer.status === 200)!
    const stored = await send()('GET', path)
    t.same(stored.body, winner.body, 'the stored object is the winner\'s')
    t.equal(stored.etag, winner.etag)
    t.ok(resource.changed(stored.body, answers.indexOf(winner) + 100), 'with the winner\'s change')

    t.equal((await send()('PATCH', path, resource.change(3), { 'if-match': '*' })).status, 200, 'If-Match: * on an existing object')
    t.equal((await send()('DELETE', path, undefined, { 'if-match': etag })).status, 412, 'DELETE with a stale ETag')
    t.equal((await send()('GET', path)).status, 200, 'not deleted')
    t.equal((await send()('DELETE', path, undefined, { 'if-match': (await send()('GET', path)).etag! })).status, 204, 'DELETE with the current ETag')
    t.equal((await send()('GET', path)).status, 404)
  })
}

t.test('lost-update protection', async (t) => {
  const app = await build(t)
  const owner = await createUser(app)
  const admin = await createUser(app, { role: 'admin' })
  const http = await client(app)

  conditionalWrites(t, () => http(owner), {
    name: 'workouts',
    create: async (send) => `/api/workouts/${(await send('POST', '/api/workouts', { name: 'Legs' })).body.id as string}`,
    change: (i) => ({ name: `Legs ${i}` }),
    changed: (body, i) => body.name === `Legs ${i}`
  })

  conditionalWrites(t, () => http(owner), {
    name: 'sessions',
    create: async (send) => `/api/workout-sessions/${(await send('POST', '/api/workout-sessions', { name: 'Morning' })).body.id as string}`,
    change: (i) => ({ notes: `note ${i}` }),
    changed: (body, i) => body.notes === `note ${i}`
  })

  conditionalWrites(t, () => http(admin), {
    name: 'gyms (PostgreSQL)',
    create: async (send) => `/api/gyms/${(await send('POST', '/api/gyms', { name: `Gym ${Date.now()}` })).body.id as number}`,
    change: (i) => ({ address: `${i} Main Street` }),
    changed: (body, i) => body.address === `${i} Main Street`
  })

  conditionalWrites(t, () => http(owner), {
    name: 'exercises',
    create: async (send) => `/api/exercises/${(await send('POST', '/api/exercises', {
      name: 'Floor press', category: 'strength', difficulty_level: 'beginner', primary_muscles: ['chest']
    })).body.id as string}`,
    change: (i) => ({ description: `take ${i}` }),
    changed: (body, i) => body.description === `take ${i}`
  })

  conditionalWrites(t, () => http(owner), {
    name: 'goals (progress computed on read)',
    create: async (send) => `/api/goals/${(await send('POST', '/api/goals', { type: 'sessions_per_week', target: 3 })).body.id as string}`,
    change: (i) => ({ deadline: day(i) }),
    changed: (body, i) => body.deadline === day(i)
  })

  conditionalWrites(t, () => http(owner), {
    name: 'health metrics',
    create: async (send) => `/api/health-metrics/${(await send('POST', '/api/health-metrics', { type: 'body_weight', value: 80, measured_at: '2026-11-02T07:00:00Z' })).body.id as string}`,
    change: (i) => ({ notes: `scale ${i}` }),
    changed: (body, i) => body.notes === `scale ${i}`
  })

  conditionalWrites(t, () => http(admin), {
    name: 'programs',
    create: async (send) => {
      const workout = (await send('POST', '/api/workouts', { name: 'Full body' })).body.id as string
      return `/api/programs/${(await send('POST', '/api/programs', { name: 'Base', weeks: [{ days: [{ day: 1, workout }] }] })).body.id as string}`
    },
    change: (i) => ({ description: `block ${i}` }),
    changed: (body, i) => body.description === `block ${i}`
  })

  const library = await insertExercise(app, { name: 'Row' })
  const newLog = async (send: Send) => {
    const session = (await send('POST', '/api/workout-sessions', { name: 'Sets' })).body.id as string
    const created = await send('POST', '/api/exercise-logs', { workout_session: session, exercise: library, reps: 5 })
    if (created.status !== 201) throw new Error(`create log: ${created.status} ${created.text}`)
    return created.body.id as string
  }

  conditionalWrites(t, () => http(owner), {
    name: 'set logs',
    create: async (send) => `/api/exercise-logs/${await newLog(send)}`,
    change: (i) => ({ notes: `set ${i}` }),
    changed: (body, i) => body.notes === `set ${i}`
  })

  t.test('set logs stored before updated_at existed are at the version of their created_at', async (t) => {
    const send = http(owner)
    const id = await newLog(send)
    await app.mongo.db!.collection(COLLECTIONS.logs).updateOne({ _id: new ObjectId(id) }, { $unset: { updated_at: '' } })
    const legacy = await send('GET', `/api/exercise-logs/${id}`)
    t.equal(legacy.body.updated_at, legacy.body.created_at)
    const patched = await send('PATCH', `/api/exercise-logs/${id}`, { reps: 6 }, { 'if-match': legacy.etag! })
    t.equal(patched.status, 200, 'If-Match with its ETag applies')
    t.ok(patched.body.updated_at > legacy.body.created_at, 'and stamps it')
    t.equal((await send('PATCH', `/api/exercise-logs/${id}`, { reps: 7 }, { 'if-match': legacy.etag! })).status, 412, 'the legacy ETag is then stale')
  })

  t.test('comments: the ETag of a write guards the next one (there is no single-comment GET)', async (t) => {
    const send = http(owner)
    const workout = (await send('POST', '/api/workouts', { name: 'Shared', is_public: true })).body.id as string
    const added = await send('POST', `/api/workouts/${workout}/comments`, { text: 'first' })
    t.equal(added.status, 201)
    t.match(added.etag, /^"[A-Za-z0-9_-]{27}"$/)
    const path = `/api/comments/${added.body.id as string}`
    const edited = await send('PATCH', path, { text: 'second' }, { 'if-match': added.etag! })
    t.equal(edited.status, 200, 'PATCH with the current ETag')
    t.equal((await send('PATCH', path, { text: 'stale' }, { 'if-match': added.etag! })).status, 412, 'PATCH with a stale ETag')

    const answers = await inParallel(PARALLEL, (i) => send('PATCH', path, { text: `take ${i}` }, { 'if-match': edited.etag! }))
    t.same(answers.map((answer) => answer.status).sort(), [200, ...Array(PARALLEL - 1).fill(412)], `exactly one of ${PARALLEL} parallel writes wins`)
    const winner = answers.find((answer) => answer.status === 200)!
    t.equal(winner.body.text, `take ${answers.indexOf(winner)}`)

    t.equal((await send('DELETE', path, undefined, { 'if-match': edited.etag! })).status, 412, 'DELETE with a stale ETag')
    const listed = await send('GET', `/api/workouts/${workout}/comments`)
    t.same(listed.body.results.map((c: { text: string }) => c.text), [winner.body.text], 'nothing written, nothing deleted')
    t.equal((await send('DELETE', path, undefined, { 'if-match': winner.etag! })).status, 204, 'DELETE with the current ETag')
    t.equal((await send('DELETE', path, undefined, { 'if-match': '*' })).status, 404)
  })

  t.test('resources without If-Match support refuse it instead of ignoring it', async (t) => {
    const send = http(owner)
    const profile = await send('GET', '/api/auth/profile')
    t.ok(profile.etag, 'single-object GETs all have an ETag')
    const refused = await send('PATCH', '/api/auth/profile', { profile: { bio: 'x' } }, { 'if-match': profile.etag! })
    t.equal(refused.status, 400)
    t.match(refused.body.message, /If-Match is not supported on this resource/)
    t.equal((await send('GET', '/api/auth/profile')).body.profile.bio, profile.body.profile.bio, 'nothing written')
    t.equal((await send('PATCH', '/api/auth/profile', { profile: { bio: 'x' } }, { 'if-none-match': '*' })).status, 400, 'If-None-Match on a write')
    t.equal((await send('GET', '/api/workouts')).etag, null, 'lists have none')
  })

  t.test('the OpenAPI document lists the headers and statuses', async (t) => {
    const document = (await app.inject({ url: '/api/schema' })).json()
    const item = document.paths['/api/workouts/{id}']
    t.ok(item.get.responses['304'] && item.get.responses['200'].headers.ETag, 'GET: 304 and the ETag header')
    t.ok(item.get.parameters.some((p: { in: string, name: string }) => p.in === 'header' && p.name === 'if-none-match'), 'GET: If-None-Match')
    for (const method of ['put', 'patch', 'delete']) {
      t.ok(item[method].responses['412'], `${method}: 412`)
      t.ok(item[method].parameters.some((p: { in: string, name: string }) => p.in === 'header' && p.name === 'if-match'), `${method}: If-Match`)
    }
    for (const [path, methods] of [['/api/exercise-logs/{id}', ['put', 'patch', 'delete']], ['/api/comments/{id}', ['patch', 'delete']], ['/api/exercises/{id}', ['delete']]] as const) {
      for (const method of methods) t.ok(document.paths[path][method].responses['412'], `${path} ${method}: 412`)
    }
    t.ok(document.paths['/api/workouts'].post.responses['201'].headers.ETag, 'writes answer the ETag')
    t.notOk(document.paths['/api/auth/profile'].patch.responses['412'], 'no 412 where If-Match is refused')
  })
})

t.test('entity-tag lists and comparisons (RFC 9110)', async (t) => {
  t.same(parseEtagCondition(' "a" , W/"b",,"c,d"'), [{ weak: false, tag: '"a"' }, { weak: true, tag: '"b"' }, { weak: false, tag: '"c,d"' }])
  t.equal(parseEtagCondition('*'), '*')
  for (const bad of ['a', '"a', 'W/ "a"', '', '"a" "b"', '*, "a"']) t.equal(parseEtagCondition(bad), null, `refused: ${bad}`)
  t.ok(ifMatchHolds(parseEtagCondition('"x", "y"')!, '"y"'))
  t.notOk(ifMatchHolds(parseEtagCondition('W/"y"')!, '"y"'), 'If-Match: strong comparison')
  t.ok(ifNoneMatchMatches(parseEtagCondition('W/"y"')!, '"y"'), 'If-None-Match: weak comparison')
  t.equal(etagOf({ b: 1, a: [1, { d: null, c: 'x' }] }), etagOf({ a: [1, { c: 'x', d: null }], b: 1 }), 'key order does not matter')
  t.not(etagOf({ a: 1 }), etagOf({ a: '1' }))
})
