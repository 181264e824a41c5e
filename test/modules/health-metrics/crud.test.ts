import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { fieldsOf } from '../sessions/fixtures.js'
import { createPoint, point, post, URL } from './fixtures.js'

t.test('health metrics: one point at a time', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const stored = app.mongo.db!.collection(COLLECTIONS.healthMetrics)

  t.test('POST creates (201) in the stored shape other modules read; the same key again updates (200)', async (t) => {
    const first = await post(app, alice, point({ value: 82.4, measured_at: '2026-11-01T07:00:00+01:00' }))
    t.equal(first.statusCode, 201)
    t.match(first.json(), { user_id: alice.id, type: 'body_weight', value: 82.4, diastolic: null, unit: 'kg', measured_at: '2026-11-01T06:00:00.000Z', source: 'manual', notes: '' })
    const doc = await stored.findOne({ user_id: alice.id, type: 'body_weight' })
    t.same(Object.keys(doc!).sort(), ['_id', 'created_at', 'measured_at', 'notes', 'source', 'type', 'unit', 'updated_at', 'user_id', 'value'])
    t.ok(doc!.measured_at instanceof Date, 'measured_at is a BSON date')

    const again = await post(app, alice, point({ value: 82.1, unit: 'kg', measured_at: '2026-11-01T06:00:00Z', notes: 'after coffee' }))
    t.equal(again.statusCode, 200, 'the same instant written another way is the same point')
    t.equal(again.json().id, first.json().id)
    t.match(again.json(), { value: 82.1, notes: 'after coffee', created_at: first.json().created_at })
    const resync = await post(app, alice, point({ value: 82.1, measured_at: '2026-11-01T06:00:00Z' }))
    t.equal(resync.json().notes, 'after coffee', 'a re-sync without notes keeps them')
    t.equal(await stored.countDocuments({ user_id: alice.id }), 1)

    const device = await post(app, alice, point({ value: 82.3, measured_at: '2026-11-01T06:00:00Z', source: 'Withings Body+' }))
    t.equal(device.statusCode, 201, 'another source is another point')
    t.equal(await stored.countDocuments({ user_id: alice.id }), 2)
  })

  t.test('blood pressure keeps systolic as value and a diastolic; custom metrics bring their unit', async (t) => {
    const bp = await post(app, alice, { type: 'blood_pressure', value: 121, diastolic: 79, measured_at: '2026-11-02T08:00:00Z', source: 'Omron M7' })
    t.equal(bp.statusCode, 201)
    t.match(bp.json(), { value: 121, diastolic: 79, unit: 'mmHg' })
    const grip = await post(app, alice, { type: 'custom:grip_strength', value: 48, unit: 'kgf', measured_at: '2026-11-02T18:00:00Z' })
    t.equal(grip.statusCode, 201)
    t.match(grip.json(), { type: 'custom:grip_strength', unit: 'kgf' })
  })

  t.test('implausible or unknown input: 400 naming the field, nothing written', async (t) => {
    const before = await stored.countDocuments()
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [point({ value: 0 }), ['body/value']],
      [point({ value: 2000 }), ['body/value']],
      [point({ value: 19.99 }), ['body/value']],
      [point({ type: 'steps', value: 100.5 }), ['body/value']],
      [point({ type: 'body_fat', value: 90 }), ['body/value']],
      [point({ type: 'sleep', value: 25 }), ['body/value']],
      [point({ unit: 'lb' }), ['body/unit']],
      [point({ type: 'heart_ache' }), ['body/type']],
      [point({ type: 'custom:Bad Slug', unit: 'x' }), ['body/type']],
      [point({ type: 'custom:grip' }), ['body/unit']],
      [point({ type: 'blood_pressure', value: 120 }), ['body/diastolic']],
      [point({ type: 'blood_pressure', value: 120, diastolic: 130 }), ['body/diastolic']],
      [point({ diastolic: 80 }), ['body/diastolic']],
      [point({ value: 1e300 }), ['body/value']],
      [point({ value: '80' }), ['body/value']],
      [point({ measured_at: 'yesterday' }), ['body/measured_at']],
      [point({ measured_at: '0001-01-01T00:00:00Z' }), ['body/measured_at']],
      [point({ source: ' padded ' }), ['body/source']],
      [point({ source: 'x'.repeat(65) }), ['body/source']],
      [point({ notes: 'x'.repeat(2001) }), ['body/notes']],
      [point({ user_id: bob.id }), ['body/user_id']],
      [point({ type: { $gt: '' } }), ['body/type']],
      [point({ source: { $ne: null } }), ['body/source']],
      [point({ measured_at: { $gte: '2000-01-01' } }), ['body/measured_at']]
    ]
    for (const [payload, fields] of cases) {
      const res = await post(app, alice, payload)
      t.equal(res.statusCode, 400, JSON.stringify(payload).slice(0, 80))
      t.match(res.json(), { code: 'VALIDATION_ERROR' })
      t.same(fieldsOf(res.json()), fields, `${JSON.stringify(payload).slice(0, 80)} → ${res.json().message}`)
    }
    const proto = await app.inject({
      method: 'POST',
      url: URL,
      headers: { ...alice.headers, 'content-type': 'application/json' },
      payload: '{"type":"body_weight","value":80,"measured_at":"2026-11-20T07:00:00Z","__proto__":{"user_id":1}}'
    })
    t.equal(proto.statusCode, 400, 'a __proto__ key is refused by the JSON parser')
    t.equal(await stored.countDocuments(), before)
    t.match((await post(app, alice, point({ value: 2000 }))).json().message, 'body/value must be between 20 and 500 kg')
  })

  t.test('GET, PATCH and DELETE one point: the owner only; 404 for others, 400 for a malformed id, 401 without a token', async (t) => {
    const id = await createPoint(app, alice, { measured_at: '2026-11-03T07:00:00Z' })
    t.equal((await app.inject({ url: `${URL}/${id}`, headers: alice.headers })).json().value, 80)
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const payload = method === 'PATCH' ? { value: 81 } : undefined
      t.equal((await app.inject({ method, url: `${URL}/${id}`, headers: bob.headers, payload })).statusCode, 404, `${method} as another member`)
      t.equal((await app.inject({ method, url: `${URL}/${id}`, payload })).statusCode, 401, `${method} anonymous`)
      t.equal((await app.inject({ method, url: `${URL}/not-an-id`, headers: alice.headers, payload })).statusCode, 400, `${method} malformed id`)
    }
    const patched = await app.inject({ method: 'PATCH', url: `${URL}/${id}`, headers: alice.headers, payload: { value: 79.5, notes: 'evening' } })
    t.equal(patched.statusCode, 200)
    t.match(patched.json(), { id, value: 79.5, notes: 'evening', unit: 'kg' })
    t.equal((await app.inject({ method: 'PATCH', url: `${URL}/${id}`, headers: alice.headers, payload: { value: 5 } })).json().details[0].field, 'body/value', 'the range holds on PATCH')
    t.equal((await app.inject({ method: 'PATCH', url: `${URL}/${id}`, headers: alice.headers, payload: { type: 'waist' } })).statusCode, 400, 'the type cannot change')
    t.equal((await app.inject({ method: 'PATCH', url: `${URL}/${id}`, headers: alice.headers, payload: { value: { $inc: 1 } } })).statusCode, 400)

    const other = await createPoint(app, alice, { measured_at: '2026-11-04T07:00:00Z' })
    const clash = await app.inject({ method: 'PATCH', url: `${URL}/${other}`, headers: alice.headers, payload: { measured_at: '2026-11-03T07:00:00Z' } })
    t.equal(clash.statusCode, 409, 'moving onto another point\'s key')
    t.equal(clash.json().code, 'DUPLICATE')

    t.equal((await app.inject({ method: 'DELETE', url: `${URL}/${id}`, headers: alice.headers })).statusCode, 204)
    t.equal((await app.inject({ method: 'DELETE', url: `${URL}/${id}`, headers: alice.headers })).statusCode, 404)
    t.equal((await app.inject({ url: `${URL}/${id}`, headers: alice.headers })).statusCode, 404)
  })

  t.test('POST and bulk refuse a user_id other than the caller\'s: 404 (not their trainer)', async (t) => {
    t.equal((await post(app, alice, point(), `?user_id=${bob.id}`)).statusCode, 404)
    t.equal((await post(app, alice, point({ measured_at: '2026-10-01T00:00:00Z' }), `?user_id=${alice.id}`)).statusCode, 201, 'one\'s own id is fine')
    t.equal((await post(app, alice, point())).statusCode === 401, false)
    t.equal((await app.inject({ method: 'POST', url: URL, payload: point() })).statusCode, 401)
  })
})
