import { emptySnapshot, mergeSnapshots, type Snapshot } from './snapshot.js'
import type { StatsRepository } from './repository.js'

/**
 * Data completed less than this long ago is counted in answers but not yet written to the cache:
 * a session and the copy of its end time into its logs are two writes, and the cache must never
 * move its watermark past one half of them.
 */
export const SETTLE_MS = 60_000

export interface CurrentStats { snapshot: Snapshot, totalSessions: number, timezone: string }
interface Options { now?: Date, without?: Parameters<StatsRepository['readCache']>[1] }

/**
 * The user's snapshot of everything completed: the cached one plus an aggregation over what
 * completed after its watermark (usually nothing, always an indexed range). Completed data never
 * changes, so merging is exact. The cache is rebuilt from scratch when missing (whoever deletes a
 * completed session deletes the entry) or kept for another zone. Counting the completed sessions
 * to cross-check would read every one of them on each request, so the contract is trusted: a
 * session completes with end_time = now, which is always after the watermark.
 */
export async function currentStats (repo: StatsRepository, userId: number, options: Options = {}): Promise<CurrentStats> {
  const now = options.now ?? new Date()
  const [timezone, cached, open] = await Promise.all([repo.timezoneOf(userId), repo.readCache(userId, options.without), repo.countOpenSessions(userId)])
  const usable = cached !== null && cached.timezone === timezone ? cached : null
  if (usable !== null && !await repo.completedAfter(userId, usable.watermark)) {
    return { snapshot: usable, totalSessions: usable.totals.completed + open, timezone }
  }
  // A partial read must not be written back: read everything when something changed.
  const base = usable !== null && options.without !== undefined ? await repo.readCache(userId) : usable
  const fresh = await repo.snapshot(userId, base === null ? {} : { after: base.watermark }, timezone)
  const snapshot = mergeSnapshots(base ?? emptySnapshot(), fresh.snapshot)
  const cutoff = new Date(now.getTime() - SETTLE_MS)
  const settled = fresh.latest === null || fresh.latest <= cutoff
  if ((base === null || fresh.latest !== null) && settled) {
    await repo.writeCache({ user_id: userId, timezone, watermark: cutoff, updated_at: now, ...snapshot })
  }
  return { snapshot, totalSessions: snapshot.totals.completed + open, timezone }
}
