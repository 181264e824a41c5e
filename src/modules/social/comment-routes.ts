import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { ModuleOptions } from '../index.js'
import type { CommentDoc, SocialObjectKind } from '../documents.js'
import type { AuthUser } from '../../plugins/auth.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { pageOf } from '../../lib/pagination.js'
import { ForbiddenError, NotFoundError } from '../../errors.js'
import { createReactionsContext } from './reactions-context.js'
import { commentIndexes } from './comment-repository.js'
import { LABELS } from './reactions-target.js'
import { usernamesOf } from './reactions-usernames.js'
import { conditionalMiss, ifMatchVersion } from '../../plugins/etags.js'
import {
  AddSessionCommentRoute, AddWorkoutCommentRoute, DeleteCommentRoute, EditCommentRoute, ListSessionCommentsRoute,
  ListWorkoutCommentsRoute, type Comment
} from './reactions-schemas.js'

/** Comments on sessions and workouts, and on one comment (registered under /api). */
const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify) => {
  const { targets, comments, touchFeed, notifyOwner } = createReactionsContext(fastify)
  fastify.ensureMongoIndexes(commentIndexes)

  fastify.post('/workout-sessions/:id/comments', { schema: AddSessionCommentRoute }, (request, reply) => addComment('session', request, reply))
  fastify.get('/workout-sessions/:id/comments', { schema: ListSessionCommentsRoute }, (request) => listComments('session', request))
  fastify.post('/workouts/:id/comments', { schema: AddWorkoutCommentRoute }, (request, reply) => addComment('workout', request, reply))
  fastify.get('/workouts/:id/comments', { schema: ListWorkoutCommentsRoute }, (request) => listComments('workout', request))
  fastify.patch('/comments/:id', { schema: EditCommentRoute }, editComment)
  fastify.delete('/comments/:id', { schema: DeleteCommentRoute }, deleteComment)

  async function shaped (docs: readonly CommentDoc[]): Promise<Comment[]> {
    const names = await usernamesOf(fastify.pg, docs.map((doc) => doc.user_id))
    return docs.map((doc) => ({
      id: doc._id.toHexString(),
      object: { kind: doc.object_kind, id: doc.object_id.toHexString() },
      author: { id: doc.user_id, username: names.get(doc.user_id) ?? '' },
      text: doc.text,
      edited: doc.updated_at.getTime() !== doc.created_at.getTime(),
      created_at: doc.created_at.toISOString(),
      updated_at: doc.updated_at.toISOString()
    }))
  }

  async function addComment (kind: SocialObjectKind, request: RequestOf<typeof AddSessionCommentRoute>, reply: ReplyOf<typeof AddSessionCommentRoute>) {
    const target = await targets.reactable(kind, request.params.id, request.user)
    const comment = await comments.add(target, request.user.id, request.body.text)
    if (!comment) throw new NotFoundError(LABELS[kind])
    await touchFeed(target)
    await notifyOwner(target, { type: 'comment', actor: request.user.id, commentId: comment._id })
    return reply.code(201).send((await shaped([comment]))[0])
  }

  async function listComments (kind: SocialObjectKind, request: RequestOf<typeof ListSessionCommentsRoute>) {
    const target = await targets.readable(kind, request.params.id, request.user)
    const { window, count, docs } = await comments.list(target, request.query)
    return pageOf(request, window, count, await shaped(docs))
  }

  /**
   * The comment when `allowed` says the caller may change it; else 403 to someone who can see what
   * it is on, 404 to anyone else (a comment on something hidden does not exist for them).
   */
  async function changeable (id: string, user: AuthUser, allowed: (comment: CommentDoc) => boolean, action: string): Promise<CommentDoc> {
    const comment = await comments.findById(id)
    if (comment && allowed(comment)) return comment
    if (comment && await targets.mayRead(comment.object_kind, comment.object_id.toHexString(), user)) {
      throw new ForbiddenError(`You may not ${action} this comment`)
    }
    throw new NotFoundError('Comment')
  }

  /** The If-Match check against the comment as a write answers it (there is no single-comment GET). */
  async function expectedVersion (request: FastifyRequest, comment: CommentDoc): Promise<string | undefined> {
    if (request.headers['if-match'] === undefined) return undefined
    return ifMatchVersion(request, (await shaped([comment]))[0], comment.updated_at, 'Comment')
  }

  /** A write under If-Match matched nothing: 412 when the comment is still there, else 404. */
  const missed = async (comment: CommentDoc) => await conditionalMiss(async () => await comments.findById(comment._id.toHexString()) !== null, 'Comment')

  async function editComment (request: RequestOf<typeof EditCommentRoute>) {
    const comment = await changeable(request.params.id, request.user, (c) => c.user_id === request.user.id, 'edit')
    const version = { expected: await expectedVersion(request, comment), read: comment.updated_at.toISOString() }
    const edited = await comments.edit(comment._id, request.body.text, version)
    if (!edited) return version.expected === undefined ? notFound() : await missed(comment)
    return (await shaped([edited]))[0]
  }

  async function deleteComment (request: RequestOf<typeof DeleteCommentRoute>, reply: ReplyOf<typeof DeleteCommentRoute>) {
    const { id } = request.user
    const comment = await changeable(request.params.id, request.user, (c) => c.user_id === id || c.owner_id === id, 'delete')
    const expected = await expectedVersion(request, comment)
    if (!await comments.remove(comment, { expected }) && expected !== undefined) await missed(comment)
    await touchFeed({ kind: comment.object_kind, owner: comment.owner_id })
    return reply.code(204).send(null)
  }
}

function notFound (): never {
  throw new NotFoundError('Comment')
}

export default routes
