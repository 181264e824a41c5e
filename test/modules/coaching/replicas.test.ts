import t from 'tap'
import { build, buildReplica } from '../../helpers/build.js'
import { createSession, insertExercise } from '../sessions/fixtures.js'
import { activeLink, coachingWorld } from './fixtures.js'

t.test('a trainer loses access the moment the link ends, on every replica', async (t) => {
  const a = await build(t)
  // B shares nothing with A but the databases: whatever B keeps in process, access must not outlive the link.
  const b = await buildReplica(t, a)
  const { admin, trainer, client, linkId } = await coachingWorld(a)
  const exercise = await insertExercise(a, { created_by_user_id: null, is_custom: false, is_public: true })
  const session = await createSession(a, client, 'in_progress')
  const reads = [`/api/workout-sessions/${session.id}`, `/api/workout-sessions?user_id=${client.id}`, `/api/exercise-logs?user_id=${client.id}`, `/api/stats/summary?user_id=${client.id}`, `/api/auth/users/${client.id}`]
  const onB = (url: string) => b.inject({ url, headers: trainer.headers })

  for (const url of reads) t.equal((await onB(url)).statusCode, 200, `before: ${url} on replica B`)
  t.equal((await b.inject({ method: 'POST', url: `/api/workout-sessions/${session.id}/logs`, headers: trainer.headers, payload: { exercise, reps: 5 } })).statusCode, 201)

  t.equal((await a.inject({ method: 'POST', url: `/api/coaching/links/${linkId}/end`, headers: client.headers })).statusCode, 200, 'ended on replica A')
  for (const url of reads) t.equal((await onB(url)).statusCode, 404, `at once: ${url} on replica B`)
  t.equal((await b.inject({ method: 'POST', url: `/api/workout-sessions/${session.id}/logs`, headers: trainer.headers, payload: { exercise, reps: 5 } })).statusCode, 404, 'no more sets logged on B')

  t.test('a demotion on A ends access on B as well', async (t) => {
    await activeLink(a, trainer.id, client.id)
    t.equal((await onB(`/api/workout-sessions/${session.id}`)).statusCode, 200)
    t.equal((await a.inject({ method: 'DELETE', url: `/api/trainers/${trainer.id}`, headers: admin.headers })).statusCode, 204)
    t.equal((await onB(`/api/workout-sessions/${session.id}`)).statusCode, 404)
  })
})
