import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../index.js'
import { FieldError, ForbiddenError, NotFoundError } from '../../errors.js'
import { pageOf, pageWindow } from '../../lib/pagination.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { createTrainerRepository } from './trainer-repository.js'
import { CreateTrainerRoute, DeleteTrainerRoute, GetTrainerRoute, ListTrainersRoute, UpdateTrainerRoute } from './trainer-schemas.js'

/** /api/trainers: everyone reads; admins promote and demote; a trainer edits their own profile. */
const trainerRoutes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify) => {
  const trainers = createTrainerRepository(fastify.pg.pool)
  const adminOnly = fastify.requireRole('admin')

  fastify.get('/', { schema: ListTrainersRoute }, listTrainers)
  fastify.post('/', { schema: CreateTrainerRoute, preHandler: adminOnly }, createTrainer)
  fastify.get('/:id', { schema: GetTrainerRoute }, getTrainer)
  fastify.patch('/:id', { schema: UpdateTrainerRoute }, updateTrainer)
  fastify.delete('/:id', { schema: DeleteTrainerRoute, preHandler: adminOnly }, deleteTrainer)

  async function listTrainers (request: RequestOf<typeof ListTrainersRoute>) {
    const window = pageWindow(request.query)
    const { count, rows } = await trainers.list(request.query, window.pageSize, window.skip)
    return pageOf(request, window, count, rows)
  }

  async function createTrainer (request: RequestOf<typeof CreateTrainerRoute>, reply: ReplyOf<typeof CreateTrainerRoute>) {
    const { user_id: userId, ...profile } = request.body
    const trainer = await trainers.promote(userId, profile)
    if (!trainer) throw new FieldError('body/user_id', 'does not exist')
    // Cached tokens carry the old role.
    await fastify.tokenCache.forgetUser(userId)
    return reply.code(201).send(trainer)
  }

  async function getTrainer (request: RequestOf<typeof GetTrainerRoute>) {
    return await trainers.findById(request.params.id) ?? notFound()
  }

  async function updateTrainer (request: RequestOf<typeof UpdateTrainerRoute>) {
    const { id } = request.params
    const trainer = await trainers.findById(id) ?? notFound()
    if (request.user.id !== trainer.id && request.user.role !== 'admin') throw new ForbiddenError('Only the trainer themself or an admin edits a trainer profile')
    return await trainers.update(id, request.body) ?? notFound()
  }

  async function deleteTrainer (request: RequestOf<typeof DeleteTrainerRoute>, reply: ReplyOf<typeof DeleteTrainerRoute>) {
    if (!await trainers.demote(request.params.id, request.user.id)) notFound()
    await fastify.tokenCache.forgetUser(request.params.id)
    return reply.code(204).send(null)
  }
}

function notFound (): never {
  throw new NotFoundError('Trainer')
}

export default trainerRoutes
