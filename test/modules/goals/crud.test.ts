import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { addExercise, goalsOf } from './fixtures.js'

const FUTURE = '2999-12-31'

t.test('goals CRUD: own goals only, 401 without a token', async (t) => {
  const app = await build(t)
  const jane = await createUser(app)
  const john = await createUser(app)
  const mine = goalsOf(app, jane)
  const theirs = goalsOf(app, john)
  const bench = await addExercise(app)

  const created = await mine.create({ type: 'lift', exercise_id: bench.toHexString(), target: 100, deadline: FUTURE })
  t.equal(created.statusCode, 201)
  const goal = created.json()
  t.match(goal, {
    id: /^[0-9a-f]{24}$/,
    type: 'lift',
    target: 100,
    exercise_id: bench.toHexString(),
    measure: 'weight',
    direction: null,
    deadline: FUTURE,
    status: 'active',
    achieved_at: null,
    progress: { current: null, target: 100, percent: 0, met: false, week: null }
  })
  const weekly = (await mine.create({ type: 'sessions_per_week', target: 3 })).json()
  t.match(weekly, { measure: null, exercise_id: null, deadline: null, progress: { current: 0, week: { start: String, end: String } } })

  t.same((await mine.get(goal.id)).json().id, goal.id)
  const list = (await mine.list()).json()
  t.equal(list.count, 2)
  t.same(list.results.map((g: { id: string }) => g.id), [weekly.id, goal.id], 'newest first')
  const paged = (await mine.list('?page_size=1&page=2')).json()
  t.match(paged, { count: 2, next: null, previous: /\/api\/goals\?page_size=1$/ })
  t.same((await mine.list('?type=lift')).json().results.map((g: { id: string }) => g.id), [goal.id])

  const patched = await mine.patch(goal.id, { target: 120, measure: 'e1rm', deadline: null })
  t.equal(patched.statusCode, 200)
  t.match(patched.json(), { target: 120, measure: 'e1rm', deadline: null })

  t.test('another user\'s goal is 404 for every route; their list is their own', async (t) => {
    for (const res of [await theirs.get(goal.id), await theirs.patch(goal.id, { target: 1 }), await theirs.remove(goal.id)]) {
      t.equal(res.statusCode, 404)
      t.match(res.json(), { code: 'NOT_FOUND', message: 'Goal not found' })
    }
    t.equal((await theirs.list()).json().count, 0)
    t.equal((await mine.get(goal.id)).json().target, 120, 'unchanged')
    t.equal((await mine.get('0123456789abcdef01234567')).statusCode, 404, 'missing')
  })

  t.test('401 without a token', async (t) => {
    for (const [method, url] of [['GET', '/api/goals'], ['POST', '/api/goals'], ['GET', `/api/goals/${goal.id}`], ['PATCH', `/api/goals/${goal.id}`], ['DELETE', `/api/goals/${goal.id}`]] as const) {
      const res = await app.inject({ method, url, payload: method === 'POST' || method === 'PATCH' ? { target: 1 } : undefined })
      t.equal(res.statusCode, 401, `${method} ${url}`)
    }
  })

  t.test('delete: 204, then 404', async (t) => {
    t.equal((await mine.remove(goal.id)).statusCode, 204)
    t.equal((await mine.get(goal.id)).statusCode, 404)
    t.equal((await mine.remove(goal.id)).statusCode, 404)
  })
})

t.test('bad input → 400 with the error body, nothing written', async (t) => {
  const app = await build(t)
  const jane = await createUser(app)
  const john = await createUser(app)
  const mine = goalsOf(app, jane)
  const bench = (await addExercise(app)).toHexString()
  const johnsPrivate = (await addExercise(app, john.id)).toHexString()
  const cases: Array<[string, unknown, string]> = [
    ['unknown type', { type: 'steps', target: 3 }, 'body/type'],
    ['missing target', { type: 'sessions_per_week' }, 'body'],
    ['operator as target', { type: 'sessions_per_week', target: { $gt: 0 } }, 'body/target'],
    ['operator as exercise', { type: 'lift', target: 100, exercise_id: { $ne: null } }, 'body/exercise_id'],
    ['huge target', { type: 'volume_per_week', target: 1e12 }, 'body/target'],
    ['negative target', { type: 'lift', exercise_id: bench, target: -5 }, 'body/target'],
    ['fractional sessions', { type: 'sessions_per_week', target: 2.5 }, 'body/target'],
    ['too many sessions', { type: 'sessions_per_week', target: 22 }, 'body/target'],
    ['lift over range', { type: 'lift', exercise_id: bench, target: 1001 }, 'body/target'],
    ['body weight under range', { type: 'body_weight', target: 5 }, 'body/target'],
    ['lift without exercise', { type: 'lift', target: 100 }, 'body/exercise_id'],
    ['exercise on a weekly goal', { type: 'sessions_per_week', target: 3, exercise_id: bench }, 'body/exercise_id'],
    ['measure on a body weight goal', { type: 'body_weight', target: 70, measure: 'e1rm' }, 'body/measure'],
    ['direction on a lift goal', { type: 'lift', exercise_id: bench, target: 100, direction: 'lose' }, 'body/direction'],
    ['malformed exercise id', { type: 'lift', target: 100, exercise_id: 'abc' }, 'body/exercise_id'],
    ['unknown exercise', { type: 'lift', target: 100, exercise_id: '0123456789abcdef01234567' }, 'body/exercise_id'],
    ['another user\'s private exercise', { type: 'lift', target: 100, exercise_id: johnsPrivate }, 'body/exercise_id'],
    ['deadline in the past', { type: 'sessions_per_week', target: 3, deadline: '2001-01-01' }, 'body/deadline'],
    ['malformed deadline', { type: 'sessions_per_week', target: 3, deadline: '31/12/2999' }, 'body/deadline'],
    ['unknown field', { type: 'sessions_per_week', target: 3, achieved_at: '2026-01-01T00:00:00Z' }, 'body/achieved_at']
  ]
  for (const [name, payload, field] of cases) {
    const res = await mine.create(payload)
    t.equal(res.statusCode, 400, name)
    t.match(res.json(), { statusCode: 400, code: 'VALIDATION_ERROR', message: String }, name)
    t.ok(res.json().message.includes(field) || JSON.stringify(res.json().details ?? []).includes(field), `${name}: names ${field}`)
  }
  const proto = await app.inject({
    method: 'POST',
    url: '/api/goals',
    headers: { ...jane.headers, 'content-type': 'application/json' },
    payload: '{"type":"sessions_per_week","target":3,"__proto__":{"achieved_at":"x"}}'
  })
  t.equal(proto.statusCode, 400, '__proto__')
  t.equal((await mine.list()).json().count, 0, 'nothing written')

  const goal = (await mine.create({ type: 'sessions_per_week', target: 3 })).json()
  for (const [name, payload] of [['empty', {}], ['type change', { type: 'lift' }], ['exercise on weekly', { exercise_id: bench }], ['range', { target: 0 }], ['operator', { target: { $inc: 1 } }]] as const) {
    t.equal((await mine.patch(goal.id, payload)).statusCode, 400, `patch ${name}`)
  }
  t.equal((await mine.get('not-an-id')).statusCode, 400, 'malformed id')
  t.equal((await mine.list('?status=done')).statusCode, 400, 'unknown status')
  t.equal((await mine.list('?status[$ne]=active')).statusCode, 400, 'operator in query')
  t.equal((await mine.get(goal.id)).json().target, 3, 'unchanged')
})
