import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ConflictError, UnauthorizedError } from '../../errors.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { deleteAccount } from './account-deletion.js'
import type { AuthContext } from './context.js'
import { DEFAULT_PROFILE } from './profile-repository.js'
import { DeleteMeRoute, GetMeRoute, ReplaceMeRoute, UpdateMeRoute } from './route-schemas.js'
import { checkedProfile } from './rules.js'
import type { ProfileChanges } from './schemas.js'
import { statsChanged } from '../stats/stats-scope.js'
import { timezoneScope } from '../stats/timezones.js'

/** The caller's account and fitness profile, at /profile and its alias /me. */
const profileRoutes: FastifyPluginAsyncTypebox<AuthContext> = async (fastify, { users, profiles }) => {
  for (const path of ['/profile', '/me']) {
    fastify.get(path, { schema: GetMeRoute }, getMe)
    fastify.put(path, { schema: ReplaceMeRoute }, replaceMe)
    fastify.patch(path, { schema: UpdateMeRoute }, updateMe)
    fastify.delete(path, { schema: DeleteMeRoute }, deleteMe)
  }

  async function deleteMe (request: RequestOf<typeof DeleteMeRoute>, reply: ReplyOf<typeof DeleteMeRoute>) {
    if (request.user.role === 'admin') {
      const admins = await users.list({ role: 'admin', is_active: true, limit: 1, offset: 0 })
      if (admins.count <= 1) throw new ConflictError('The last active admin cannot delete their account; make another admin first')
    }
    await deleteAccount(fastify, users, request.user.id)
    return reply.code(204).send(null)
  }

  async function getMe (request: RequestOf<typeof GetMeRoute>) {
    return me(request.user.id)
  }

  async function replaceMe (request: RequestOf<typeof ReplaceMeRoute>) {
    return save(request.user.id, request.body)
  }

  async function updateMe (request: RequestOf<typeof UpdateMeRoute>) {
    return save(request.user.id, request.body)
  }

  /** Validates everything, then Postgres (which may answer 409 before anything is written), then Mongo. */
  async function save (userId: number, body: { username?: string, email?: string, profile?: ProfileChanges }) {
    const profileChanges = checkedProfile(body.profile ?? {}, 'body/profile')
    const user = await users.update(userId, { username: body.username, email: body.email })
    if (!user) throw new UnauthorizedError('Invalid or expired token')
    // The token cache holds username and email; drop it so the next request sees the new ones.
    if (body.username !== undefined || body.email !== undefined) await fastify.tokenCache.forgetUser(userId)
    const profile = Object.keys(profileChanges).length > 0 ? await profiles.update(userId, profileChanges) : await profiles.find(userId)
    // Streaks count local days: the profile's stats move with the zone.
    if (profileChanges.timezone !== undefined) await Promise.all([statsChanged(fastify.cache, userId), fastify.cache.bump(timezoneScope(userId))])
    return { ...user, profile: profile ?? { ...DEFAULT_PROFILE } }
  }

  async function me (userId: number) {
    const [user, profile] = await Promise.all([users.findById(userId), profiles.find(userId)])
    // The account vanished between authentication and now (deleted by an admin tool).
    if (!user) throw new UnauthorizedError('Invalid or expired token')
    return { ...user, profile: profile ?? { ...DEFAULT_PROFILE } }
  }
}

export default profileRoutes
