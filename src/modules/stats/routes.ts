import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { sendJson } from '../../lib/serialization.js'
import type { AuthUser } from '../../plugins/auth.js'
import type { ModuleOptions } from '../index.js'
import { oid } from '../../lib/mongo.js'
import { COLLECTIONS } from '../documents.js'
import type { IdParamsType } from '../../schemas/common.js'
import { createStatsRepository, statsIndexes } from './repository.js'
import { createStatsService } from './service.js'
import { withCachedTimezones } from './timezones.js'
import {
  ExerciseProgressRoute, MuscleGroupsRoute, ProgressRoute, RecordsRoute, SummaryRoute,
  type ExerciseProgressQueryType, type PeriodQueryType, type RecordsQueryType, type SummaryQueryType
} from './schemas.js'

type Stats = ReturnType<typeof createStatsService>
declare module 'fastify' {
  interface FastifyInstance { stats: Stats }
}

/** Progress analytics of the caller: computed by aggregation over completed sessions and their working sets. */
const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify) => {
  fastify.ensureMongoIndexes(statsIndexes)
  fastify.decorate('stats', createStatsService(withCachedTimezones(createStatsRepository(fastify.mongo.db!), fastify.cache), fastify.cache))
  fastify.accountCleanup.register('stats', async (userId) => {
    await fastify.mongo.db!.collection(COLLECTIONS.statsCache).deleteMany({ user_id: userId })
  })

  fastify.get('/summary', { schema: SummaryRoute }, getSummary)
  // Ranges aggregate every set in them: limited per user (plugins/fairness.ts).
  const expensive = { expensive: true }
  fastify.get('/progress', { schema: ProgressRoute, config: expensive }, getProgress)
  fastify.get('/exercises/:id/progress', { schema: ExerciseProgressRoute, config: expensive }, getExerciseProgress)
  fastify.get('/records', { schema: RecordsRoute }, getRecords)
  fastify.get('/muscle-groups', { schema: MuscleGroupsRoute, config: expensive }, getMuscleGroups)
}

type Scope = Pick<FastifyInstance, 'stats' | 'subjectOf'>

/**
 * Whose statistics: the caller's, or with `?user_id=` a client's (the caller being their active
 * trainer). Seen as that user, so exercise names follow the client's visibility, not the trainer's.
 */
async function subject (scope: Scope, request: FastifyRequest<{ Querystring: { user_id?: number } }>): Promise<AuthUser> {
  const id = await scope.subjectOf(request.user, request.query.user_id)
  return id === request.user.id ? request.user : { ...request.user, id }
}

async function getSummary (this: Scope, request: FastifyRequest<{ Querystring: SummaryQueryType }>, reply: FastifyReply) {
  const json = await this.stats.summary(await subject(this, request), (summary) => reply.serialize(summary) as string)
  return sendJson(reply, json)
}

async function getProgress (this: Scope, request: FastifyRequest<{ Querystring: PeriodQueryType }>) {
  const { period = 'week', date_from: from, date_to: to } = request.query
  return await this.stats.progress(await subject(this, request), period, from, to)
}

async function getExerciseProgress (this: Scope, request: FastifyRequest<{ Params: IdParamsType, Querystring: ExerciseProgressQueryType }>) {
  const { period = 'week', formula = 'epley', date_from: from, date_to: to } = request.query
  return await this.stats.exerciseProgress(await subject(this, request), oid(request.params.id), period, formula, from, to)
}

async function getRecords (this: Scope, request: FastifyRequest<{ Querystring: RecordsQueryType }>) {
  return await this.stats.records(await subject(this, request), request.query.formula ?? 'epley')
}

async function getMuscleGroups (this: Scope, request: FastifyRequest<{ Querystring: PeriodQueryType }>) {
  const { period = 'week', date_from: from, date_to: to } = request.query
  return await this.stats.muscleGroups(await subject(this, request), period, from, to)
}

export default routes
