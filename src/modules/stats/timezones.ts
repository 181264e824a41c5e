import type { Cache } from '../../plugins/cache.js'
import type { StatsRepository } from './repository.js'

/** The cache scope of a user's profile time zone: bumped by every profile write that sets it. */
export const timezoneScope = (userId: number) => `timezone:${userId}`

// Generations make it exact; the TTL only bounds how long an unused entry is kept.
const TTL_SECONDS = 3600

/**
 * The repository with its profile time-zone lookup cached: every stats request needs the zone,
 * and it changes only when the profile is written (auth/profile-routes.ts bumps the scope).
 */
export function withCachedTimezones (repo: StatsRepository, cache: Cache): StatsRepository {
  return {
    ...repo,
    timezoneOf: (userId) => {
      const scope = timezoneScope(userId)
      return cache.remember(scope, { scopes: [scope], ttlSeconds: TTL_SECONDS }, () => repo.timezoneOf(userId))
    }
  }
}
