import { emptySnapshot, mergeSnapshots, type Snapshot } from './snapshot.js'
import type { StatsRepository } from './repository.js'

/**
 * Data completed less than this long ago is counted in answers but not yet written to the cache:
 * a session and the copy of its end time into its logs are two writes, and the cache must never
 * move its watermark past one half of them.
 */
export const SETTLE_MS = 60_000

export interface CurrentStats { snapshot: Snapshot, totalSessions: number }

/**
 * The user's snapshot of everything completed: the cached one plus an aggregation over what
 * completed after its watermark (usually nothing, always an indexed range). Completed data never
 * changes, so merging is exact. The cache is rebuilt from scratch when missing, kept in another
 * zone, or when its count of completed sessions disagrees with the database (a session deleted,
 * or completed with an end time before the watermark).
 */
export async function currentStats (repo: StatsRepository, userId: number, timezone: string, now = new Date()): Promise<CurrentStats> {
  const [cached, counts] = await Promise.all([repo.readCache(userId), repo.countSessions(userId)])
  const usable = cached !== null && cached.timezone === timezone ? cached : null
  const base = usable ?? emptySnapshot()
  let fresh = await repo.snapshot(userId, usable === null ? {} : { after: usable.watermark }, timezone)
  let snapshot = mergeSnapshots(base, fresh.snapshot)
  let rebuilt = usable === null
  if (snapshot.totals.completed !== counts.completed && usable !== null) {
    fresh = await repo.snapshot(userId, {}, timezone)
    snapshot = fresh.snapshot
    rebuilt = true
  }
  const cutoff = new Date(now.getTime() - SETTLE_MS)
  const settled = fresh.latest === null || fresh.latest <= cutoff
  const changed = rebuilt || fresh.latest !== null
  if (changed && settled) {
    await repo.writeCache({ user_id: userId, timezone, watermark: cutoff, updated_at: now, ...snapshot })
  }
  return { snapshot, totalSessions: counts.total }
}
