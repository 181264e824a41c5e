import type { Cache } from '../../plugins/cache.js'

/** The cache scope of everything derived from a user's sessions: the stats summary and the profile stats. */
export const statsScope = (userId: number) => `stats:${userId}`

/**
 * Call after every write that changes what a user's sessions add up to: a session created (also
 * planned by a program assignment) or deleted (also when an assignment ends, or with the account),
 * a session completed (after its sets are sealed), the profile's time zone changed (local days, so
 * the streaks, move with it). No call is needed for set writes (refused once their session is
 * completed; only completed sessions and their sets are counted), for starting or cancelling (an
 * open session is counted the same in every state but completed), nor for a session's rating,
 * notes or calories (in no stat).
 */
export async function statsChanged (cache: Cache, userId: number): Promise<void> {
  await cache.bump(statsScope(userId))
}
