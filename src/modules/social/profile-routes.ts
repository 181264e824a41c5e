import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../index.js'
import { UnauthorizedError } from '../../errors.js'
import type { RequestOf } from '../../lib/route-types.js'
import { createProfileRepository } from '../auth/profile-repository.js'
import { followsChanged } from './follow-cache.js'
import { createFollowRepository } from './follow-repository.js'
import { imageUrlOf } from './image-url.js'
import { createProfileAccess, seesDetails } from './profile-access.js'
import { createAccountRepository } from './profile-repository.js'
import { GetProfileRoute, GetSettingsRoute, UpdateSettingsRoute, type PublicProfile } from './profile-schemas.js'
import { createProfileStats } from './profile-stats.js'

/** /api/users: public profiles and the caller's privacy settings. */
const profileRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify) => {
  const accounts = createAccountRepository(fastify.pg.pool)
  const access = createProfileAccess(fastify.pg.pool, accounts)
  const follows = createFollowRepository(fastify.pg.pool)
  const profiles = createProfileRepository(fastify.mongo.db!)
  const profileStats = createProfileStats(fastify.mongo.db!, fastify.cache)

  fastify.get('/me/settings', { schema: GetSettingsRoute }, getSettings)
  fastify.patch('/me/settings', { schema: UpdateSettingsRoute }, updateSettings)
  fastify.get('/:username', { schema: GetProfileRoute }, getProfile)

  async function getProfile (request: RequestOf<typeof GetProfileRoute>): Promise<PublicProfile> {
    const viewer = request.user.id
    const { account, relation } = await access.visible(viewer, request.params.username)
    const details = seesDetails(relation, account)
    const [counts, followsYou, profile, stats] = await Promise.all([
      follows.counts(account.id),
      relation === 'self' ? null : follows.statusOf(account.id, viewer),
      details ? profiles.find(account.id) : null,
      details ? profileStats(account.id) : null
    ])
    return {
      id: account.id,
      username: account.username,
      is_private: account.is_private,
      restricted: !details,
      image_url: imageUrlOf(fastify.publicOrigin(request), account.username, account.image_sha256),
      bio: details ? profile?.bio ?? '' : null,
      stats,
      follower_count: counts.followers,
      following_count: counts.following,
      viewer: {
        following: relation === 'follower' ? 'following' : relation === 'requested' ? 'requested' : 'none',
        follows_you: followsYou === 'accepted'
      }
    }
  }

  async function getSettings (request: RequestOf<typeof GetSettingsRoute>) {
    const settings = await accounts.settings(request.user.id)
    if (!settings) throw new UnauthorizedError('Invalid or expired token')
    return settings
  }

  async function updateSettings (request: RequestOf<typeof UpdateSettingsRoute>) {
    const updated = await accounts.update(request.user.id, request.body)
    if (!updated) throw new UnauthorizedError('Invalid or expired token')
    // Accepted requests put the owner's sessions into those followers' feeds.
    await followsChanged(fastify.cache, updated.accepted)
    return updated.settings
  }
}

export default profileRoutes
