import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { inParallel, listen } from '../../helpers/http.js'
import { COLLECTIONS, type LogDoc } from '../../../src/modules/documents.js'
import { oid } from '../../../src/lib/mongo.js'
import { createSession, insertExercise } from '../sessions/fixtures.js'

const ROUNDS = 4
const CLIENTS = 40
const SETS_PER_WRITE = 2 // 80 sets per (session, exercise) pair stays under the maximum of 100

// 40 clients bulk-write unnumbered sets of the same two exercises into one session at once (plus
// one single-set create each round): the server-assigned numbers of each pair must be 1..n, once each.
t.test('concurrent bulk writes get distinct, gap-free set numbers', async (t) => {
  // One user sends dozens of bulk writes at once; the test defaults (test/helpers/isolation.ts) lift
  // the per-user limits and turn load shedding off, so only the service's own answers come back.
  const app = await build(t)
  const client = await listen(app)
  const squat = await insertExercise(app, { name: 'Squat' })
  const row = await insertExercise(app, { name: 'Row' })
  const logs = app.mongo.db!.collection<LogDoc>(COLLECTIONS.logs)
  const broken: string[] = []

  for (let round = 0; round < ROUNDS; round++) {
    const user = await createUser(app)
    const send = client(user)
    const session = await createSession(app, user, 'in_progress')
    const set = (exercise: string) => ({ workout_session: session.id, exercise, reps: 5, weight: 50 })
    const answers = await inParallel(CLIENTS + 1, (i) => i === CLIENTS
      ? send('POST', `/api/workout-sessions/${session.id}/logs`, { exercise: squat, reps: 1 })
      : send('POST', '/api/exercise-logs/bulk_create', { logs: Array.from({ length: SETS_PER_WRITE }, () => set(i % 2 === 0 ? squat : row)) }))
    const failed = answers.filter((answer) => answer.status !== 201)

    const problems = failed.length > 0 ? [`${failed.length} writes answered ${failed[0].status}`] : []
    for (const [name, exercise] of [['squat', squat], ['row', row]]) {
      const numbers = (await logs.find({ workout_session_id: oid(session.id), exercise_id: oid(exercise) }).toArray())
        .map((log) => log.set_number).sort((a, b) => a - b)
      const duplicates = numbers.length - new Set(numbers).size
      const expected = Array.from({ length: numbers.length }, (_v, i) => i + 1)
      if (duplicates > 0 || numbers.join() !== expected.join()) problems.push(`${name}: ${duplicates} duplicate numbers of ${numbers.length}, highest ${numbers.at(-1)}`)
    }
    if (problems.length > 0) broken.push(`round ${round + 1}: ${problems.join('; ')}`)
  }
  t.same(broken, [], `rounds with colliding set numbers: ${broken.length} of ${ROUNDS}`)
})
