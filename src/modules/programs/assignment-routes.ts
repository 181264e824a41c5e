import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../index.js'
import type { AuthUser } from '../../plugins/auth.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { pageOf } from '../../lib/pagination.js'
import { NotFoundError, StateConflictError } from '../../errors.js'
import { localDate } from '../stats/calendar.js'
import { statsChanged } from '../stats/stats-scope.js'
import { assignmentIndexes, createAssignmentRepository } from './assignment-repository.js'
import { createAssignmentWriter } from './assignment-writer.js'
import { adherenceByWeek } from './rules.js'
import { DEFAULT_TIME_OF_DAY, type Assignment } from './assignment-schemas.js'
import type { ProgramRepository } from './repository.js'
import type { Relations } from './relations.js'
import type { ProgramAccess } from './program-access.js'
import { AdherenceRoute, AssignProgramRoute, EndAssignmentRoute, GetAssignmentRoute, ListAssignmentsRoute } from './route-schemas.js'

interface AssignmentOptions extends ModuleOptions { programs: ProgramRepository, relations: Relations, access: ProgramAccess }

/**
 * Assignments are the client's training data: the client and their active trainer (fastify.mayActFor,
 * asked on every request) read and end them; anyone else gets 404, as for sessions.
 */
const assignmentRoutes: FastifyPluginAsyncTypebox<AssignmentOptions> = async (fastify, { programs, relations, access }) => {
  const assignments = createAssignmentRepository(fastify.mongo.db!)
  const writer = createAssignmentWriter(fastify.mongo.db!, programs, assignments)
  fastify.ensureMongoIndexes(assignmentIndexes)
  // A deleted client's assignments go with them (their sessions go with the sessions module's cleaner);
  // a deleted trainer's assignments stay with their clients, plan and history, without the trainer's id.
  fastify.accountCleanup.register('program-assignments', (userId) => assignments.forgetUser(userId))

  fastify.post('/:id/assignments', { schema: AssignProgramRoute }, assignProgram)
  fastify.delete('/:id/assignments/:assignmentId', { schema: EndAssignmentRoute }, endAssignment)
  fastify.get('/assignments', { schema: ListAssignmentsRoute }, listAssignments)
  fastify.get('/assignments/:id', { schema: GetAssignmentRoute }, getAssignment)
  fastify.get('/assignments/:id/adherence', { schema: AdherenceRoute }, adherence)

  async function actableOr404 (user: AuthUser, assignment: Assignment | null): Promise<Assignment> {
    if (!assignment || !await fastify.mayActFor(user, assignment.user_id)) throw new NotFoundError('Assignment')
    return assignment
  }

  async function assignProgram (request: RequestOf<typeof AssignProgramRoute>, reply: ReplyOf<typeof AssignProgramRoute>) {
    const program = await access.visibleOr404(request.user, await programs.findDoc(request.params.id))
    const clientId = await fastify.subjectOf(request.user, request.body.client_id)
    // Also when it fails: sessions may have been written and discarded meanwhile.
    const assignment = await writer.assign({
      program,
      clientId,
      assignedBy: request.user.id,
      startDate: request.body.start_date,
      timeOfDay: request.body.time_of_day ?? DEFAULT_TIME_OF_DAY
    }).finally(() => statsChanged(fastify.cache, clientId))
    return reply.code(201).send(assignment)
  }

  async function endAssignment (request: RequestOf<typeof EndAssignmentRoute>) {
    const { id, assignmentId } = request.params
    const found = await actableOr404(request.user, await assignments.findById(assignmentId))
    if (found.program !== id.toLowerCase()) throw new NotFoundError('Assignment')
    if (found.status !== 'active') throw new StateConflictError(`Cannot end an assignment that is ${found.status}`)
    // Sessions first: should the end fail after it, a retry removes the rest and ends it.
    const now = new Date()
    const removed = await assignments.removeFutureSessions(found.id, found.user_id, now)
    if (removed > 0) await statsChanged(fastify.cache, found.user_id)
    const ended = await assignments.end(found.id, request.user.id, removed, now)
    if (!ended) {
      await assignments.countRemoved(found.id, removed)
      throw new StateConflictError('The assignment was ended meanwhile')
    }
    return ended
  }

  async function listAssignments (request: RequestOf<typeof ListAssignmentsRoute>) {
    const { scope, user_id: userId } = request.query
    const clients = scope === 'clients' ? await relations.activeClientsOf(request.user.id) : [await fastify.subjectOf(request.user, userId)]
    const { window, count, results } = await assignments.list(clients, request.query)
    return pageOf(request, window, count, results)
  }

  async function getAssignment (request: RequestOf<typeof GetAssignmentRoute>) {
    return actableOr404(request.user, await assignments.findById(request.params.id))
  }

  async function adherence (request: RequestOf<typeof AdherenceRoute>) {
    const assignment = await actableOr404(request.user, await assignments.findById(request.params.id))
    const today = localDate(new Date(), assignment.timezone)
    const sessions = await assignments.sessionsOf(assignment.id, assignment.user_id)
    return { assignment, today, ...adherenceByWeek(sessions, today, assignment.timezone) }
  }
}

export default assignmentRoutes
