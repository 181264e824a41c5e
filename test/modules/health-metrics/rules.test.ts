import t from 'tap'
import { checkPoint, lastOfEachKey } from '../../../src/modules/health-metrics/rules.js'
import { seriesBuckets, seriesRange } from '../../../src/modules/health-metrics/buckets.js'
import { METRIC_TYPES } from '../../../src/modules/health-metrics/vocabulary.js'

t.test('checkPoint: the plausible range of every fixed type, bounds included', async (t) => {
  for (const [type, { min, max, unit }] of Object.entries(METRIC_TYPES)) {
    const extra = type === 'blood_pressure' ? { diastolic: 20 } : {}
    t.same(checkPoint('body', { type, value: max, ...extra }), { details: [], unit }, `${type} at its maximum`)
    t.same(checkPoint('body', { type, value: min + 1, unit, ...extra }).details, [], `${type} with its unit`)
    t.same(checkPoint('body', { type, value: max + 1, ...extra }).details.map((d) => d.field), ['body/value'], `${type} above`)
    t.same(checkPoint('body', { type, value: min - 1, ...extra }).details.map((d) => d.field), ['body/value'], `${type} below`)
  }
  t.same(checkPoint('body', { type: 'body_weight', value: 20 }).details, [], 'body weight from 20 kg')
  t.same(checkPoint('body', { type: 'body_weight', value: 500 }).details, [], 'to 500 kg')
})

t.test('checkPoint: units, diastolic, custom types, several problems at once', async (t) => {
  const fields = (point: Parameters<typeof checkPoint>[1]) => checkPoint('body/points/7', point).details.map((d) => d.field)
  t.same(fields({ type: 'waist', value: 80, unit: 'in' }), ['body/points/7/unit'])
  t.same(fields({ type: 'waist', value: 1000, unit: 'in' }), ['body/points/7/unit', 'body/points/7/value'])
  t.same(fields({ type: 'steps', value: 10.5 }), ['body/points/7/value'])
  t.same(fields({ type: 'blood_pressure', value: 120, diastolic: 80 }), [])
  t.same(fields({ type: 'blood_pressure', value: 120, diastolic: 120 }), ['body/points/7/diastolic'])
  t.same(fields({ type: 'blood_pressure', value: 120, diastolic: null }), ['body/points/7/diastolic'])
  t.same(fields({ type: 'blood_pressure', value: 120, diastolic: 10 }), ['body/points/7/diastolic'])
  t.same(fields({ type: 'hrv', value: 50, diastolic: 10 }), ['body/points/7/diastolic'])
  t.same(checkPoint('body', { type: 'custom:grip-strength_2', value: -3, unit: 'kgf' }), { details: [], unit: 'kgf' })
  t.same(fields({ type: 'custom:grip', value: 3 }), ['body/points/7/unit'])
  t.same(fields({ type: 'custom:grip', value: 3, unit: '' }), ['body/points/7/unit'])
  t.same(fields({ type: 'custom:grip', value: 3, unit: 'x', diastolic: 2 }), ['body/points/7/diastolic'])
  for (const type of ['custom:', 'custom:Grip', 'custom:-grip', `custom:${'a'.repeat(49)}`, 'Body_weight', 'body_weight ', 'custom :grip', 'constructor', '__proto__', 'toString']) {
    t.same(fields({ type, value: 3, unit: 'x' }), ['body/points/7/type'], JSON.stringify(type))
  }
  t.same(fields({ type: `custom:${'a'.repeat(48)}`, value: 3, unit: 'x' }), [], 'a 48-character slug')
})

t.test('lastOfEachKey: the last point of a key wins; instants compare, not strings', async (t) => {
  const at = (iso: string) => new Date(iso)
  const { points, merged } = lastOfEachKey([
    { type: 'hrv', source: 'a', measured_at: at('2026-01-01T00:00:00Z'), value: 1 },
    { type: 'hrv', source: 'b', measured_at: at('2026-01-01T00:00:00Z'), value: 2 },
    { type: 'hrv', source: 'a', measured_at: at('2026-01-01T01:00:00+01:00'), value: 3 },
    { type: 'sleep', source: 'a', measured_at: at('2026-01-01T00:00:00Z'), value: 4 }
  ])
  t.equal(merged, 1)
  t.same(points.map((p) => p.value), [2, 3, 4])
})

t.test('seriesRange and seriesBuckets', async (t) => {
  t.same(seriesRange('day', '2026-11-30'), { from: '2026-11-01', to: '2026-11-30' }, '30 days by default')
  t.same(seriesRange('week', '2026-11-30'), { from: '2026-09-14', to: '2026-11-30' }, '12 weeks, the current one included')
  t.same(seriesRange('month', '2026-11-30'), { from: '2025-12-01', to: '2026-11-30' }, '12 months')
  t.same(seriesRange('day', '2026-11-30', '2026-02-04'), { from: '2026-02-04', to: '2026-11-30' }, '300 days')
  t.match(seriesRange('day', '2026-11-30', '2026-02-03'), { field: 'date_from', message: 'must leave at most 300 day buckets up to date_to' }, '301 days')
  t.match(seriesRange('month', '2026-01-01', '2026-02-01', '2026-01-31'), { field: 'date_from', message: 'must be on or before date_to' }, 'from after to')
  t.same(seriesRange('month', '2026-01-01', '2026-01-31', '2026-01-31'), { from: '2026-01-31', to: '2026-01-31' }, 'one day')

  const days = seriesBuckets('day', { from: '2026-10-24', to: '2026-10-26' }, 'Europe/Berlin')
  t.same(days.labels, ['2026-10-24', '2026-10-25', '2026-10-26'])
  t.same(days.boundaries.map((d) => d.toISOString()), ['2026-10-23T22:00:00.000Z', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', '2026-10-26T23:00:00.000Z'], 'Oct 25 has 25 hours')
  const months = seriesBuckets('month', { from: '2026-02-15', to: '2026-04-10' }, 'America/New_York')
  t.same(months.labels, ['2026-02-01', '2026-03-01', '2026-04-01'])
  t.same(months.boundaries.map((d) => d.toISOString()), ['2026-02-15T05:00:00.000Z', '2026-03-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z', '2026-04-11T04:00:00.000Z'])
})
