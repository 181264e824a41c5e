import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { inParallel, listen, type HttpAnswer } from '../../helpers/http.js'
import { COLLECTIONS, type ExerciseDoc, type LogDoc, type WorkoutDoc } from '../../../src/modules/documents.js'
import { oid } from '../../../src/lib/mongo.js'
import { createSession, insertExercise } from '../sessions/fixtures.js'

const ROUNDS = 6
const WRITERS = 30

// A custom exercise is deleted while 30 clients create workouts and log sets with it. Either the
// delete is refused (409) and the exercise stays, or it answers 204 and nothing references it.
t.test('deleting an exercise while workouts and sets are written with it leaves no dangling reference', async (t) => {
  // One user sends dozens of bulk writes at once; the test defaults (test/helpers/isolation.ts) lift
  // the per-user limits and turn load shedding off, so only the service's own answers come back.
  const app = await build(t)
  const client = await listen(app)
  const db = app.mongo.db!
  const broken: string[] = []

  for (let round = 0; round < ROUNDS; round++) {
    const user = await createUser(app)
    const send = client(user)
    const exercise = await insertExercise(app, { created_by_user_id: user.id, is_public: false })
    const session = await createSession(app, user, 'in_progress')
    const write = (i: number): Promise<HttpAnswer> => i % 3 === 0
      ? send('POST', '/api/workouts', { name: `W${i}`, exercises: [{ exercise, order: 1 }] })
      : i % 3 === 1
        ? send('POST', `/api/workout-sessions/${session.id}/logs`, { exercise, reps: 5 })
        : send('POST', '/api/exercise-logs/bulk_create', { logs: [{ workout_session: session.id, exercise, reps: 5 }] })
    const at = (round * 7 + 2) % (WRITERS + 1)
    const answers = await inParallel(WRITERS + 1, (i) => i === at ? send('DELETE', `/api/exercises/${exercise}`) : write(i))
    const deleted = answers[at]

    const [stored, workouts, sets] = await Promise.all([
      db.collection<ExerciseDoc>(COLLECTIONS.exercises).countDocuments({ _id: oid(exercise) }),
      db.collection<WorkoutDoc>(COLLECTIONS.workouts).countDocuments({ 'exercises.exercise_id': oid(exercise) }),
      db.collection<LogDoc>(COLLECTIONS.logs).countDocuments({ exercise_id: oid(exercise) })
    ])
    const accepted = answers.filter((answer, i) => i !== at && answer.status === 201).length
    const problems = [
      ![204, 409].includes(deleted.status) ? `delete answered ${deleted.status}` : '',
      deleted.status === 204 && (workouts > 0 || sets > 0) ? `deleted, yet ${workouts} workouts and ${sets} sets reference it` : '',
      deleted.status === 409 && stored !== 1 ? 'refused, yet gone' : '',
      answers.some((answer) => answer.status >= 500) ? 'a 5xx' : '',
      accepted !== workouts + sets ? `${accepted} writes answered 201, ${workouts + sets} stored` : ''
    ].filter(Boolean)
    if (problems.length > 0) broken.push(`round ${round + 1}: ${problems.join('; ')}`)
  }
  t.same(broken, [], `rounds with a dangling reference: ${broken.length} of ${ROUNDS}`)
})
