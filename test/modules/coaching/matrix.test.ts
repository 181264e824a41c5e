import { randomBytes } from 'node:crypto'
import t from 'tap'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { buildAuth, PASSWORD } from '../auth/fixtures.js'
import { createSession, insertExercise, insertWorkout, logSet } from '../sessions/fixtures.js'
import { coachingWorld, type CoachingWorld } from './fixtures.js'
import { createPoint, point } from '../health-metrics/fixtures.js'
import { cellStatus, MATRIX, MATRIX_ACTIONS, MATRIX_ROLES, type MatrixAction, type MatrixRole } from '../../../src/modules/coaching/matrix.js'

/** The matrix's objects: a gym, a library exercise, the member's session with one set in it, a health-metric point of theirs, and the trainer's gym program. */
interface World extends CoachingWorld { gym: number, libraryExercise: string, session: string, log: string, metric: string, workout: string, program: string }

async function matrixWorld (app: FastifyInstance): Promise<World> {
  const world = await coachingWorld(app)
  const gym = (await app.pg.query<{ id: number }>('INSERT INTO gyms (name) VALUES ($1) RETURNING id', [`Gym ${randomBytes(4).toString('hex')}`])).rows[0].id
  await app.pg.query('INSERT INTO trainer_profiles (user_id, gym_id) VALUES ($1, $2)', [world.trainer.id, gym])
  const library = { created_by_user_id: null, is_custom: false, is_public: true }
  const [libraryExercise, logged] = [await insertExercise(app, library), await insertExercise(app, library)]
  const session = await createSession(app, world.client, 'in_progress')
  const log = await logSet(app, world.client, session.id, { exercise: logged, reps: 5, weight: 40 })
  const metric = await createPoint(app, world.client)
  const programs = await programWorld(app, world, gym)
  return { ...world, gym, libraryExercise, session: session.id, log: log.id, metric, ...programs }
}

/** The member joins the trainer's gym, and the trainer writes a gym program from a public workout (one every creator may use). */
async function programWorld (app: FastifyInstance, world: CoachingWorld, gym: number) {
  await app.pg.query('INSERT INTO gym_memberships (user_id, gym_id) VALUES ($1, $2)', [world.client.id, gym])
  const workout = await insertWorkout(app, world.trainer.id, { is_public: true })
  const res = await app.inject({ method: 'POST', url: '/api/programs', headers: world.trainer.headers, payload: { name: 'Block', visibility: 'gym', weeks: [{ days: [{ day: 1, workout }] }] } })
  if (res.statusCode !== 201) throw new Error(`program: ${res.statusCode} ${res.body}`)
  return { workout, program: res.json().id as string }
}

const unique = () => randomBytes(4).toString('hex')
type Build = (world: World, role: MatrixRole) => Omit<InjectOptions, 'headers'>

