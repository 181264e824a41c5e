import { ObjectId, type Db, type Filter } from 'mongodb'
import { COLLECTIONS, type SessionDoc } from '../documents.js'
import type { IndexDeclaration } from '../../lib/mongo-indexes.js'
import type { FeedCursor } from './feed-cursor.js'

export const feedIndexes: IndexDeclaration[] = [
  // user_id ∈ {me, followees}, completed, newest first: one index range per author, merged by end_time.
  { collection: COLLECTIONS.sessions, key: { user_id: 1, status: 1, end_time: -1, _id: -1 }, options: { name: 'feed_user_status_end' } }
]

const DAY_MS = 86_400_000
/** The first time window searched, and how much each retry widens it (see `page`). */
const FIRST_WINDOW_MS = DAY_MS
const WIDEN = 8
const LAST_BOUNDED_WINDOW_MS = 4 * 365 * DAY_MS

/**
 * The completed sessions a viewer's feed shows: their own (any visibility) and their followees'
 * with visibility followers or public (older sessions without the field are private). Newest
 * first by end_time, ties by _id; keyset paging after `cursor`.
 */
export function createFeedRepository (db: Db) {
  const sessions = db.collection<SessionDoc>(COLLECTIONS.sessions)

  /**
   * Up to `limit` + 1 sessions (the extra one says whether there is a next page). The query is
   * bounded to a time window ending at the cursor (1 day, then ×8 until 4 years, then unbounded)
   * and widened only when the window holds too few: the answer is the same as one unbounded query,
   * but a store that sorts in memory (the embedded one) reads about one window of sessions
   * instead of every session of 500 authors. MongoDB merges the per-author index ranges either way.
   */
  async function page (viewer: number, followees: readonly number[], cursor: FeedCursor | null, limit: number, now = new Date()): Promise<SessionDoc[]> {
    const audience: Filter<SessionDoc> = {
      user_id: { $in: [viewer, ...followees] },
      status: 'completed',
      $or: [{ user_id: viewer }, { visibility: { $in: ['followers', 'public'] } }]
    }
    const after: Filter<SessionDoc>[] = cursor === null
      ? []
      : [{ $or: [{ end_time: { $lt: cursor.end } }, { end_time: cursor.end, _id: { $lt: new ObjectId(cursor.id) } }] }]
    const anchor = cursor?.end ?? now
    for (let span = FIRST_WINDOW_MS; ; span *= WIDEN) {
      const bounded = span <= LAST_BOUNDED_WINDOW_MS
      const window: Filter<SessionDoc> = { end_time: { ...(bounded ? { $gte: new Date(anchor.getTime() - span) } : { $ne: null }), ...(cursor ? { $lte: cursor.end } : {}) } }
      const docs = await sessions.find({ $and: [audience, window, ...after] }).sort({ end_time: -1, _id: -1 }).limit(limit + 1).toArray()
      if (docs.length > limit || !bounded) return docs
    }
  }

  return { page }
}
