import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { createHealthMetricRepository } from '../../../src/modules/health-metrics/repository.js'
import { fieldsOf } from '../sessions/fixtures.js'
import { point, URL } from './fixtures.js'

const HOUR = 3_600_000
/** `count` resting heart rates an hour apart from 2026-01-01, from one device. */
const series = (count: number, value = (i: number) => 50 + (i % 20)) => Array.from({ length: count }, (_v, i) => ({
  type: 'resting_heart_rate', value: value(i), measured_at: new Date(Date.UTC(2026, 0, 1) + i * HOUR).toISOString(), source: 'Garmin Connect'
}))

t.test('POST /api/health-metrics/bulk', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const stored = app.mongo.db!.collection(COLLECTIONS.healthMetrics)
  const bulk = (payload: unknown) => app.inject({ method: 'POST', url: `${URL}/bulk`, headers: alice.headers, payload: payload as Record<string, unknown> })

  t.test('1,000 points: a bad 1000th point writes nothing, and is named by its index', async (t) => {
    const points: Array<Record<string, unknown>> = series(1000)
    points[999] = { ...points[999], value: 400 }
    points[500] = { ...points[500], unit: 'bpm' }
    const res = await bulk({ points })
    t.equal(res.statusCode, 400)
    t.same(res.json().details, [{ field: 'body/points/999/value', message: 'must be between 20 and 250 bpm' }])
    t.equal(await stored.countDocuments({ user_id: alice.id }), 0, 'nothing written')
  })

  t.test('every bad point is listed; schema errors and range errors alike', async (t) => {
    const res = await bulk({ points: [point(), point({ type: 'nope' }), point({ type: 'custom:x' }), point({ value: -1 })] })
    t.equal(res.statusCode, 400)
    t.same(fieldsOf(res.json()), ['body/points/1/type', 'body/points/2/unit', 'body/points/3/value'])
    t.same(fieldsOf((await bulk({ points: [point(), point({ measured_at: { $gt: '' } })] })).json()), ['body/points/1/measured_at'])
    t.equal(await stored.countDocuments({ user_id: alice.id }), 0)
  })

  t.test('1,001 points, none, or anything else in the body: 400', async (t) => {
    const over = await bulk({ points: series(1001) })
    t.equal(over.statusCode, 400)
    t.same(fieldsOf(over.json()), ['body/points'])
    t.same(fieldsOf((await bulk({ points: [] })).json()), ['body/points'])
    t.same(fieldsOf((await bulk({ points: [point()], dry_run: true })).json()), ['body/dry_run'])
    t.same(fieldsOf((await bulk([point()])).json()), ['body'])
    t.equal(await stored.countDocuments({ user_id: alice.id }), 0)
  })

  t.test('1,000 good points: 201 with counts; the same import again updates every point (200)', async (t) => {
    const res = await bulk({ points: series(1000) })
    t.equal(res.statusCode, 201)
    t.same(res.json(), { received: 1000, created: 1000, updated: 0, merged: 0 })
    t.equal(await stored.countDocuments({ user_id: alice.id }), 1000)
    const again = await bulk({ points: series(1000, () => 60) })
    t.equal(again.statusCode, 200)
    t.same(again.json(), { received: 1000, created: 0, updated: 1000, merged: 0 })
    t.equal(await stored.countDocuments({ user_id: alice.id }), 1000)
    t.equal(await stored.countDocuments({ user_id: alice.id, value: 60 }), 1000, 'the re-import\'s values won')
  })

  t.test('the same key twice in one request: the last one wins, counted as merged', async (t) => {
    const at = '2026-06-01T07:00:00.000Z'
    const res = await bulk({ points: [point({ value: 70, measured_at: at }), point({ type: 'waist', value: 90, measured_at: at }), point({ value: 71, measured_at: '2026-06-01T09:00:00+02:00' })] })
    t.equal(res.statusCode, 201)
    t.same(res.json(), { received: 3, created: 2, updated: 0, merged: 1 })
    const weights = await stored.find({ user_id: alice.id, type: 'body_weight' }).toArray()
    t.same(weights.map((doc) => doc.value), [71])
  })

  t.test('a batch that failed midway converges when sent again: no duplicate, every point as sent', async (t) => {
    // What an interrupted ordered bulkWrite leaves: a prefix of the batch written.
    const bob = await createUser(app)
    const points = series(50).map((p) => ({ ...p, value: 55 }))
    const metrics = createHealthMetricRepository(app.mongo.db!)
    await metrics.bulkUpsert(bob.id, points.slice(0, 20).map((p) => ({ ...p, unit: 'bpm', diastolic: null, measured_at: new Date(p.measured_at), notes: undefined })))
    const retry = await app.inject({ method: 'POST', url: `${URL}/bulk`, headers: bob.headers, payload: { points } })
    t.same(retry.json(), { received: 50, created: 30, updated: 20, merged: 0 })
    t.equal(await stored.countDocuments({ user_id: bob.id }), 50)
    t.equal(await stored.countDocuments({ user_id: bob.id, value: 55, unit: 'bpm', source: 'Garmin Connect' }), 50)
  })

  t.test('401 without a token', async (t) => {
    t.equal((await app.inject({ method: 'POST', url: `${URL}/bulk`, payload: { points: [point()] } })).statusCode, 401)
  })
})
