import type { Cache } from '../../plugins/cache.js'

/**
 * Call when users start or stop following someone (follow, accept, unfollow, block): their feeds
 * change. `feed:<userId>` is the feed's cache scope (see the feed module); bumping an unused scope costs nothing.
 */
export async function followsChanged (cache: Cache, followerIds: readonly number[]): Promise<void> {
  await cache.bump(...new Set(followerIds.map((id) => `feed:${id}`)))
}
