import type { FastifyInstance } from 'fastify'
import { NotFoundError } from '../../errors.js'
import type { AuthUser } from '../../plugins/auth.js'
import { mayView, relationOf, type Visibility } from './audience.js'

export interface VisibilityAccess {
  /** What a new session or workout of this user gets when the request names no visibility (users.default_visibility). */
  defaultOf: (userId: number) => Promise<Visibility>
  /**
   * Whether `viewer` may read an object of `ownerId` with this visibility: whoever may act for the
   * owner (the owner, their active trainer), or anyone `mayView` allows. Asked of PostgreSQL every time.
   */
  mayRead: (viewer: AuthUser, ownerId: number, visibility: Visibility) => Promise<boolean>
  /** The object when the viewer may read it; 404 (never 403: a private object does not exist to others) otherwise. */
  readableOr404: <T>(object: T | null, owner: (object: T) => number, visibility: (object: T) => Visibility, viewer: AuthUser, label: string) => Promise<T>
}

export function createVisibilityAccess (fastify: Pick<FastifyInstance, 'pg' | 'mayActFor'>): VisibilityAccess {
  async function mayRead (viewer: AuthUser, ownerId: number, visibility: Visibility): Promise<boolean> {
    if (viewer.id === ownerId) return true
    if (visibility !== 'private' && mayView(await relationOf(fastify.pg, viewer.id, ownerId), visibility)) return true
    return await fastify.mayActFor(viewer, ownerId)
  }
  return {
    async defaultOf (userId) {
      const { rows } = await fastify.pg.query<{ default_visibility: Visibility }>('SELECT default_visibility FROM users WHERE id = $1', [userId])
      return rows[0]?.default_visibility ?? 'private'
    },
    mayRead,
    async readableOr404 (object, owner, visibility, viewer, label) {
      if (object === null || !await mayRead(viewer, owner(object), visibility(object))) throw new NotFoundError(label)
      return object
    }
  }
}
