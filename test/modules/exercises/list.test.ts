import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { createExercise } from './fixtures.js'

t.test('GET /api/exercises', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const admin = await createUser(app, { role: 'admin' })
  await createExercise(app, admin, { name: 'Back Squat', category: 'strength', difficulty_level: 'advanced', primary_muscles: ['quadriceps'], secondary_muscles: ['glutes'], equipment_needed: ['barbell'], description: 'Heavy legs' })
  await createExercise(app, admin, { name: 'air bike', category: 'cardio', difficulty_level: 'beginner', primary_muscles: ['full_body'], equipment_needed: ['stationary_bike'] })
  await createExercise(app, admin, { name: 'Calf Stretch', category: 'flexibility', difficulty_level: 'intermediate', primary_muscles: ['calves'], description: 'Against a wall (squat rack works)' })
  await createExercise(app, alice, { name: 'Alice Curl', primary_muscles: ['biceps'], secondary_muscles: ['forearms'], equipment_needed: ['dumbbell'] })
  await createExercise(app, bob, { name: 'Bob Secret', primary_muscles: ['biceps'] })

  const list = async (query: string, user = alice) => {
    const res = await app.inject({ method: 'GET', url: `/api/exercises${query}`, headers: user.headers })
    t.equal(res.statusCode, 200, `GET ${query}`)
    return res.json()
  }
  const names = async (query: string, user = alice) => (await list(query, user)).results.map((exercise: { name: string }) => exercise.name)

  t.test('library plus own custom exercises, by name case-insensitively', async (t) => {
    t.same(await names(''), ['air bike', 'Alice Curl', 'Back Squat', 'Calf Stretch'])
    t.same(await names('', bob), ['air bike', 'Back Squat', 'Bob Secret', 'Calf Stretch'])
  })

  t.test('filters', async (t) => {
    t.same(await names('?category=cardio'), ['air bike'])
    t.same(await names('?difficulty=intermediate'), ['Calf Stretch'])
    t.same(await names('?muscle_group=glutes'), ['Back Squat'], 'secondary muscles match')
    t.same(await names('?muscle_group=biceps'), ['Alice Curl'], 'never another user\'s custom exercise')
    t.same(await names('?equipment=barbell'), ['Back Squat'])
    t.same(await names('?equipment=none'), ['Calf Stretch'], 'the default equipment is none')
    t.same(await names('?custom_only=true'), ['Alice Curl'])
    t.same(await names('?custom_only=false&category=strength'), ['Alice Curl', 'Back Squat'])
    t.same(await names('?search=SQUAT'), ['Back Squat', 'Calf Stretch'], 'name or description, case-insensitive')
    t.same(await names('?search=(squat'), ['Calf Stretch'], 'regex characters are literal')
    t.same(await names('?search=.*'), [], 'regex characters are literal')
  })

  t.test('ordering', async (t) => {
    t.same(await names('?ordering=-name'), ['Calf Stretch', 'Back Squat', 'Alice Curl', 'air bike'])
    t.same(await names('?ordering=difficulty_level&custom_only=false&category=strength'), ['Alice Curl', 'Back Squat'])
    t.same(await names('?ordering=difficulty_level&search=a'), ['air bike', 'Alice Curl', 'Calf Stretch', 'Back Squat'], 'beginner < intermediate < advanced, then ties by id')
    t.same(await names('?ordering=-difficulty_level'), ['Back Squat', 'Calf Stretch', 'Alice Curl', 'air bike'])
    t.same(await names('?ordering=created_at'), ['Back Squat', 'air bike', 'Calf Stretch', 'Alice Curl'])
  })

  t.test('pagination edges', async (t) => {
    const first = await list('?page_size=2')
    t.equal(first.count, 4)
    t.equal(first.previous, null)
    t.match(first.next, /\/api\/exercises\?page_size=2&page=2$/)
    t.equal(first.results.length, 2)
    const last = await list('?page_size=2&page=2')
    t.equal(last.next, null)
    t.match(last.previous, /\/api\/exercises\?page_size=2$/)
    t.same(last.results.map((exercise: { name: string }) => exercise.name), ['Back Squat', 'Calf Stretch'])
    const exact = await list('?page_size=4')
    t.equal(exact.next, null, 'a full last page has no next')
    const beyond = await list('?page_size=3&page=3')
    t.same(beyond.results, [])
    t.match(beyond.previous, /page=2/)
  })

  t.test('pages are cached, never stale: a create, edit or delete is in the very next list', async (t) => {
    const query = '?search=cache'
    t.same(await names(query), [])
    t.same(await names(query, bob), [])
    const own = await createExercise(app, alice, { name: 'Alice Cache Row' })
    t.same(await names(query), ['Alice Cache Row'], 'own create')
    t.same(await names(query, bob), [], 'not in another user\'s list')
    const shared = await createExercise(app, admin, { name: 'Library Cache Press' })
    t.same(await names(query, bob), ['Library Cache Press'], 'a library create reaches every user')
    await app.inject({ method: 'PATCH', url: `/api/exercises/${shared.id}`, headers: admin.headers, payload: { name: 'Library Cache Push' } })
    t.same(await names(query), ['Alice Cache Row', 'Library Cache Push'], 'a library edit')
    await app.inject({ method: 'PATCH', url: `/api/exercises/${own.id}`, headers: alice.headers, payload: { difficulty_level: 'advanced' } })
    t.same((await list(`${query}&difficulty=advanced`)).count, 1, 'an own edit')
    await app.inject({ method: 'DELETE', url: `/api/exercises/${own.id}`, headers: alice.headers })
    await app.inject({ method: 'DELETE', url: `/api/exercises/${shared.id}`, headers: admin.headers })
    t.same(await names(query), [], 'deletes')
    t.same(await names(query, bob), [])
  })

  t.test('400 for unknown filters and bad values', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/api/exercises?category=yoga&ordering=id&page_size=101&owner=1', headers: alice.headers })
    t.equal(res.statusCode, 400)
    const fields = res.json().details.map((detail: { field: string }) => detail.field)
    for (const field of ['querystring/category', 'querystring/ordering', 'querystring/page_size', 'querystring/owner']) t.ok(fields.includes(field), field)
  })

  t.test('401 without a token', async (t) => {
    t.equal((await app.inject({ method: 'GET', url: '/api/exercises' })).statusCode, 401)
  })
})
