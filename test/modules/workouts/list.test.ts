import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { createExercise, createWorkout, fieldsOf } from './fixtures.js'

t.test('GET /api/workouts', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const carol = await createUser(app)
  const admin = await createUser(app, { role: 'admin' })
  const squat = await createExercise(app, admin, { name: 'Squat' })
  const run = (sets: number) => [{ exercise: squat.id, order: 1, target_sets: sets, rest_seconds: 15 }]
  // Created in this order; estimated durations 1, 3, 2, 4 minutes.
  await createWorkout(app, alice, [], { name: 'Alice Legs', difficulty_level: 'advanced', tags: ['legs', 'strength'], exercises: run(1), description: 'Squats and more' })
  await createWorkout(app, alice, [], { name: 'alice cardio', tags: ['cardio'], is_template: false, exercises: run(3) })
  await createWorkout(app, bob, [], { name: 'Bob Public', difficulty_level: 'intermediate', tags: ['legs'], is_public: true, exercises: run(2) })
  await createWorkout(app, bob, [], { name: 'Bob Private', tags: ['legs', 'strength'], exercises: run(4) })

  const list = async (query: string, user = alice) => {
    const res = await app.inject({ method: 'GET', url: `/api/workouts${query}`, headers: user.headers })
    t.equal(res.statusCode, 200, query)
    return res.json()
  }
  const names = async (query: string, user = alice) => (await list(query, user)).results.map((workout: { name: string }) => workout.name)

  t.test('own plus public, newest first by default', async (t) => {
    t.same(await names(''), ['Bob Public', 'alice cardio', 'Alice Legs'])
    t.same(await names('', bob), ['Bob Private', 'Bob Public'])
    t.same(await names('', carol), ['Bob Public'])
  })

  t.test('filters', async (t) => {
    t.same(await names('?difficulty=advanced'), ['Alice Legs'])
    t.same(await names('?tags=legs'), ['Bob Public', 'Alice Legs'])
    t.same(await names('?tags=LEGS,strength'), ['Alice Legs'], 'all of the tags, case-insensitive')
    t.same(await names('?is_template=false'), ['alice cardio'])
    t.same(await names('?is_public=true'), ['Bob Public'])
    t.same(await names('?is_public=false'), ['alice cardio', 'Alice Legs'], 'only the caller\'s private ones')
    t.same(await names('?is_public=false', carol), [])
    t.same(await names('?search=squats'), ['Alice Legs'], 'description')
    t.same(await names('?search=ALICE'), ['alice cardio', 'Alice Legs'], 'name, case-insensitive')
  })

  t.test('ordering', async (t) => {
    t.same(await names('?ordering=created_at'), ['Alice Legs', 'alice cardio', 'Bob Public'])
    t.same(await names('?ordering=estimated_duration_minutes'), ['Alice Legs', 'Bob Public', 'alice cardio'])
    t.same(await names('?ordering=-estimated_duration_minutes'), ['alice cardio', 'Bob Public', 'Alice Legs'])
    t.same(await names('?ordering=difficulty_level'), ['alice cardio', 'Bob Public', 'Alice Legs'], 'beginner < intermediate < advanced')
    t.same(await names('?ordering=name'), ['Alice Legs', 'Bob Public', 'alice cardio'], 'binary order of the stored names')
    t.same(await names('?ordering=-updated_at'), ['Bob Public', 'alice cardio', 'Alice Legs'])
  })

  t.test('pagination edges', async (t) => {
    const first = await list('?page_size=2')
    t.match(first, { count: 3, previous: null, next: /\/api\/workouts\?page_size=2&page=2$/ })
    t.equal(first.results.length, 2)
    const last = await list('?page_size=2&page=2')
    t.match(last, { count: 3, next: null, previous: /\/api\/workouts\?page_size=2$/ })
    t.same(last.results.map((workout: { name: string }) => workout.name), ['Alice Legs'])
    t.match(await list('?page_size=3'), { next: null, previous: null })
    t.match(await list('?page=9'), { count: 3, results: [], next: null, previous: /\/api\/workouts$/ })
  })

  t.test('exercise names are resolved in lists too', async (t) => {
    const [workout] = (await list('?search=Alice%20Legs')).results
    t.match(workout.exercises, [{ exercise: squat.id, exercise_name: 'Squat' }])
  })

  t.test('400 for bad filters', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/api/workouts?difficulty=easy&ordering=total&is_public=maybe&page=0&x=1', headers: alice.headers })
    t.equal(res.statusCode, 400)
    t.same(fieldsOf(res.json()), ['querystring/difficulty', 'querystring/is_public', 'querystring/ordering', 'querystring/page', 'querystring/x'])
  })

  t.test('401 without a token', async (t) => {
    t.equal((await app.inject({ method: 'GET', url: '/api/workouts' })).statusCode, 401)
  })
})
