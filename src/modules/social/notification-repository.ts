import type { Db, Filter } from 'mongodb'
import { COLLECTIONS, type NotificationDoc } from '../documents.js'
import { oid } from '../../lib/mongo.js'
import type { IndexDeclaration } from '../../lib/mongo-indexes.js'
import { pageWindow } from '../../lib/pagination.js'
import type { NotificationQuery } from './notification-schemas.js'

export const notificationIndexes: IndexDeclaration[] = [
  { collection: COLLECTIONS.notifications, key: { user_id: 1, created_at: -1, _id: -1 }, options: { name: 'recipient_created' } },
  { collection: COLLECTIONS.notifications, key: { user_id: 1, read_at: 1 }, options: { name: 'recipient_read' } },
  { collection: COLLECTIONS.notifications, key: { actor_id: 1 }, options: { name: 'actor_1' } },
  { collection: COLLECTIONS.notifications, key: { 'object.id': 1 }, options: { name: 'object_id_1' } },
  { collection: COLLECTIONS.notifications, key: { comment_id: 1 }, options: { name: 'comment_id_1' } }
]

/** A user's notifications, leaving out those whose actor is in `hidden` (blocked either way). */
export function createNotificationRepository (db: Db) {
  const notifications = db.collection<NotificationDoc>(COLLECTIONS.notifications)
  const visibleTo = (userId: number, hidden: readonly number[]): Filter<NotificationDoc> =>
    hidden.length === 0 ? { user_id: userId } : { user_id: userId, actor_id: { $nin: [...hidden] } }

  return {
    async list (userId: number, hidden: readonly number[], query: NotificationQuery) {
      const window = pageWindow(query)
      const filter = visibleTo(userId, hidden)
      if (query.unread !== undefined) filter.read_at = query.unread ? null : { $ne: null }
      const [count, docs] = await Promise.all([
        notifications.countDocuments(filter),
        notifications.find(filter).sort({ created_at: -1, _id: -1 }).skip(window.skip).limit(window.pageSize).toArray()
      ])
      return { window, count, docs }
    },

    unreadCount: async (userId: number, hidden: readonly number[]) => await notifications.countDocuments({ ...visibleTo(userId, hidden), read_at: null }),

    /** Marks it read (once: read_at keeps the first time); null when it is not this user's. */
    async markRead (userId: number, id: string): Promise<NotificationDoc | null> {
      const _id = oid(id)
      await notifications.updateOne({ _id, user_id: userId, read_at: null }, { $set: { read_at: new Date() } })
      return await notifications.findOne({ _id, user_id: userId })
    },

    async markAllRead (userId: number): Promise<number> {
      const { modifiedCount } = await notifications.updateMany({ user_id: userId, read_at: null }, { $set: { read_at: new Date() } })
      return modifiedCount
    }
  }
}
