import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { createUser, type TestUser } from '../../helpers/users.js'
import { coachingWorld, type CoachingWorld } from '../coaching/fixtures.js'
import { insertWorkout } from '../sessions/fixtures.js'

/**
 * The coaching roles plus a gym: the trainer coaches in it (trainer_profiles.gym_id), the client
 * is a member of it; `gymMate` is another member of the same gym, the others belong to none.
 * `workout` is the trainer's own, `publicWorkout` another user's public one.
 */
export interface ProgramWorld extends CoachingWorld { gym: number, gymMate: TestUser, workout: string, publicWorkout: string }

export async function programWorld (app: FastifyInstance): Promise<ProgramWorld> {
  const world = await coachingWorld(app)
  const gymMate = await createUser(app)
  const gym = (await app.pg.query<{ id: number }>('INSERT INTO gyms (name) VALUES ($1) RETURNING id', [`Gym ${randomBytes(4).toString('hex')}`])).rows[0].id
  await app.pg.query('INSERT INTO trainer_profiles (user_id, gym_id) VALUES ($1, $2)', [world.trainer.id, gym])
  await app.pg.query('INSERT INTO gym_memberships (user_id, gym_id) VALUES ($1, $2), ($3, $2)', [world.client.id, gym, gymMate.id])
  const workout = await insertWorkout(app, world.trainer.id, { name: 'Trainer push' })
  const publicWorkout = await insertWorkout(app, world.otherMember.id, { name: 'Shared pull', is_public: true })
  return { ...world, gym, gymMate, workout, publicWorkout }
}

export type Json = Record<string, unknown>

/** Three training days in week 1 and one in week 2: four sessions. */
export const twoWeeks = (workout: string, other = workout) => [
  { days: [{ day: 1, workout, notes: 'Easy' }, { day: 3, workout: other }, { day: 5, workout }] },
  { days: [{ day: 2, workout: other }] }
]

export async function createProgram (app: FastifyInstance, owner: TestUser, body: Json): Promise<Json & { id: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/programs', headers: owner.headers, payload: { name: 'Block A', ...body } })
  if (res.statusCode !== 201) throw new Error(`create program: ${res.statusCode} ${res.body}`)
  return res.json()
}
