import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { BadRequestError, NotFoundError } from '../../errors.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { BINARY_TYPE, FORM_TYPE, JSON_TYPE, XML_TYPE } from './content.js'
import { UnsupportedMediaTypeError } from './errors.js'
import { IMAGE_MAX_BYTES, sniffImage } from './images.js'
import type { PetstoreContext } from './context.js'
import {
  AddPetRoute, DeletePetRoute, FindByStatusRoute, FindByTagsRoute, GetImageRoute, GetPetRoute, UpdatePetRoute, UpdatePetWithFormRoute, UploadFileRoute
} from './route-schemas.js'
import { splitList } from './rules.js'
import { PET_STATUSES, type PetStatus } from './schemas.js'
import { XML_ROOTS } from './xml.js'

const BODIES = [JSON_TYPE, XML_TYPE, FORM_TYPE]
const BOTH = [JSON_TYPE, XML_TYPE]
const petIn = { consumes: BODIES, produces: BOTH, xml: { request: XML_ROOTS.pet, response: XML_ROOTS.pet } }
const petOut = { produces: BOTH, xml: { response: XML_ROOTS.pet } }
const petsOut = { produces: BOTH, xml: { response: XML_ROOTS.pets } }
const write = { scope: 'write:pets' } as const
const read = { scope: 'read:pets' } as const

/** /pet: the contract's pet operations, plus the route that serves uploaded images. */
const petRoutes: FastifyPluginAsyncTypebox<PetstoreContext> = async (fastify, { pets, images }) => {
  fastify.put('/pet', { schema: UpdatePetRoute, config: { petstoreAccess: write, petstore: petIn } }, updatePet)
  fastify.post('/pet', { schema: AddPetRoute, config: { petstoreAccess: write, petstore: petIn } }, addPet)
  fastify.get('/pet/findByStatus', { schema: FindByStatusRoute, config: { petstoreAccess: read, petstore: petsOut, expensive: true } }, findByStatus)
  fastify.get('/pet/findByTags', { schema: FindByTagsRoute, config: { petstoreAccess: read, petstore: petsOut, expensive: true } }, findByTags)
  fastify.get('/pet/:petId', { schema: GetPetRoute, config: { petstoreAccess: { ...read, apiKey: true }, petstore: petOut } }, getPet)
  fastify.post('/pet/:petId', { schema: UpdatePetWithFormRoute, config: { petstoreAccess: write, petstore: petOut } }, updatePetWithForm)
  fastify.delete('/pet/:petId', { schema: DeletePetRoute, config: { petstoreAccess: write } }, deletePet)
  fastify.post('/pet/:petId/uploadImage', {
    schema: UploadFileRoute, bodyLimit: IMAGE_MAX_BYTES, config: { petstoreAccess: write, petstore: { consumes: [BINARY_TYPE], produces: [JSON_TYPE] } }
  }, uploadFile)
  fastify.get('/pet/:petId/images/:imageId', { schema: GetImageRoute }, getImage)

  async function updatePet (request: RequestOf<typeof UpdatePetRoute>) {
    const { id } = request.body
    if (!id) throw new BadRequestError('Invalid ID supplied: body/id is required to update a pet')
    const pet = await pets.replace(id, request.body)
    if (!pet) throw new NotFoundError('Pet')
    return pet
  }

  async function addPet (request: RequestOf<typeof AddPetRoute>) {
    return pets.create(request.body)
  }

  async function findByStatus (request: RequestOf<typeof FindByStatusRoute>) {
    const statuses = splitList(request.query.status ?? ['available']) as PetStatus[]
    return pets.findByStatus(statuses.filter((status) => PET_STATUSES.includes(status)))
  }

  async function findByTags (request: RequestOf<typeof FindByTagsRoute>) {
    const names = splitList(request.query.tags ?? [])
    if (names.length === 0) throw new BadRequestError('Invalid tag value: give at least one tag')
    return pets.findByTags(names)
  }

  async function getPet (request: RequestOf<typeof GetPetRoute>) {
    const pet = await pets.get(request.params.petId)
    if (!pet) throw new NotFoundError('Pet')
    return pet
  }

  async function updatePetWithForm (request: RequestOf<typeof UpdatePetWithFormRoute>) {
    const pet = await pets.update(request.params.petId, request.query)
    if (!pet) throw new NotFoundError('Pet')
    return pet
  }

  async function deletePet (request: RequestOf<typeof DeletePetRoute>, reply: ReplyOf<typeof DeletePetRoute>) {
    if (!await pets.remove(request.params.petId)) throw new NotFoundError('Pet')
    return reply.code(200).send()
  }

  async function uploadFile (request: RequestOf<typeof UploadFileRoute>) {
    const bytes = request.body
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new BadRequestError('No file uploaded: send the image as an application/octet-stream body')
    const contentType = sniffImage(bytes)
    if (!contentType) throw new UnsupportedMediaTypeError('The file is not a PNG, JPEG, GIF or WebP image')
    const { petId } = request.params
    const origin = fastify.publicOrigin(request)
    const stored = await images.add(petId, { bytes, contentType, metadata: request.query.additionalMetadata },
      (imageId) => `${origin}/api/v3/pet/${petId}/images/${imageId}`)
    if (!stored) throw new NotFoundError('Pet')
    const metadata = request.query.additionalMetadata ? `; additionalMetadata: ${request.query.additionalMetadata}` : ''
    return { code: 200, type: contentType, message: `File uploaded (${bytes.length} bytes) to ${stored.url}${metadata}` }
  }

  async function getImage (request: RequestOf<typeof GetImageRoute>, reply: ReplyOf<typeof GetImageRoute>) {
    const image = await images.get(request.params.petId, request.params.imageId)
    if (!image) throw new NotFoundError('Image')
    // Images never change once stored: their URL names them for good.
    return reply.header('content-type', image.contentType).header('cache-control', 'public, max-age=31536000, immutable').send(image.bytes)
  }
}

export default petRoutes
