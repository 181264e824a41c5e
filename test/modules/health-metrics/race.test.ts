import t from 'tap'
import { build } from '../../helpers/build.js'
import { inParallel, listen } from '../../helpers/http.js'
import { createUser } from '../../helpers/users.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { point, URL } from './fixtures.js'

const ROUNDS = 4
const WRITERS = 30

// Through a listening server, so the writes really overlap (the token is cached first, so nothing
// queues on PostgreSQL): a look-then-insert leaves several points or answers 5xx/409.
t.test('30 identical writes at once leave exactly one point; one of them created it', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const send = (await listen(app))(alice)
  const stored = app.mongo.db!.collection(COLLECTIONS.healthMetrics)
  t.equal((await send('GET', `${URL}/latest`)).status, 200)

  for (let round = 0; round < ROUNDS; round++) {
    const at = new Date(Date.UTC(2026, 0, 1 + round, 7)).toISOString()
    const answers = await inParallel(WRITERS, (i) => send('POST', URL, point({ value: 80 + i / 10, measured_at: at, source: 'Withings Body+' })))
    t.same(answers.map((a) => a.status).sort(), [...Array.from({ length: WRITERS - 1 }, () => 200), 201], `round ${round}: one 201, the others updates`)
    t.equal(new Set(answers.map((a) => a.body.id)).size, 1, 'every answer names the same point')
    t.equal(await stored.countDocuments({ user_id: alice.id, measured_at: new Date(at) }), 1)
  }

  const batch = { points: Array.from({ length: 20 }, (_v, i) => point({ measured_at: new Date(Date.UTC(2026, 2, 1, i)).toISOString(), source: 'Garmin Connect' })) }
  const bulks = await inParallel(20, () => send('POST', `${URL}/bulk`, batch))
  t.ok(bulks.every((a) => a.status === 200 || a.status === 201), 'every import succeeds')
  t.equal(bulks.reduce((sum, a) => sum + a.body.created, 0), 20, 'each point was created by exactly one import')
  t.equal(await stored.countDocuments({ user_id: alice.id, source: 'Garmin Connect' }), 20)
})
