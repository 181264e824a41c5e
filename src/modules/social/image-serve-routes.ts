import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../index.js'
import { NotFoundError, UnauthorizedError } from '../../errors.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { tokenFromHeader } from '../auth/tokens.js'
import { relationOf } from './audience.js'
import { createImageRepository } from './image-repository.js'
import { cachedVersions } from './image-rules.js'
import { GetImageRoute } from './image-schemas.js'
import { createAccountRepository } from './profile-repository.js'

/** A day: how long a removed or replaced image may still be shown from a cache (the profile's URL changes at once). */
const MAX_AGE_SECONDS = 86_400

/**
 * GET /api/users/{username}/image, outside the authenticate boundary: an <img> tag sends no token.
 * The image is as public as the username (private accounts show both); a token, when sent, is
 * checked, and a block between the two hides the image like the rest of the profile.
 */
const imageServeRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify) => {
  const accounts = createAccountRepository(fastify.pg.pool)
  const images = createImageRepository(fastify.pg.pool)

  fastify.get('/:username/image', { schema: GetImageRoute }, getImage)

  async function getImage (request: RequestOf<typeof GetImageRoute>, reply: ReplyOf<typeof GetImageRoute>) {
    const account = await accounts.byUsername(request.params.username)
    if (!account) throw new NotFoundError('Image')
    if (request.headers.authorization !== undefined) {
      const token = tokenFromHeader(request.headers.authorization)
      const viewer = token === null ? null : await fastify.identify(token)
      if (viewer === null) throw new UnauthorizedError('Invalid or expired token')
      if (await relationOf(fastify.pg.pool, viewer.id, account.id) === 'blocked') throw new NotFoundError('Image')
    }
    const cached = cachedVersions(request.headers['if-none-match'])
    const image = await images.read(account.id, cached === 'any' ? [] : cached)
    if (!image) throw new NotFoundError('Image')
    reply
      .header('etag', `"${image.sha256}"`)
      .header('cache-control', `public, max-age=${MAX_AGE_SECONDS}`)
      .header('vary', 'Authorization')
      .header('x-content-type-options', 'nosniff')
      // Shown by web apps on other origins (helmet's default is same-origin).
      .header('cross-origin-resource-policy', 'cross-origin')
    if (cached === 'any' || image.bytes === null) return reply.code(304).send(null)
    return reply.header('content-type', image.content_type).send(image.bytes)
  }
}

export default imageServeRoutes
