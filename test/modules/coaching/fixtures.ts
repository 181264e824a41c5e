import type { FastifyInstance } from 'fastify'
import { createUser, type TestUser } from '../../helpers/users.js'

export interface CoachingWorld {
  admin: TestUser
  /** The client's active trainer. */
  trainer: TestUser
  otherTrainer: TestUser
  /** The member whose data is at stake. */
  client: TestUser
  otherMember: TestUser
  linkId: number
}

/** An active link written straight into Postgres (the link routes have their own tests). */
export async function activeLink (app: FastifyInstance, trainerId: number, clientId: number): Promise<number> {
  const { rows } = await app.pg.query<{ id: number }>(
    "INSERT INTO coaching_links (trainer_id, client_id, initiated_by, status, responded_at) VALUES ($1, $2, 'trainer', 'active', now()) RETURNING id",
    [trainerId, clientId])
  return rows[0].id
}

/** Every role of the authorization matrix: an admin, a client with an active trainer, another trainer, another member. */
export async function coachingWorld (app: FastifyInstance): Promise<CoachingWorld> {
  const admin = await createUser(app, { role: 'admin' })
  const trainer = await createUser(app, { role: 'trainer' })
  const otherTrainer = await createUser(app, { role: 'trainer' })
  const client = await createUser(app)
  const otherMember = await createUser(app)
  const linkId = await activeLink(app, trainer.id, client.id)
  return { admin, trainer, otherTrainer, client, otherMember, linkId }
}
