/** The measurements of a set; a log must carry at least one of them. */
export const METRICS = ['reps', 'weight', 'duration_seconds', 'distance'] as const
export type Metric = typeof METRICS[number]

export const MISSING_METRIC = `must include at least one of ${METRICS.join(', ')}`

export const hasMetric = (log: Partial<Record<Metric, number | null>>) =>
  METRICS.some((metric) => log[metric] !== undefined && log[metric] !== null)

export const MAX_SET_NUMBER = 100

/** Key of the (session, exercise) pair whose sets are numbered together. */
export const setKey = (sessionId: string, exerciseId: string) => `${sessionId}:${exerciseId}`

/**
 * Set numbers for new logs, in order: an explicit one is kept; a missing one continues the
 * pair's count — sets already stored plus the earlier new ones of the same pair — so a batch of
 * three unnumbered sets after two stored ones becomes 3, 4, 5. Null when it would pass the maximum.
 */
export function assignSetNumbers (
  drafts: ReadonlyArray<{ key: string, set_number?: number }>,
  stored: ReadonlyMap<string, number>
): Array<number | null> {
  const seen = new Map<string, number>()
  return drafts.map(({ key, set_number: explicit }) => {
    const count = (seen.get(key) ?? stored.get(key) ?? 0) + 1
    seen.set(key, count)
    if (explicit !== undefined) return explicit
    return count <= MAX_SET_NUMBER ? count : null
  })
}
