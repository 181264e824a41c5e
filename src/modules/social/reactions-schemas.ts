import { Type, type Static } from '@sinclair/typebox'
import { AuthErrors, DateTime, ErrorResponse, IdParams, IfMatchHeaders, IntId, NoContent, ObjectIdString, Page, PageQuery, StringEnum, TokenSecurity } from '../../schemas/common.js'

export const COMMENT_MAX_LENGTH = 2000

const security = TokenSecurity
const Readable = { ...AuthErrors, 404: ErrorResponse }
const Reactable = { ...Readable, 409: ErrorResponse }
const NOT_VISIBLE = '404 when the object does not exist or you may not see it (docs/social.md "Visibility").'
const NOT_COMPLETED = '409 INVALID_STATE for a session that is not completed.'

export const LikeStateSchema = Type.Object({
  liked: Type.Boolean({ description: 'Whether you like it now' }),
  like_count: Type.Integer({ minimum: 0 })
}, { title: 'LikeState', examples: [{ liked: true, like_count: 12 }] })

export const ObjectRefSchema = Type.Object({
  kind: StringEnum(['session', 'workout'] as const),
  id: ObjectIdString
}, { title: 'ObjectRef' })

export const UserRefSchema = Type.Object({ id: IntId, username: Type.String() }, { title: 'UserRef' })

/** Plain text: at least one non-space character, at most 2000 characters (code points); stored as sent. */
const CommentText = Type.String({
  minLength: 1,
  maxLength: COMMENT_MAX_LENGTH,
  pattern: '^[\\s\\S]*\\S[\\s\\S]*$',
  description: `Plain text (never rendered as HTML by the API), 1–${COMMENT_MAX_LENGTH} characters, not only white space`,
  examples: ['Strong session!']
})
export const CommentBodySchema = Type.Object({ text: CommentText }, { additionalProperties: false })

export const CommentSchema = Type.Object({
  id: ObjectIdString,
  object: ObjectRefSchema,
  author: UserRefSchema,
  text: Type.String(),
  edited: Type.Boolean({ description: 'Changed since it was written' }),
  created_at: DateTime,
  updated_at: DateTime
}, { title: 'Comment' })
export type Comment = Static<typeof CommentSchema>

const likeRoute = (kind: string, verb: 'PUT' | 'DELETE') => ({
  summary: verb === 'PUT' ? `Like a ${kind}` : `Take back your like of a ${kind}`,
  description: (verb === 'PUT'
    ? `Idempotent: a second like changes nothing (one like per user). The owner is notified of the first. ${kind === 'session' ? NOT_COMPLETED + ' ' : ''}`
    : 'Idempotent: without a like it changes nothing. ') + NOT_VISIBLE,
  tags: ['social'],
  security,
  params: IdParams,
  response: { 200: LikeStateSchema, ...(verb === 'PUT' ? Reactable : Readable) }
})
export const LikeSessionRoute = likeRoute('session', 'PUT')
export const UnlikeSessionRoute = likeRoute('session', 'DELETE')
export const LikeWorkoutRoute = likeRoute('workout', 'PUT')
export const UnlikeWorkoutRoute = likeRoute('workout', 'DELETE')

const addCommentRoute = (kind: string) => ({
  summary: `Comment on a ${kind}`,
  description: `The owner is notified. ${kind === 'session' ? NOT_COMPLETED + ' ' : ''}${NOT_VISIBLE}`,
  tags: ['social'],
  security,
  params: IdParams,
  body: CommentBodySchema,
  response: { 201: CommentSchema, ...Reactable }
})
const listCommentsRoute = (kind: string) => ({
  summary: `Comments on a ${kind}, oldest first`,
  description: NOT_VISIBLE,
  tags: ['social'],
  security,
  params: IdParams,
  querystring: Type.Object({ ...PageQuery.properties }, { additionalProperties: false }),
  response: { 200: Page(CommentSchema), ...Readable }
})
export const AddSessionCommentRoute = addCommentRoute('session')
export const ListSessionCommentsRoute = listCommentsRoute('session')
export const AddWorkoutCommentRoute = addCommentRoute('workout')
export const ListWorkoutCommentsRoute = listCommentsRoute('workout')

export const EditCommentRoute = {
  summary: 'Edit your comment',
  description: 'Its author only: 403 for anyone else who can see the object, 404 for those who cannot.',
  tags: ['social'],
  security,
  params: IdParams,
  headers: IfMatchHeaders,
  body: CommentBodySchema,
  response: { 200: CommentSchema, ...Readable, 403: ErrorResponse }
}
export const DeleteCommentRoute = {
  summary: 'Delete a comment',
  description: 'Its author, or the owner of the object it is on: 403 for anyone else who can see the object, 404 for those who cannot.',
  tags: ['social'],
  security,
  params: IdParams,
  headers: IfMatchHeaders,
  response: { 204: NoContent, ...Readable, 403: ErrorResponse }
}
