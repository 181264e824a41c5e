import { createHash } from 'node:crypto'
import createError from '@fastify/error'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { ModuleOptions } from '../index.js'
import { BadRequestError } from '../../errors.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { createImageRepository } from './image-repository.js'
import { checkImage, PROFILE_IMAGE_MAX_BYTES, PROFILE_IMAGE_TYPES } from './image-rules.js'
import { DeleteImageRoute, PutImageRoute } from './image-schemas.js'
import { imageUrlOf } from './image-url.js'

const UnsupportedImageError = createError<[string]>('UNSUPPORTED_MEDIA_TYPE', '%s', 415)

/**
 * /api/users/me/image: upload and remove your profile image. The image parsers (and the 415 for
 * any other body type) are registered in this plugin only, so the rest of the API stays JSON.
 */
const imageRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify) => {
  const images = createImageRepository(fastify.pg.pool)
  const raw = async (_request: FastifyRequest, body: Buffer) => body
  fastify.addContentTypeParser([...PROFILE_IMAGE_TYPES], { parseAs: 'buffer', bodyLimit: PROFILE_IMAGE_MAX_BYTES }, raw)
  fastify.addContentTypeParser('*', async (request: FastifyRequest) => {
    throw new UnsupportedImageError(`Unsupported content type "${(request.headers['content-type'] ?? '').slice(0, 100)}"; send ${PROFILE_IMAGE_TYPES.join(', ')}`)
  })

  fastify.put('/me/image', { schema: PutImageRoute, bodyLimit: PROFILE_IMAGE_MAX_BYTES }, putImage)
  fastify.delete('/me/image', { schema: DeleteImageRoute }, deleteImage)

  async function putImage (request: RequestOf<typeof PutImageRoute>) {
    const checked = checkImage(request.body, request.headers['content-type'])
    if ('status' in checked) throw checked.status === 400 ? new BadRequestError(checked.message) : new UnsupportedImageError(checked.message)
    const bytes = request.body as Buffer
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const stored = await images.put(request.user.id, { bytes, contentType: checked.contentType, sha256 })
    return { ...stored, image_url: imageUrlOf(fastify.publicOrigin(request), request.user.username, sha256)!, updated_at: stored.updated_at.toISOString() }
  }

  async function deleteImage (request: RequestOf<typeof DeleteImageRoute>, reply: ReplyOf<typeof DeleteImageRoute>) {
    await images.remove(request.user.id)
    return reply.code(204).send(null)
  }
}

export default imageRoutes
