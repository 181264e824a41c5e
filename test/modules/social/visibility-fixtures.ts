import { ObjectId } from 'mongodb'
import type { FastifyInstance } from 'fastify'
import { COLLECTIONS, type SessionDoc, type Visibility } from '../../../src/modules/documents.js'
import type { TestUser } from '../../helpers/users.js'
import { createSession } from '../sessions/fixtures.js'
import { newSessionDoc } from '../../../src/modules/sessions/rules.js'

/**
 * Follows and blocks written straight into PostgreSQL (the follow routes are another module's),
 * and sessions through the API or, for feed volumes, straight into the store.
 */
export async function follow (app: FastifyInstance, follower: TestUser, followee: TestUser, status: 'accepted' | 'pending' = 'accepted') {
  await app.pg.query('INSERT INTO follows (follower_id, followee_id, status) VALUES ($1, $2, $3) ON CONFLICT (follower_id, followee_id) DO UPDATE SET status = $3',
    [follower.id, followee.id, status])
}

export async function unfollow (app: FastifyInstance, follower: TestUser, followee: TestUser) {
  await app.pg.query('DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2', [follower.id, followee.id])
}

export async function block (app: FastifyInstance, blocker: TestUser, blocked: TestUser) {
  await app.pg.query('INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2)', [blocker.id, blocked.id])
}

export async function setDefaultVisibility (app: FastifyInstance, user: TestUser, visibility: Visibility) {
  await app.pg.query('UPDATE users SET default_visibility = $2 WHERE id = $1', [user.id, visibility])
}

/** A completed session through the API. */
export const completedSession = (app: FastifyInstance, user: TestUser, visibility?: Visibility) =>
  createSession(app, user, 'completed', visibility ? { visibility } : {})

/** A completed session written straight into the store (feed volumes, chosen end times). */
/** `visibility` null: stored without the field, as before it existed. */
export async function insertCompleted (app: FastifyInstance, userId: number, end: Date, visibility: Visibility | null = 'followers'): Promise<string> {
  const start = new Date(end.getTime() - 3_600_000)
  const doc: SessionDoc = {
    _id: new ObjectId(),
    ...newSessionDoc({ user_id: userId, workout_id: null, name: 'Inserted', status: 'completed', scheduled_for: null, start_time: start, notes: '', visibility: visibility ?? 'private', now: start }),
    end_time: end,
    actual_duration_minutes: 60,
    total_volume: 1000,
    updated_at: end
  }
  if (visibility === null) delete doc.visibility
  await app.mongo.db!.collection<SessionDoc>(COLLECTIONS.sessions).insertOne(doc)
  return doc._id.toHexString()
}
