import t from 'tap'
import { build } from '../../helpers/build.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { coachingWorld } from '../coaching/fixtures.js'
import { createPoint, point, post, URL } from './fixtures.js'

t.test('a client\'s health metrics: their trainer reads, never writes; nobody else sees them', async (t) => {
  const app = await build(t)
  const { admin, trainer, otherTrainer, client, otherMember, linkId } = await coachingWorld(app)
  const stored = app.mongo.db!.collection(COLLECTIONS.healthMetrics)
  const id = await createPoint(app, client, { value: 81, measured_at: '2026-11-02T07:00:00Z' })
  await createPoint(app, client, { type: 'waist', value: 88, measured_at: '2026-11-01T07:00:00Z' })
  await createPoint(app, client, { value: 82, measured_at: '2026-11-01T07:00:00Z' })
  await createPoint(app, otherMember, { value: 60, measured_at: '2026-11-05T07:00:00Z' })
  const get = (url: string, user = trainer) => app.inject({ url, headers: user.headers })
  const reads = [`${URL}?user_id=${client.id}`, `${URL}/latest?user_id=${client.id}`, `${URL}/series?type=body_weight&date_from=2026-11-01&date_to=2026-11-02&user_id=${client.id}`, `${URL}/${id}`]

  t.test('GET /latest: the latest point of each type, sorted by type', async (t) => {
    const res = await get(`${URL}/latest`, client)
    t.equal(res.statusCode, 200)
    t.same(res.json().results.map((p: { type: string, value: number }) => [p.type, p.value]), [['body_weight', 81], ['waist', 88]])
    t.same((await get(`${URL}/latest`, admin)).json().results, [], 'nothing for a user without points')
  })

  t.test('the trainer reads the list, latest, series and one point', async (t) => {
    const list = await get(reads[0])
    t.equal(list.statusCode, 200)
    t.equal(list.json().count, 3)
    t.ok(list.json().results.every((p: { user_id: number }) => p.user_id === client.id), 'only the client\'s points')
    t.equal((await get(reads[1])).json().results.length, 2)
    t.same((await get(reads[2])).json().buckets.map((b: { count: number }) => b.count), [1, 1])
    t.equal((await get(reads[3])).json().value, 81)
  })

  t.test('the trainer never writes: 403, nothing changed', async (t) => {
    const before = await stored.countDocuments()
    t.equal((await post(app, trainer, point(), `?user_id=${client.id}`)).statusCode, 403)
    t.equal((await app.inject({ method: 'POST', url: `${URL}/bulk?user_id=${client.id}`, headers: trainer.headers, payload: { points: [point()] } })).statusCode, 403)
    const patch = await app.inject({ method: 'PATCH', url: `${URL}/${id}`, headers: trainer.headers, payload: { value: 70 } })
    t.equal(patch.statusCode, 403)
    t.equal(patch.json().code, 'FORBIDDEN')
    t.equal((await app.inject({ method: 'DELETE', url: `${URL}/${id}`, headers: trainer.headers })).statusCode, 403)
    t.equal(await stored.countDocuments(), before)
    t.equal((await get(`${URL}/${id}`, client)).json().value, 81)
  })

  t.test('another trainer, another member and an admin: 404 for every read and write', async (t) => {
    for (const user of [otherTrainer, otherMember, admin]) {
      for (const url of reads) t.equal((await get(url, user)).statusCode, 404, `${user.role} ${url}`)
      t.equal((await post(app, user, point(), `?user_id=${client.id}`)).statusCode, 404)
      t.equal((await app.inject({ method: 'PATCH', url: `${URL}/${id}`, headers: user.headers, payload: { value: 70 } })).statusCode, 404)
      t.equal((await app.inject({ method: 'DELETE', url: `${URL}/${id}`, headers: user.headers })).statusCode, 404)
    }
    t.equal((await get(`${URL}?user_id=${otherMember.id}`, client)).statusCode, 404, 'members cannot read each other')
  })

  t.test('the link ends: the trainer\'s reads answer 404 at once', async (t) => {
    const ended = await app.inject({ method: 'POST', url: `/api/coaching/links/${linkId}/end`, headers: client.headers })
    t.equal(ended.statusCode, 200)
    for (const url of reads) t.equal((await get(url)).statusCode, 404, url)
  })
})
