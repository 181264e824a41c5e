import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../index.js'
import { conditionalMiss, expectedVersion } from '../../plugins/etags.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { curatesLibrary } from '../../lib/access.js'
import { pageOf } from '../../lib/pagination.js'
import { ForbiddenError, NotFoundError } from '../../errors.js'
import { createProgramRepository, programIndexes } from './repository.js'
import { createProgramAccess } from './program-access.js'
import { createRelations } from './relations.js'
import { createProgramChecks } from './write-checks.js'
import assignmentRoutes from './assignment-routes.js'
import {
  CreateProgramRoute, DeleteProgramRoute, GetProgramRoute, ListProgramsRoute, PatchProgramRoute, ReplaceProgramRoute
} from './route-schemas.js'

const LABEL = 'Program'

const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify, options) => {
  const programs = createProgramRepository(fastify.mongo.db!)
  const relations = createRelations(fastify.pg.pool)
  const checks = createProgramChecks(programs)
  const access = createProgramAccess(relations)
  fastify.ensureMongoIndexes(programIndexes)
  // The user's own programs go; clients keep the assignments and sessions made from them (assignment-routes.ts).
  fastify.accountCleanup.register('programs', (userId) => programs.removeOwnedBy(userId))

  fastify.get('/', { schema: ListProgramsRoute }, listPrograms)
  fastify.post('/', { schema: CreateProgramRoute }, createProgram)
  fastify.get('/:id', { schema: GetProgramRoute }, getProgram)
  fastify.put('/:id', { schema: ReplaceProgramRoute }, replaceProgram)
  fastify.patch('/:id', { schema: PatchProgramRoute }, patchProgram)
  fastify.delete('/:id', { schema: DeleteProgramRoute }, deleteProgram)
  // Without the prefix in the options: the child already inherits /api/programs.
  const { prefix: _prefix, ...moduleOptions } = options as ModuleOptions & { prefix?: string }
  await fastify.register(assignmentRoutes, { ...moduleOptions, programs, relations, access })

  async function listPrograms (request: RequestOf<typeof ListProgramsRoute>) {
    const { window, count, items } = await programs.list(await access.viewerOf(request.user), request.query)
    return pageOf(request, window, count, items)
  }

  async function createProgram (request: RequestOf<typeof CreateProgramRoute>, reply: ReplyOf<typeof CreateProgramRoute>) {
    if (!curatesLibrary(request.user)) throw new ForbiddenError('Only trainers and admins create programs')
    const fields = await checks.fullFields(request.user.id, request.body)
    return reply.code(201).send(await programs.insert(request.user.id, fields))
  }

  async function getProgram (request: RequestOf<typeof GetProgramRoute>) {
    return access.visibleOr404(request.user, await programs.findById(request.params.id))
  }

  // Workouts are checked against the owner's library, not an editing admin's: the owner's clients get the sessions.
  async function replaceProgram (request: RequestOf<typeof ReplaceProgramRoute>) {
    const current = await access.changeableOr403(request.user, await programs.findById(request.params.id))
    const version = { expected: expectedVersion(request, current, LABEL), read: current.updated_at }
    const fields = await checks.fullFields(current.created_by_user_id, request.body)
    return await programs.update(current.id, fields, version) ?? await gone(current.id, version.expected)
  }

  async function patchProgram (request: RequestOf<typeof PatchProgramRoute>) {
    const current = await access.changeableOr403(request.user, await programs.findById(request.params.id))
    const version = { expected: expectedVersion(request, current, LABEL), read: current.updated_at }
    const fields = await checks.partialFields(current.created_by_user_id, request.body)
    return await programs.update(current.id, fields, version) ?? await gone(current.id, version.expected)
  }

  async function deleteProgram (request: RequestOf<typeof DeleteProgramRoute>, reply: ReplyOf<typeof DeleteProgramRoute>) {
    const current = await access.changeableOr403(request.user, await programs.findById(request.params.id))
    const expected = expectedVersion(request, current, LABEL)
    if (!await programs.remove(current.id, { expected })) await gone(current.id, expected)
    return reply.code(204).send(null)
  }

  /** 404, or 412 when a write under If-Match found the program at another version. */
  async function gone (id: string, expected: string | undefined): Promise<never> {
    if (expected !== undefined) await conditionalMiss(async () => await programs.findById(id) !== null, LABEL)
    throw new NotFoundError(LABEL)
  }
}

export default routes
