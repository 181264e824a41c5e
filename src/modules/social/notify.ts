import { ObjectId, type Db } from 'mongodb'
import { COLLECTIONS, type NotificationDoc, type NotificationType } from '../documents.js'

export interface NotificationEvent {
  recipient: number
  type: NotificationType
  actor: number
  object?: NotificationDoc['object']
  commentId?: ObjectId
}

/**
 * Tells `recipient` about an event, unless they caused it themselves. Called after the write it
 * reports has succeeded; the notifications routes decide what a reader may still see of it.
 */
export async function notify (db: Db, { recipient, type, actor, object = null, commentId }: NotificationEvent): Promise<void> {
  if (recipient === actor) return
  await db.collection<NotificationDoc>(COLLECTIONS.notifications).insertOne({
    _id: new ObjectId(),
    user_id: recipient,
    type,
    actor_id: actor,
    object,
    comment_id: commentId ?? null,
    created_at: new Date(),
    read_at: null
  })
}
