import type { Db, ObjectId } from 'mongodb'
import { COLLECTIONS, type CommentDoc, type LikeDoc, type NotificationDoc } from '../documents.js'

/**
 * Called by whoever deletes a session or workout, after the object itself is gone: its likes,
 * comments and the notifications about them go too. A like or comment racing the delete removes
 * itself when its count update finds no object (reactions-repository.ts), so none is left behind.
 */
export async function forgetReactionsOn (db: Db, objectId: ObjectId): Promise<void> {
  await db.collection<LikeDoc>(COLLECTIONS.likes).deleteMany({ object_id: objectId })
  await db.collection<CommentDoc>(COLLECTIONS.comments).deleteMany({ object_id: objectId })
  await db.collection<NotificationDoc>(COLLECTIONS.notifications).deleteMany({ 'object.id': objectId })
}
