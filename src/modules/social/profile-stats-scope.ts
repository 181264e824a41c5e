import type { Cache } from '../../plugins/cache.js'

export const profileStatsScope = (userId: number) => `profile-stats:${userId}`

/**
 * Call after a write that changes a user's profile stats: a session completed, a completed session
 * deleted, the profile's time zone changed (local days, so the streak, move with it). Sets of a
 * completed session cannot change, and edits of a completed session (rating, notes) do not touch them.
 */
export async function profileStatsChanged (cache: Cache, userId: number): Promise<void> {
  await cache.bump(profileStatsScope(userId))
}
