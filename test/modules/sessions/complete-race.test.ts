import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { inParallel, listen } from '../../helpers/http.js'
import { COLLECTIONS, type LogDoc } from '../../../src/modules/documents.js'
import { oid } from '../../../src/lib/mongo.js'
import { createSession, insertExercise } from './fixtures.js'

const ROUNDS = 6
const WRITERS = 30
const SETS_PER_WRITE = 3

// A session completing while 30 clients bulk-write into it: afterwards its totals must equal the
// sets stored for it, every stored set must be sealed (stats count only sealed ones), and every
// write that answered 201 must be among them.
t.test('complete racing bulk_create: the totals equal the stored, sealed sets', async (t) => {
  // One user sends dozens of bulk writes at once; the test defaults (test/helpers/isolation.ts) lift
  // the per-user limits and turn load shedding off, so only the service's own answers come back.
  const app = await build(t)
  const client = await listen(app)
  const exercise = await insertExercise(app, { name: 'Bench press' })
  const logs = app.mongo.db!.collection<LogDoc>(COLLECTIONS.logs)
  const broken: string[] = []

  for (let round = 0; round < ROUNDS; round++) {
    const user = await createUser(app)
    const send = client(user)
    const session = await createSession(app, user, 'in_progress')
    const sets = (i: number) => Array.from({ length: SETS_PER_WRITE }, (_v, k) => ({
      workout_session: session.id, exercise, reps: 5 + k, weight: 20 + i, is_warmup: k === 0 && i % 5 === 0
    }))
    // A first wave of writers goes out; once some of them have answered (others are then mid-write),
    // the complete request goes out together with a second wave.
    const trigger = 1 + (round % 4)
    let answered = 0
    let fire = () => {}
    const fired = new Promise<void>((resolve) => { fire = resolve })
    const write = async (i: number) => {
      const answer = await send('POST', '/api/exercise-logs/bulk_create', { logs: sets(i) })
      if (++answered === trigger) fire()
      return answer
    }
    const firstWave = inParallel(WRITERS / 2, write)
    const completing = fired.then(() => send('POST', `/api/workout-sessions/${session.id}/complete`))
    const secondWave = fired.then(() => inParallel(WRITERS / 2, (i) => write(WRITERS / 2 + i)))
    const writes = [...await firstWave, ...await secondWave]
    const complete = await completing
    const answers = [...writes, complete]
    const unexpected = answers.filter((a) => ![200, 201, 409].includes(a.status))
    if (complete.status === 409) t.equal(complete.body.code, 'SESSION_BUSY', 'complete may only give up while writers hold the session')
    if (complete.status !== 200) t.equal((await send('POST', `/api/workout-sessions/${session.id}/complete`)).status, 200)

    const stored = await logs.find({ workout_session_id: oid(session.id) }).toArray()
    const working = stored.filter((log) => !log.is_warmup)
    const expected = {
      total_sets: working.length,
      total_reps: working.reduce((sum, log) => sum + (log.reps ?? 0), 0),
      total_volume: working.reduce((sum, log) => sum + (log.reps ?? 0) * (log.weight ?? 0), 0)
    }
    const final = (await send('GET', `/api/workout-sessions/${session.id}`)).body
    const summary = (await send('GET', '/api/stats/summary')).body
    const accepted = writes.filter((a) => a.status === 201).length * SETS_PER_WRITE
    const problems = [
      unexpected.length > 0 ? `${unexpected.length} answers outside 200/201/409 (${unexpected[0].status})` : '',
      final.total_sets !== expected.total_sets || final.total_reps !== expected.total_reps || final.total_volume !== expected.total_volume
        ? `session totals ${final.total_sets}/${final.total_reps}/${final.total_volume} vs stored ${expected.total_sets}/${expected.total_reps}/${expected.total_volume}`
        : '',
      stored.some((log) => log.session_completed_at === null) ? `${stored.filter((log) => log.session_completed_at === null).length} stored sets unsealed` : '',
      summary.total_sets !== expected.total_sets ? `stats count ${summary.total_sets} sets, ${expected.total_sets} stored` : '',
      accepted !== stored.length ? `${accepted} sets answered 201, ${stored.length} stored` : ''
    ].filter(Boolean)
    if (problems.length > 0) broken.push(`round ${round + 1}: ${problems.join('; ')}`)
  }
  t.same(broken, [], `rounds with broken invariants: ${broken.length} of ${ROUNDS}`)
})
