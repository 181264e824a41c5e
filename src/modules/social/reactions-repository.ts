import { ObjectId, type Db } from 'mongodb'
import { COLLECTIONS, type CommentDoc, type LikeDoc } from '../documents.js'
import { isDuplicateKey, oid } from '../../lib/mongo.js'
import type { IndexDeclaration } from '../../lib/mongo-indexes.js'
import { objectCollection, type Target } from './reactions-target.js'

export const likeIndexes: IndexDeclaration[] = [
  // One like per user and object: the index, not a read-then-write, makes a second like a no-op.
  { collection: COLLECTIONS.likes, key: { object_id: 1, user_id: 1 }, options: { name: 'object_user_unique', unique: true } },
  { collection: COLLECTIONS.likes, key: { user_id: 1 }, options: { name: 'user_1' } },
  { collection: COLLECTIONS.likes, key: { owner_id: 1 }, options: { name: 'owner_1' } }
]

type Counter = 'like_count' | 'comment_count'

/**
 * Likes, and the counts every reaction keeps on its object. A count moves by one, atomically, only
 * after the like or comment document was really inserted or deleted, so concurrent likes, unlikes
 * and retries leave it exact. An object deleted meanwhile is detected by the count update matching
 * nothing; the reaction then removes itself.
 */
export function createReactionRepository (db: Db) {
  const likes = db.collection<LikeDoc>(COLLECTIONS.likes)
  const comments = db.collection<CommentDoc>(COLLECTIONS.comments)

  /** Moves the object's counter; false when the object is gone. */
  async function count (kind: Target['kind'], objectId: ObjectId, counter: Counter, by: 1 | -1): Promise<boolean> {
    const { matchedCount } = await db.collection(objectCollection(kind)).updateOne({ _id: objectId }, { $inc: { [counter]: by } })
    return matchedCount === 1
  }

  async function likeCount (target: Target): Promise<number> {
    const doc = await db.collection<{ like_count?: number }>(objectCollection(target.kind)).findOne({ _id: oid(target.id) }, { projection: { like_count: 1 } })
    return doc?.like_count ?? 0
  }

  return {
    count,
    likeCount,

    /** Likes the object once; `created` is false when the user had liked it already, null when the object vanished meanwhile. */
    async like (target: Target, userId: number): Promise<boolean | null> {
      const _id = new ObjectId()
      const objectId = oid(target.id)
      try {
        await likes.insertOne({ _id, object_kind: target.kind, object_id: objectId, owner_id: target.owner, user_id: userId, created_at: new Date() })
      } catch (error) {
        if (isDuplicateKey(error)) return false
        throw error
      }
      if (await count(target.kind, objectId, 'like_count', 1)) return true
      await likes.deleteOne({ _id })
      return null
    },

    /** Removes the user's like; false when there was none. */
    async unlike (target: Target, userId: number): Promise<boolean> {
      const objectId = oid(target.id)
      const removed = await likes.findOneAndDelete({ object_id: objectId, user_id: userId })
      if (!removed) return false
      await count(target.kind, objectId, 'like_count', -1)
      return true
    },

    /** Which of these objects the user likes. */
    async likedBy (userId: number, objectIds: readonly ObjectId[]): Promise<Set<string>> {
      if (objectIds.length === 0) return new Set()
      const found = await likes.find({ object_id: { $in: [...objectIds] }, user_id: userId }, { projection: { object_id: 1 } }).toArray()
      return new Set(found.map((like) => like.object_id.toHexString()))
    },

    /**
     * Account deletion: the user's likes and comments on others' objects, each taken back one by one
     * so the counts stay exact (idempotent: a retry finds only what is left); everything on the
     * user's own objects (those go with the sessions and workouts modules). Notifications: notification-routes.ts.
     */
    async forgetUser (userId: number): Promise<Set<number>> {
      /** Owners of sessions whose counts moved: their feed pages are stale. */
      const touched = new Set<number>()
      for (const like of await likes.find({ user_id: userId }).toArray()) {
        if ((await likes.deleteOne({ _id: like._id })).deletedCount === 1) await count(like.object_kind, like.object_id, 'like_count', -1)
        if (like.object_kind === 'session') touched.add(like.owner_id)
      }
      for (const comment of await comments.find({ user_id: userId }).toArray()) {
        if ((await comments.deleteOne({ _id: comment._id })).deletedCount === 1) await count(comment.object_kind, comment.object_id, 'comment_count', -1)
        if (comment.object_kind === 'session') touched.add(comment.owner_id)
      }
      await likes.deleteMany({ owner_id: userId })
      await comments.deleteMany({ owner_id: userId })
      return touched
    }
  }
}

export type ReactionRepository = ReturnType<typeof createReactionRepository>
