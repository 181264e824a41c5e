import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../index.js'
import { COLLECTIONS, type NotificationDoc } from '../documents.js'
import type { RequestOf } from '../../lib/route-types.js'
import { pageOf } from '../../lib/pagination.js'
import { NotFoundError } from '../../errors.js'
import { createNotificationRepository, notificationIndexes } from './notification-repository.js'
import { usernamesOf } from './reactions-usernames.js'
import {
  ListNotificationsRoute, ReadAllNotificationsRoute, ReadNotificationRoute, UnreadCountRoute, type Notification
} from './notification-schemas.js'

/** The notification inbox (registered under /api/notifications); notify.ts writes the events. */
const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify) => {
  const notifications = createNotificationRepository(fastify.mongo.db!)
  fastify.ensureMongoIndexes(notificationIndexes)
  fastify.accountCleanup.register('notification-inbox', async (userId) => {
    await fastify.mongo.db!.collection<NotificationDoc>(COLLECTIONS.notifications).deleteMany({ $or: [{ user_id: userId }, { actor_id: userId }] })
  })

  fastify.get('/', { schema: ListNotificationsRoute }, listNotifications)
  fastify.get('/unread-count', { schema: UnreadCountRoute }, unreadCount)
  fastify.post('/read-all', { schema: ReadAllNotificationsRoute }, readAll)
  fastify.post('/:id/read', { schema: ReadNotificationRoute }, readOne)

  /** Users the reader blocked or is blocked by: their events are not shown, asked of PostgreSQL every time. */
  async function hiddenActors (userId: number): Promise<number[]> {
    const { rows } = await fastify.pg.query<{ id: number }>(
      'SELECT blocked_id AS id FROM blocks WHERE blocker_id = $1 UNION SELECT blocker_id FROM blocks WHERE blocked_id = $1', [userId])
    return rows.map((row) => row.id)
  }

  async function shaped (docs: readonly NotificationDoc[]): Promise<Notification[]> {
    const names = await usernamesOf(fastify.pg, docs.map((doc) => doc.actor_id))
    return docs.map((doc) => ({
      id: doc._id.toHexString(),
      type: doc.type,
      actor: { id: doc.actor_id, username: names.get(doc.actor_id) ?? '' },
      object: doc.object && { kind: doc.object.kind, id: doc.object.id.toHexString() },
      comment_id: doc.comment_id?.toHexString() ?? null,
      read: doc.read_at !== null,
      read_at: doc.read_at?.toISOString() ?? null,
      created_at: doc.created_at.toISOString()
    }))
  }

  async function listNotifications (request: RequestOf<typeof ListNotificationsRoute>) {
    const { window, count, docs } = await notifications.list(request.user.id, await hiddenActors(request.user.id), request.query)
    return pageOf(request, window, count, await shaped(docs))
  }

  async function unreadCount (request: RequestOf<typeof UnreadCountRoute>) {
    return { unread: await notifications.unreadCount(request.user.id, await hiddenActors(request.user.id)) }
  }

  async function readOne (request: RequestOf<typeof ReadNotificationRoute>) {
    const doc = await notifications.markRead(request.user.id, request.params.id)
    if (!doc || (await hiddenActors(request.user.id)).includes(doc.actor_id)) throw new NotFoundError('Notification')
    return (await shaped([doc]))[0]
  }

  async function readAll (request: RequestOf<typeof ReadAllNotificationsRoute>) {
    return { marked: await notifications.markAllRead(request.user.id) }
  }
}

export default routes
