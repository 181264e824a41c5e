/**
 * Optimistic concurrency over `updated_at` (docs/idempotency-and-etags.md). Every write of an object
 * sets `updated_at` strictly later than the version its handler read, so each version has its own
 * stamp even within one millisecond; a write under If-Match also filters on the stamp the check saw,
 * so the check and the write are one atomic operation (the database answers "no match" when another
 * write got there first).
 */
export interface WriteVersion {
  /** `updated_at` (ISO) the write must still find: set when If-Match was checked. */
  expected?: string
  /** `updated_at` (ISO) of the object as the handler read it. */
  read?: string
}

/** The filter part for Mongo: `{ updated_at: <expected> }`, or nothing when the write is unconditional. */
export const stillAt = ({ expected }: WriteVersion): { updated_at?: Date } =>
  expected === undefined ? {} : { updated_at: new Date(expected) }

/** The new `updated_at`: now, but at least one millisecond after the version read. */
export const nextUpdatedAt = ({ expected, read }: WriteVersion): Date => {
  const previous = expected ?? read
  return new Date(Math.max(Date.now(), previous === undefined ? 0 : Date.parse(previous) + 1))
}

/**
 * The same for PostgreSQL, in the statement itself: `timestamptz` keeps microseconds but the API's
 * ISO stamps keep milliseconds, so rows are compared and stamped at millisecond precision.
 * `$n` is the parameter holding the expected stamp (or null for an unconditional write).
 */
export const sqlStillAt = (column: string, n: number) =>
  `($${n}::timestamptz IS NULL OR date_trunc('milliseconds', ${column}) = $${n}::timestamptz)`
export const sqlNextUpdatedAt = (column: string) =>
  `greatest(date_trunc('milliseconds', now()), date_trunc('milliseconds', ${column}) + interval '1 millisecond')`