/** What each cell sends; the statuses come from the table in src/modules/coaching/matrix.ts. */
const REQUESTS: Record<string, Record<MatrixAction, Build>> = {
  Gyms: {
    create: () => ({ method: 'POST', url: '/api/gyms', payload: { name: `Gym ${unique()}` } }),
    read: (w) => ({ method: 'GET', url: `/api/gyms/${w.gym}` }),
    update: (w) => ({ method: 'PATCH', url: `/api/gyms/${w.gym}`, payload: { address: 'New street 1' } }),
    delete: (w) => ({ method: 'DELETE', url: `/api/gyms/${w.gym}` })
  },
  Trainers: {
    create: (w) => ({ method: 'POST', url: '/api/trainers', payload: { user_id: w.otherMember.id } }),
    read: (w) => ({ method: 'GET', url: `/api/trainers/${w.trainer.id}` }),
    update: (w) => ({ method: 'PATCH', url: `/api/trainers/${w.trainer.id}`, payload: { bio: 'Edited' } }),
    delete: (w) => ({ method: 'DELETE', url: `/api/trainers/${w.trainer.id}` })
  },
  'Trainees (accounts)': {
    create: () => { const name = `new_${unique()}`; return { method: 'POST', url: '/api/auth/register', payload: { username: name, email: `${name}@example.test`, password: PASSWORD } } },
    read: (w) => ({ method: 'GET', url: `/api/auth/users/${w.client.id}` }),
    update: (w, role) => role === 'member'
      ? { method: 'PATCH', url: '/api/auth/me', payload: { profile: { bio: 'Edited' } } }
      : { method: 'PATCH', url: `/api/auth/users/${w.client.id}`, payload: { is_active: true } },
    delete: (w, role) => role === 'member' ? { method: 'DELETE', url: '/api/auth/me' } : { method: 'DELETE', url: `/api/auth/users/${w.client.id}` }
  },
  Programs: {
    create: (w) => ({ method: 'POST', url: '/api/programs', payload: { name: `Plan ${unique()}`, weeks: [{ days: [{ day: 1, workout: w.workout }] }] } }),
    read: (w) => ({ method: 'GET', url: `/api/programs/${w.program}` }),
    update: (w) => ({ method: 'PATCH', url: `/api/programs/${w.program}`, payload: { description: 'Edited' } }),
    delete: (w) => ({ method: 'DELETE', url: `/api/programs/${w.program}` })
  },
  'Library exercises': {
    create: () => ({ method: 'POST', url: '/api/exercises', payload: { name: `Move ${unique()}`, category: 'strength', difficulty_level: 'beginner', primary_muscles: ['chest'] } }),
    read: (w) => ({ method: 'GET', url: `/api/exercises/${w.libraryExercise}` }),
    update: (w) => ({ method: 'PATCH', url: `/api/exercises/${w.libraryExercise}`, payload: { description: 'Edited' } }),
    delete: (w) => ({ method: 'DELETE', url: `/api/exercises/${w.libraryExercise}` })
  },
  'Workout sessions': {
    create: (w, role) => ({ method: 'POST', url: '/api/workout-sessions', payload: role === 'member' ? {} : { client_id: w.client.id } }),
    read: (w) => ({ method: 'GET', url: `/api/workout-sessions/${w.session}` }),
    update: (w) => ({ method: 'PATCH', url: `/api/workout-sessions/${w.session}`, payload: { notes: 'Edited' } }),
    delete: (w) => ({ method: 'DELETE', url: `/api/workout-sessions/${w.session}` })
  },
  'Health metrics': {
    create: (w, role) => ({ method: 'POST', url: role === 'member' ? '/api/health-metrics' : `/api/health-metrics?user_id=${w.client.id}`, payload: point({ measured_at: new Date().toISOString() }) }),
    read: (w) => ({ method: 'GET', url: `/api/health-metrics/${w.metric}` }),
    update: (w) => ({ method: 'PATCH', url: `/api/health-metrics/${w.metric}`, payload: { value: 81 } }),
    delete: (w) => ({ method: 'DELETE', url: `/api/health-metrics/${w.metric}` })
  },
  'Exercise logs': {
    create: (w) => ({ method: 'POST', url: `/api/workout-sessions/${w.session}/logs`, payload: { exercise: w.libraryExercise, reps: 8 } }),
    read: (w) => ({ method: 'GET', url: `/api/exercise-logs/${w.log}` }),
    update: (w) => ({ method: 'PATCH', url: `/api/exercise-logs/${w.log}`, payload: { reps: 6 } }),
    delete: (w) => ({ method: 'DELETE', url: `/api/exercise-logs/${w.log}` })
  }
}

const USERS: Record<Exclude<MatrixRole, 'anonymous'>, keyof CoachingWorld> = {
  admin: 'admin', trainer: 'trainer', other_trainer: 'otherTrainer', member: 'client', other_member: 'otherMember'
}

t.test('the authorization matrix, cell by cell', async (t) => {
  const app = await buildAuth(t)
  // Most cells leave the objects usable for the next one; those that delete something or promote a
  // member get a world of their own (a wrong 2xx elsewhere still shows: the cells after it fail).
  const shared = await matrixWorld(app)
  const changesWorld = (resource: string, action: MatrixAction, status: number) =>
    status < 300 && (action === 'delete' || (resource === 'Trainers' && action === 'create'))

  for (const { resource, todo, cells } of MATRIX) {
    if (todo || !cells) {
      t.todo(`${resource}: built by the other half of issue 11`, async () => {})
      continue
    }
    t.test(resource, async (t) => {
      for (const action of MATRIX_ACTIONS) {
        for (const role of MATRIX_ROLES) {
          const cell = cells[action][role]
          const world = changesWorld(resource, action, cellStatus(cell)) ? await matrixWorld(app) : shared
          const user = role === 'anonymous' ? null : world[USERS[role]]
          const request = REQUESTS[resource][action](world, role)
          const res = await app.inject({ ...request, headers: user && typeof user === 'object' ? user.headers : {} })
          t.equal(res.statusCode, cellStatus(cell), `${action} as ${role}: ${request.method} ${request.url} → ${res.statusCode} ${res.statusCode >= 400 ? res.json().code : ''}`)
          if (resource === 'Library exercises' && action === 'create' && res.statusCode === 201) {
            t.equal(res.json().is_custom, typeof cell !== 'number', `${role} creates a ${typeof cell === 'number' ? 'library' : 'custom'} exercise`)
          }
        }
      }
    })
  }
})
