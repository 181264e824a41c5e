import { ObjectId, type Db } from 'mongodb'
import { COLLECTIONS, type CommentDoc, type NotificationDoc } from '../documents.js'
import { oid } from '../../lib/mongo.js'
import type { IndexDeclaration } from '../../lib/mongo-indexes.js'
import { pageWindow } from '../../lib/pagination.js'
import type { PageQueryType } from '../../schemas/common.js'
import type { ReactionRepository } from './reactions-repository.js'
import type { Target } from './reactions-target.js'
import { nextUpdatedAt, stillAt, type WriteVersion } from '../../lib/versioned-write.js'

export const commentIndexes: IndexDeclaration[] = [
  { collection: COLLECTIONS.comments, key: { object_id: 1, created_at: 1, _id: 1 }, options: { name: 'object_created' } },
  { collection: COLLECTIONS.comments, key: { user_id: 1 }, options: { name: 'user_1' } },
  { collection: COLLECTIONS.comments, key: { owner_id: 1 }, options: { name: 'owner_1' } }
]

/** Comments; their object's `comment_count` moves with each insert and delete (reactions-repository.ts). */
export function createCommentRepository (db: Db, reactions: ReactionRepository) {
  const comments = db.collection<CommentDoc>(COLLECTIONS.comments)
  const notifications = db.collection<NotificationDoc>(COLLECTIONS.notifications)

  return {
    /** The new comment, or null when the object vanished meanwhile (the comment is then taken back). */
    async add (target: Target, authorId: number, text: string): Promise<CommentDoc | null> {
      const now = new Date()
      const doc: CommentDoc = { _id: new ObjectId(), object_kind: target.kind, object_id: oid(target.id), owner_id: target.owner, user_id: authorId, text, created_at: now, updated_at: now }
      await comments.insertOne(doc)
      if (await reactions.count(target.kind, doc.object_id, 'comment_count', 1)) return doc
      await comments.deleteOne({ _id: doc._id })
      return null
    },

    /** Oldest first, as a conversation reads. */
    async list (target: Target, query: PageQueryType) {
      const window = pageWindow(query)
      const filter = { object_id: oid(target.id) }
      const [count, docs] = await Promise.all([
        comments.countDocuments(filter),
        comments.find(filter).sort({ created_at: 1, _id: 1 }).skip(window.skip).limit(window.pageSize).toArray()
      ])
      return { window, count, docs }
    },

    findById: async (id: string): Promise<CommentDoc | null> => await comments.findOne({ _id: oid(id) }),

    /** The edited comment; null when it is gone or (under If-Match) at another version. */
    async edit (id: ObjectId, text: string, version: WriteVersion = {}): Promise<CommentDoc | null> {
      return await comments.findOneAndUpdate({ _id: id, ...stillAt(version) }, { $set: { text, updated_at: nextUpdatedAt(version) } }, { returnDocument: 'after' })
    },

    /**
     * Deletes it (once: a concurrent second delete does not move the count again) and its notification.
     * Under If-Match only while it is still that version: false when nothing was deleted.
     */
    async remove (comment: CommentDoc, version: WriteVersion = {}): Promise<boolean> {
      const deleted = (await comments.deleteOne({ _id: comment._id, ...stillAt(version) })).deletedCount === 1
      if (deleted) await reactions.count(comment.object_kind, comment.object_id, 'comment_count', -1)
      if (deleted || version.expected === undefined) await notifications.deleteMany({ comment_id: comment._id })
      return deleted
    }
  }
}

export type CommentRepository = ReturnType<typeof createCommentRepository>
