import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { seedExercises } from '../../../src/modules/exercises/seed.js'
import { SEED_EXERCISES } from '../../../src/modules/exercises/seed-data.js'
import { CATEGORIES } from '../../../src/modules/exercises/vocabulary.js'

t.test('the starter library loads at start-up, once', async (t) => {
  const app = await build(t, { SEED_EXERCISES: true })
  const member = await createUser(app)
  const admin = await createUser(app, { role: 'admin' })
  const list = async (query: string) =>
    (await app.inject({ method: 'GET', url: `/api/exercises${query}`, headers: member.headers })).json()

  const all = await list('?page_size=100')
  t.equal(all.count, SEED_EXERCISES.length)
  t.ok(all.count >= 60)
  t.ok(all.results.every((exercise: { is_custom: boolean, is_public: boolean, created_by_user_id: null }) =>
    !exercise.is_custom && exercise.is_public && exercise.created_by_user_id === null), 'all library exercises')
  for (const category of CATEGORIES) t.ok((await list(`?category=${category}`)).count > 0, `${category} present`)

  const bench = all.results.find((exercise: { name: string }) => exercise.name === 'Barbell Bench Press')
  await app.inject({ method: 'PATCH', url: `/api/exercises/${bench.id}`, headers: admin.headers, payload: { description: 'Edited by an admin' } })

  t.same(await seedExercises(app.mongo.db!, app.cache), { inserted: 0, existing: SEED_EXERCISES.length }, 'a second run inserts nothing')
  t.equal((await list('')).count, SEED_EXERCISES.length)
  const after = await app.inject({ method: 'GET', url: `/api/exercises/${bench.id}`, headers: member.headers })
  t.equal(after.json().description, 'Edited by an admin', 'admin edits survive a re-seed')
})

t.test('without SEED_EXERCISES the library starts empty; two concurrent seeds insert each exercise once', async (t) => {
  const app = await build(t)
  const member = await createUser(app)
  const count = async () => (await app.inject({ method: 'GET', url: '/api/exercises', headers: member.headers })).json().count
  t.equal(await count(), 0)
  const runs = await Promise.all([seedExercises(app.mongo.db!, app.cache), seedExercises(app.mongo.db!, app.cache)])
  t.equal(runs[0].inserted + runs[1].inserted, SEED_EXERCISES.length)
  t.equal(await count(), SEED_EXERCISES.length)
})
