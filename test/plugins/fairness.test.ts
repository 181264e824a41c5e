import Fastify from 'fastify'
import { pino } from 'pino'
import t from 'tap'
import { configWith } from '../../src/config.js'
import errors from '../../src/plugins/errors.js'
import fairness from '../../src/plugins/fairness.js'
import requestLog from '../../src/plugins/request-log.js'
import { build } from '../helpers/build.js'
import { createUser } from '../helpers/users.js'
import { caller } from '../modules/petstore/fixtures.js'
import { createSession, insertExercise } from '../modules/sessions/fixtures.js'

t.test('a user over the expensive-route limit gets 429 while another user is served', async (t) => {
  const app = await build(t, { EXPENSIVE_RATE_LIMIT_MAX: 5 })
  const [burster, other] = [await createUser(app), await createUser(app)]
  const exercise = await insertExercise(app, { is_public: true })
  const session = await createSession(app, burster, 'in_progress')
  const bulk = { logs: [{ workout_session: session.id, exercise, reps: 5, weight: 100 }] }

  const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => i % 2 === 0
    ? app.inject({ method: 'POST', url: '/api/exercise-logs/bulk_create', headers: burster.headers, payload: bulk })
    : app.inject({ url: '/api/stats/progress', headers: burster.headers })))
  const statuses = burst.map((res) => res.statusCode)
  t.equal(statuses.filter((status) => status < 300).length, 5, `5 of 12 served (${statuses.join(' ')})`)
  t.equal(statuses.filter((status) => status === 429).length, 7, 'the rest throttled')
  const throttled = burst.find((res) => res.statusCode === 429)!
  t.match(throttled.json(), { statusCode: 429, error: 'Too Many Requests', code: 'RATE_LIMITED', message: /retry in \d+ seconds?/ })
  t.ok(Number(throttled.headers['retry-after']) > 0, 'Retry-After')

  t.equal((await app.inject({ url: '/api/stats/progress', headers: other.headers })).statusCode, 200, 'another user is not affected')
  t.equal((await app.inject({ url: '/api/stats/summary', headers: burster.headers })).statusCode, 200, 'cheap routes are not limited')

  const reader = await (await caller(app)).bearer(['read:pets'])
  const finds = []
  for (let i = 0; i < 6; i++) finds.push((await app.inject({ url: '/api/v3/pet/findByStatus', headers: reader })).statusCode)
  t.same(finds, [200, 200, 200, 200, 200, 429], "the Petstore's unpaged finds count against the caller's budget")
})

t.test('expensive routes document 429', async (t) => {
  const app = await build(t)
  const spec = (await app.inject('/api/schema')).json()
  for (const [path, method] of [['/api/exercise-logs/bulk_create', 'post'], ['/api/stats/progress', 'get'], ['/api/stats/muscle-groups', 'get'], ['/api/stats/exercises/{id}/progress', 'get']]) {
    t.ok(spec.paths[path]?.[method]?.responses?.['429'], `${method.toUpperCase()} ${path}`)
  }
})

t.test('in-flight cap: a request waits up to a second for a slot, then 429; other users pass', async (t) => {
  const lines: Array<{ msg: string, statusCode?: number, overConcurrency?: number }> = []
  const app = Fastify({ loggerInstance: pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line)) } }) })
  await app.register(errors)
  await app.register(requestLog)
  await app.register(fairness, { config: configWith({ EXPENSIVE_CONCURRENCY_MAX: 1, EXPENSIVE_RATE_LIMIT_MAX: 100 }), reportEveryMs: 200 })
  app.addHook('onRequest', async (request) => {
    Object.assign(request, { user: { id: Number(request.headers['x-user']) } })
  })
  const gates: Array<() => void> = []
  app.get('/work', { config: { expensive: true } }, async () => {
    await new Promise<void>((resolve) => gates.push(resolve))
    return { done: true }
  })
  t.teardown(() => app.close())
  const work = (user: number) => app.inject({ url: '/work', headers: { 'x-user': String(user) } })

  const first = work(1)
  await new Promise((resolve) => setTimeout(resolve, 50))
  const waiting = work(1)
  await new Promise((resolve) => setTimeout(resolve, 100))
  t.equal(gates.length, 1, 'the second request of user 1 waits for the slot')
  const otherUser = work(2)
  await new Promise((resolve) => setTimeout(resolve, 50))
  t.equal(gates.length, 2, 'user 2 is not held up by user 1')
  gates[0]()
  gates[1]()
  t.equal((await first).statusCode, 200)
  t.equal((await otherUser).statusCode, 200)
  await new Promise((resolve) => setTimeout(resolve, 50))
  gates[2]()
  t.equal((await waiting).statusCode, 200, 'the waiting request got the freed slot')

  const holder = work(1)
  await new Promise((resolve) => setTimeout(resolve, 50))
  const refused = await work(1)
  t.equal(refused.statusCode, 429, 'no slot within a second: 429')
  t.equal(refused.headers['retry-after'], '1')
  t.match(refused.json(), { code: 'RATE_LIMITED' })
  gates[3]()
  t.equal((await holder).statusCode, 200)
  await new Promise((resolve) => setTimeout(resolve, 300))
  t.same(lines.filter((line) => line.statusCode === 429), [], 'no line per throttled request')
  t.match(lines.filter((line) => line.msg === 'fairness: expensive requests answered 429'), [{ overConcurrency: 1 }], 'one counted warning')
})
