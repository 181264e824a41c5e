import t from 'tap'
import { Aggregator } from 'mingo'
import { localDate, offsetSegments } from '../../../src/modules/stats/calendar.js'
import { localDay } from '../../../src/modules/stats/pipelines.js'

// The pipeline's local day must be the pure rule's local day, instant for instant.
const edges = [
  '2026-03-28T22:59:59Z', '2026-03-28T23:00:00Z', '2026-03-29T00:59:00Z', '2026-03-29T01:00:00Z', '2026-03-29T21:59:00Z', '2026-03-29T22:00:00Z',
  '2026-10-24T21:59:00Z', '2026-10-24T22:00:00Z', '2026-10-25T00:59:00Z', '2026-10-25T01:00:00Z', '2026-10-25T22:59:00Z', '2026-10-25T23:00:00Z',
  '2026-03-08T04:59:00Z', '2026-03-08T05:00:00Z', '2026-03-08T07:00:00Z', '2026-03-09T03:59:00Z', '2026-03-09T04:00:00Z',
  '2026-11-01T03:59:00Z', '2026-11-01T04:00:00Z', '2026-11-01T06:00:00Z', '2026-11-02T04:59:00Z', '2026-11-02T05:00:00Z',
  '2026-09-06T03:59:00Z', '2026-09-06T04:00:00Z', '2026-04-05T02:59:00Z', '2026-04-05T03:00:00Z', '2026-04-05T04:00:00Z',
  '2026-01-01T18:29:00Z', '2026-01-01T18:30:00Z', '2026-06-30T23:59:59.999Z', '2026-07-01T00:00:00Z'
].map((iso) => new Date(iso))

for (const zone of ['Europe/Berlin', 'America/New_York', 'America/Santiago', 'Asia/Kolkata', 'UTC', 'Australia/Lord_Howe']) {
  t.test(`localDay expression agrees with localDate in ${zone}`, async (t) => {
    const segments = offsetSegments(zone, new Date('2025-06-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'))
    const random = Array.from({ length: 200 }, (_, i) => new Date(Date.parse('2025-06-01T00:00:00Z') + i * 7_919_000 * 13))
    const docs = [...edges, ...random].map((d) => ({ d }))
    const days = new Aggregator([{ $project: { _id: 0, d: 1, day: localDay('d', segments) } }]).run(docs) as Array<{ d: Date, day: string }>
    for (const { d, day } of days) t.equal(day, localDate(d, zone), `${d.toISOString()} in ${zone}`)
  })
}
