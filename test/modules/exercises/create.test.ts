import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { createExercise, exerciseBody } from './fixtures.js'

t.test('POST /api/exercises', async (t) => {
  const app = await build(t)
  const member = await createUser(app)
  const admin = await createUser(app, { role: 'admin' })
  const post = (headers: Record<string, string>, payload: object) => app.inject({ method: 'POST', url: '/api/exercises', headers, payload })

  t.test('a member creates a private custom exercise with defaults filled in', async (t) => {
    const res = await post(member.headers, exerciseBody({ name: 'Tempo Squat' }))
    t.equal(res.statusCode, 201)
    t.match(res.json(), {
      id: /^[0-9a-f]{24}$/,
      name: 'Tempo Squat',
      description: '',
      secondary_muscles: [],
      equipment_needed: ['none'],
      instructions: '',
      video_url: null,
      image_url: null,
      is_custom: true,
      is_public: false,
      created_by_user_id: member.id,
      created_at: String,
      updated_at: String
    })
    t.notOk('name_lower' in res.json(), 'storage fields stay inside')
    t.notOk('difficulty_rank' in res.json(), 'storage fields stay inside')
  })

  t.test('an admin creates a public library exercise', async (t) => {
    const res = await post(admin.headers, exerciseBody({ name: 'Library Lift', equipment_needed: ['barbell', 'bench'], video_url: 'https://videos.example/lift' }))
    t.equal(res.statusCode, 201)
    t.match(res.json(), { is_custom: false, is_public: true, created_by_user_id: null, equipment_needed: ['barbell', 'bench'], video_url: 'https://videos.example/lift' })
  })

  t.test('names are unique per owner, case-insensitively', async (t) => {
    await createExercise(app, member, { name: 'Sled Push' })
    const again = await post(member.headers, exerciseBody({ name: 'SLED push' }))
    t.equal(again.statusCode, 409)
    t.match(again.json(), { code: 'DUPLICATE' })

    const other = await createUser(app)
    t.equal((await post(other.headers, exerciseBody({ name: 'Sled Push' }))).statusCode, 201, 'another user has their own namespace')
    t.equal((await post(admin.headers, exerciseBody({ name: 'sled push' }))).statusCode, 201, 'the library is its own namespace')
    t.equal((await post(admin.headers, exerciseBody({ name: 'Sled PUSH' }))).statusCode, 409, 'library names are unique too')
  })

  t.test('400 lists every invalid field', async (t) => {
    const res = await post(member.headers, {
      name: ' padded ',
      category: 'yoga',
      difficulty_level: 'expert',
      primary_muscles: [],
      secondary_muscles: ['chest', 'chest'],
      equipment_needed: ['spaceship'],
      video_url: 'not a url',
      is_custom: false
    })
    t.equal(res.statusCode, 400)
    const fields = res.json().details.map((detail: { field: string }) => detail.field)
    for (const field of ['body/name', 'body/category', 'body/difficulty_level', 'body/primary_muscles', 'body/secondary_muscles', 'body/equipment_needed/0', 'body/video_url', 'body/is_custom']) {
      t.ok(fields.includes(field), `${field} reported`)
    }
  })

  t.test('400 for missing required fields', async (t) => {
    const res = await post(member.headers, {})
    t.equal(res.statusCode, 400)
    const fields = res.json().details.map((detail: { field: string }) => detail.field)
    t.same(fields.sort(), ['body/category', 'body/difficulty_level', 'body/name', 'body/primary_muscles'])
  })

  t.test('400 when "none" is combined with equipment', async (t) => {
    const res = await post(member.headers, exerciseBody({ equipment_needed: ['none', 'mat'] }))
    t.equal(res.statusCode, 400)
    t.match(res.json(), { code: 'VALIDATION_ERROR', details: [{ field: 'body/equipment_needed' }] })
  })

  t.test('operator injection is refused', async (t) => {
    const res = await post(member.headers, exerciseBody({ name: { $gt: '' } }))
    t.equal(res.statusCode, 400)
  })

  t.test('401 without a token', async (t) => {
    t.equal((await post({}, exerciseBody())).statusCode, 401)
  })
})
