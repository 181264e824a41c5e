import t from 'tap'
import { dateRange } from '../../src/lib/date-range.js'
import { FieldError } from '../../src/errors.js'

t.test('a day includes all of it, an instant is exact, both inclusive', async (t) => {
  t.equal(dateRange(undefined, undefined), undefined)
  t.same(dateRange('2026-11-22', '2026-11-22'), { $gte: new Date('2026-11-22T00:00:00Z'), $lt: new Date('2026-11-23T00:00:00Z') })
  t.same(dateRange('2026-11-22T10:00:00+02:00', '2026-11-22T12:00:00Z'), { $gte: new Date('2026-11-22T08:00:00Z'), $lte: new Date('2026-11-22T12:00:00Z') })
  t.same(dateRange(undefined, '2026-11-22T12:00:00Z'), { $lte: new Date('2026-11-22T12:00:00Z') })
})

t.test('an empty range is a 400 on date_to', async (t) => {
  t.throws(() => dateRange('2026-11-23', '2026-11-22'), new FieldError('querystring/date_to', 'must not be before date_from'))
  t.throws(() => dateRange('2026-11-22T12:00:01Z', '2026-11-22T12:00:00Z'), new FieldError('querystring/date_to', 'must not be before date_from'))
  t.same(dateRange('2026-11-22T12:00:00Z', '2026-11-22T12:00:00Z'), { $gte: new Date('2026-11-22T12:00:00Z'), $lte: new Date('2026-11-22T12:00:00Z') })
})
