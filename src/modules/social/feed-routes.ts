import { createHash } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { ModuleOptions } from '../index.js'
import type { AuthUser } from '../../plugins/auth.js'
import type { RequestOf } from '../../lib/route-types.js'
import { toSession } from '../sessions/repository.js'
import { createReactionRepository } from './reactions-repository.js'
import { usernamesOf } from './reactions-usernames.js'
import { createFeedRepository, feedIndexes } from './feed-repository.js'
import { createFeedSummaries } from './feed-summary.js'
import { decodeCursor, encodeCursor, type FeedCursor } from './feed-cursor.js'
import { feedAuthorScope } from './feed-scopes.js'
import { FeedRoute, type FeedItem } from './feed-schemas.js'

export const FEED_TTL_SECONDS = 300
const DEFAULT_LIMIT = 20

interface CachedPage { results: FeedItem[], next: string | null }

/** GET /api/feed (registered under /api/feed). */
const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify) => {
  const db = fastify.mongo.db!
  const feeds = createFeedRepository(db)
  const summaries = createFeedSummaries(db)
  const reactions = createReactionRepository(db)
  fastify.ensureMongoIndexes(feedIndexes)

  fastify.get('/', { schema: FeedRoute }, feed)

  /** Accepted follows with no block either way, asked of PostgreSQL on every request (never cached). */
  async function followeesOf (userId: number): Promise<number[]> {
    const { rows } = await fastify.pg.query<{ id: number }>(
      `SELECT f.followee_id AS id FROM follows f
        WHERE f.follower_id = $1 AND f.status = 'accepted'
          AND NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = $1 AND b.blocked_id = f.followee_id) OR (b.blocker_id = f.followee_id AND b.blocked_id = $1))
        ORDER BY f.followee_id`, [userId])
    return rows.map((row) => row.id)
  }

  /**
   * One page from the databases. Cached per viewer (liked_by_me is theirs), keyed by whom they
   * follow — so a follow, unfollow or block makes a new key by itself — and scoped to every
   * author the page may show: completing, editing or deleting a session, liking or commenting on
   * it bumps its author's scope.
   */
  async function compute (viewer: AuthUser, followees: number[], cursor: FeedCursor | null, limit: number): Promise<CachedPage> {
    const docs = await feeds.page(viewer.id, followees, cursor, limit)
    const shown = docs.slice(0, limit)
    const [names, liked, summary] = await Promise.all([
      usernamesOf(fastify.pg, shown.map((doc) => doc.user_id)),
      reactions.likedBy(viewer.id, shown.map((doc) => doc._id)),
      summaries.of(viewer, shown)
    ])
    const results = shown.map((doc) => {
      const id = doc._id.toHexString()
      return { ...toSession(doc), owner: { id: doc.user_id, username: names.get(doc.user_id) ?? '' }, summary: summary.get(id)!, liked_by_me: liked.has(id) }
    })
    const last = shown.at(-1)
    return { results, next: docs.length > limit && last?.end_time ? encodeCursor({ end: last.end_time, id: last._id.toHexString() }) : null }
  }

  async function feed (request: RequestOf<typeof FeedRoute>) {
    const limit = request.query.limit ?? DEFAULT_LIMIT
    const cursor = request.query.cursor === undefined ? null : decodeCursor(request.query.cursor)
    const followees = await followeesOf(request.user.id)
    const following = createHash('sha256').update(followees.join(',')).digest('base64url').slice(0, 22)
    const key = `feed:${request.user.id}:${following}:${request.query.cursor ?? ''}:${limit}`
    const scopes = [request.user.id, ...followees].map(feedAuthorScope)
    const page = await fastify.cache.remember(key, { scopes, ttlSeconds: FEED_TTL_SECONDS }, () => compute(request.user, followees, cursor, limit))
    return { next: page.next === null ? null : nextUrl(request, page.next, limit), results: page.results }
  }
}

function nextUrl (request: FastifyRequest, cursor: string, limit: number): string {
  const url = new URL(request.server.publicOrigin(request) + request.url)
  url.searchParams.set('cursor', cursor)
  url.searchParams.set('limit', String(limit))
  return url.toString()
}

export default routes
