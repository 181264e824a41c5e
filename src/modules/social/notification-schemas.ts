import { Type, type Static } from '@sinclair/typebox'
import { AuthErrors, DateTime, ErrorResponse, IdParams, Nullable, ObjectIdString, Page, PageQuery, StringEnum, TokenSecurity } from '../../schemas/common.js'
import { ObjectRefSchema, UserRefSchema } from './reactions-schemas.js'

const tags = ['social']
const security = TokenSecurity
const HIDDEN = 'Notifications from a user you blocked or who blocked you are not shown (nor counted) while the block lasts.'

export const NotificationSchema = Type.Object({
  id: ObjectIdString,
  type: StringEnum(['follow', 'follow_request', 'like', 'comment'] as const, { description: 'New follower, follow request, like or comment' }),
  actor: UserRefSchema,
  object: Nullable(ObjectRefSchema),
  comment_id: Nullable(ObjectIdString),
  read: Type.Boolean(),
  read_at: Nullable(DateTime),
  created_at: DateTime
}, {
  title: 'Notification',
  examples: [{
    id: '665f1c2e8b3e4a0012a4b7d0',
    type: 'like',
    actor: { id: 7, username: 'sam' },
    object: { kind: 'session', id: '665f1c2e8b3e4a0012a4b7c1' },
    comment_id: null,
    read: false,
    read_at: null,
    created_at: '2026-11-22T09:30:00.000Z'
  }]
})
export type Notification = Static<typeof NotificationSchema>

export const NotificationQuerySchema = Type.Object({
  ...PageQuery.properties,
  unread: Type.Optional(Type.Boolean({ description: 'true: only unread ones; false: only read ones' }))
}, { additionalProperties: false })
export type NotificationQuery = Static<typeof NotificationQuerySchema>

export const ListNotificationsRoute = {
  summary: 'Your notifications, newest first',
  description: HIDDEN,
  tags,
  security,
  querystring: NotificationQuerySchema,
  response: { 200: Page(NotificationSchema), ...AuthErrors }
}
export const UnreadCountRoute = {
  summary: 'How many of your notifications are unread',
  description: HIDDEN,
  tags,
  security,
  response: { 200: Type.Object({ unread: Type.Integer({ minimum: 0 }) }), ...AuthErrors }
}
export const ReadNotificationRoute = {
  summary: 'Mark one notification read',
  description: 'Idempotent (read_at keeps the first time). 404 for a notification that is not yours.',
  tags,
  security,
  params: IdParams,
  response: { 200: NotificationSchema, ...AuthErrors, 404: ErrorResponse }
}
export const ReadAllNotificationsRoute = {
  summary: 'Mark all your notifications read',
  tags,
  security,
  response: { 200: Type.Object({ marked: Type.Integer({ minimum: 0, description: 'How many were unread' }) }), ...AuthErrors }
}
