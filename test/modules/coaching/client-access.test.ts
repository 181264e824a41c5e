import t from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { createSession, insertExercise, logSet } from '../sessions/fixtures.js'
import { coachingWorld } from './fixtures.js'

t.test('an active trainer reads and plans a client\'s training, and logs sets for them', async (t) => {
  const app = await build(t)
  const { trainer, otherTrainer, client, otherMember, linkId } = await coachingWorld(app)
  const exercise = await insertExercise(app, { created_by_user_id: null, is_custom: false, is_public: true })
  const completed = await createSession(app, client, 'in_progress')
  await logSet(app, client, completed.id, { exercise, reps: 5, weight: 100 })
  await app.inject({ method: 'POST', url: `/api/workout-sessions/${completed.id}/complete`, headers: client.headers })
  const get = (who: typeof trainer, url: string) => app.inject({ url, headers: who.headers })

  t.test('lists, direct reads and stats with ?user_id=', async (t) => {
    const sessions = await get(trainer, `/api/workout-sessions?user_id=${client.id}`)
    t.equal(sessions.statusCode, 200)
    t.same(sessions.json().results.map((s: { id: string }) => s.id), [completed.id])
    t.equal((await get(trainer, `/api/workout-sessions/${completed.id}`)).statusCode, 200)
    const logs = await get(trainer, `/api/exercise-logs?user_id=${client.id}`)
    t.equal(logs.json().count, 1)
    t.equal((await get(trainer, `/api/exercise-logs/${logs.json().results[0].id}`)).statusCode, 200)
    t.equal((await get(trainer, `/api/workout-sessions/${completed.id}/logs`)).json().count, 1)
    const summary = await get(trainer, `/api/stats/summary?user_id=${client.id}`)
    t.equal(summary.statusCode, 200)
    t.equal(summary.json().completed_sessions, 1)
    t.equal((await get(trainer, `/api/stats/records?user_id=${client.id}`)).json().results.length, 1)
    t.equal((await get(trainer, `/api/stats/progress?user_id=${client.id}`)).statusCode, 200)
    t.equal((await get(trainer, `/api/stats/muscle-groups?user_id=${client.id}`)).statusCode, 200)
    t.equal((await get(trainer, `/api/stats/exercises/${exercise}/progress?user_id=${client.id}`)).statusCode, 200)
    const history = await get(trainer, `/api/exercises/${exercise}/history?user_id=${client.id}`)
    t.equal(history.statusCode, 200)
    t.equal(history.json().count, 1, 'the client\'s sets of the exercise')
    t.equal((await get(trainer, `/api/exercises/${exercise}/history`)).json().count, 0, 'without user_id, the trainer\'s own')
    t.equal((await get(client, `/api/workout-sessions?user_id=${client.id}`)).json().count, 1, 'your own id is yourself')
    t.equal((await get(trainer, '/api/workout-sessions')).json().count, 0, 'without user_id, the trainer\'s own')
  })

  t.test('the history of a client\'s private exercise, through the client only', async (t) => {
    const own = await insertExercise(app, { created_by_user_id: client.id, is_custom: true, is_public: false })
    const session = await createSession(app, client, 'in_progress')
    await logSet(app, client, session.id, { exercise: own, reps: 3, weight: 20 })
    t.equal((await get(trainer, `/api/exercises/${own}/history?user_id=${client.id}`)).json().count, 1)
    t.equal((await get(trainer, `/api/exercises/${own}/history`)).statusCode, 404, 'not as the trainer\'s own')
  })

  t.test('nobody else gets in: 404, never a hint', async (t) => {
    for (const who of [otherTrainer, otherMember]) {
      for (const url of [`/api/workout-sessions?user_id=${client.id}`, `/api/exercise-logs?user_id=${client.id}`, `/api/stats/summary?user_id=${client.id}`, `/api/workout-sessions/${completed.id}`, `/api/exercises/${exercise}/history?user_id=${client.id}`]) {
        t.equal((await get(who, url)).statusCode, 404, `${who === otherTrainer ? 'another trainer' : 'another member'}: ${url}`)
      }
    }
    t.equal((await get(client, `/api/workout-sessions?user_id=${trainer.id}`)).statusCode, 404, 'a client does not read their trainer\'s data')
  })

  t.test('plans a session for the client and logs sets into it, recorded as entered by the trainer', async (t) => {
    const planned = await app.inject({ method: 'POST', url: '/api/workout-sessions', headers: trainer.headers, payload: { name: 'Leg day', client_id: client.id } })
    t.equal(planned.statusCode, 201)
    const id = planned.json().id
    t.equal((await get(client, `/api/workout-sessions/${id}`)).json().name, 'Leg day', 'the client owns it')
    const nested = await app.inject({ method: 'POST', url: `/api/workout-sessions/${id}/logs`, headers: trainer.headers, payload: { exercise, reps: 8, weight: 60 } })
    t.equal(nested.statusCode, 201)
    t.equal(nested.json().entered_by_user_id, trainer.id)
    const flat = await app.inject({ method: 'POST', url: '/api/exercise-logs', headers: trainer.headers, payload: { workout_session: id, exercise, reps: 8, weight: 62.5 } })
    t.equal(flat.statusCode, 201)
    const bulk = await app.inject({ method: 'POST', url: '/api/exercise-logs/bulk_create', headers: trainer.headers, payload: { logs: [{ workout_session: id, exercise, reps: 6, weight: 65 }] } })
    t.equal(bulk.statusCode, 201)
    const stored = await app.mongo.db!.collection(COLLECTIONS.logs).find({ workout_session_id: new ObjectId(id) }).toArray()
    t.same(stored.map((doc) => [doc.user_id, doc.entered_by_user_id]), [[client.id, trainer.id], [client.id, trainer.id], [client.id, trainer.id]])
    const own = await app.inject({ method: 'POST', url: `/api/workout-sessions/${id}/logs`, headers: client.headers, payload: { exercise, reps: 8 } })
    t.equal(own.json().entered_by_user_id, client.id)
    const patch = await app.inject({ method: 'PATCH', url: `/api/exercise-logs/${flat.json().id}`, headers: trainer.headers, payload: { reps: 9 } })
    t.equal(patch.json().reps, 9)
    const stranger = await app.inject({ method: 'POST', url: '/api/workout-sessions', headers: otherTrainer.headers, payload: { client_id: client.id } })
    t.equal(stranger.statusCode, 404, 'not for someone else\'s client')
    const intoForeign = await app.inject({ method: 'POST', url: '/api/exercise-logs', headers: otherTrainer.headers, payload: { workout_session: id, exercise, reps: 1 } })
    t.same(intoForeign.json().details, [{ field: 'body/workout_session', message: 'does not exist' }])
  })

  t.test('a trainer whose role an admin changed loses access even before the link ends', async (t) => {
    const { admin } = await coachingWorld(app)
    t.equal((await get(trainer, `/api/workout-sessions/${completed.id}`)).statusCode, 200)
    await app.inject({ method: 'PATCH', url: `/api/auth/users/${trainer.id}`, headers: admin.headers, payload: { role: 'member' } })
    t.equal((await get(trainer, `/api/workout-sessions/${completed.id}`)).statusCode, 404)
    await app.inject({ method: 'PATCH', url: `/api/auth/users/${trainer.id}`, headers: admin.headers, payload: { role: 'trainer' } })
    t.equal((await get(trainer, `/api/workout-sessions/${completed.id}`)).statusCode, 200, 'the link itself was left alone')
  })

  t.test('access ends with the link', async (t) => {
    await app.inject({ method: 'POST', url: `/api/coaching/links/${linkId}/end`, headers: client.headers })
    t.equal((await get(trainer, `/api/workout-sessions?user_id=${client.id}`)).statusCode, 404)
    t.equal((await get(trainer, `/api/workout-sessions/${completed.id}`)).statusCode, 404)
    t.equal((await get(trainer, `/api/stats/summary?user_id=${client.id}`)).statusCode, 404)
  })
})
