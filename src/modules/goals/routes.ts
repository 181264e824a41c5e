import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../index.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { pageOf } from '../../lib/pagination.js'
import { NotFoundError } from '../../errors.js'
import { conditionalMiss, ifMatchVersion } from '../../plugins/etags.js'
import { createGoalRepository, goalIndexes } from './repository.js'
import { createMeasurements } from './measurements.js'
import { createProgress } from './progress.js'
import { createGoalWriter } from './writer.js'
import { CreateGoalRoute, DeleteGoalRoute, GetGoalRoute, ListGoalsRoute, PatchGoalRoute } from './route-schemas.js'

const LABEL = 'Goal'

/** /api/goals: the caller's own goals only; anyone else's id answers 404. */
const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify) => {
  const db = fastify.mongo.db!
  const goals = createGoalRepository(db)
  const measure = createMeasurements(db)
  const progress = createProgress(goals, measure)
  const writer = createGoalWriter(db, measure)
  fastify.ensureMongoIndexes(goalIndexes)
  fastify.accountCleanup.register('goals', (userId) => goals.removeAll(userId))

  fastify.get('/', { schema: ListGoalsRoute }, listGoals)
  fastify.post('/', { schema: CreateGoalRoute }, createGoal)
  fastify.get('/:id', { schema: GetGoalRoute }, getGoal)
  fastify.patch('/:id', { schema: PatchGoalRoute }, patchGoal)
  fastify.delete('/:id', { schema: DeleteGoalRoute }, deleteGoal)

  async function listGoals (request: RequestOf<typeof ListGoalsRoute>) {
    const clock = await progress.clockOf(request.user.id)
    const { window, count, docs } = await goals.list(request.user.id, request.query, clock.today)
    return pageOf(request, window, count, await Promise.all(docs.map((goal) => progress.view(goal, clock))))
  }

  async function createGoal (request: RequestOf<typeof CreateGoalRoute>, reply: ReplyOf<typeof CreateGoalRoute>) {
    const clock = await progress.clockOf(request.user.id)
    const fields = await writer.newGoal(request.user, request.body, clock.today)
    return reply.code(201).send(await progress.view(await goals.insert(request.user.id, fields), clock))
  }

  async function getGoal (request: RequestOf<typeof GetGoalRoute>) {
    const goal = await goals.find(request.user.id, request.params.id)
    if (goal === null) throw new NotFoundError(LABEL)
    return await progress.view(goal, await progress.clockOf(request.user.id))
  }

  async function patchGoal (request: RequestOf<typeof PatchGoalRoute>) {
    const current = await goals.find(request.user.id, request.params.id)
    if (current === null) throw new NotFoundError(LABEL)
    const clock = await progress.clockOf(request.user.id)
    // The tag names the goal as GET shows it, progress included; the write then needs the stored version it came from.
    const expected = request.headers['if-match'] === undefined ? undefined : ifMatchVersion(request, await progress.view(current, clock), current.updated_at, LABEL)
    const { changes, remeasure } = await writer.changes(request.user, current, request.body, clock.today)
    const version = { expected, read: current.updated_at.toISOString() }
    const updated = await goals.update(request.user.id, request.params.id, changes, remeasure, version) ?? await gone(request.user.id, request.params.id, expected)
    return await progress.view(updated, clock)
  }

  async function deleteGoal (request: RequestOf<typeof DeleteGoalRoute>, reply: ReplyOf<typeof DeleteGoalRoute>) {
    let expected: string | undefined
    if (request.headers['if-match'] !== undefined) {
      const current = await goals.find(request.user.id, request.params.id) ?? await gone(request.user.id, request.params.id, undefined)
      expected = ifMatchVersion(request, await progress.view(current, await progress.clockOf(request.user.id)), current.updated_at, LABEL)
    }
    if (!await goals.remove(request.user.id, request.params.id, { expected })) await gone(request.user.id, request.params.id, expected)
    return reply.code(204).send(null)
  }

  /** 404, or 412 when a write under If-Match found the goal at another version. */
  async function gone (userId: number, id: string, expected: string | undefined): Promise<never> {
    if (expected !== undefined) await conditionalMiss(async () => await goals.find(userId, id) !== null, LABEL)
    throw new NotFoundError(LABEL)
  }
}

export default routes
