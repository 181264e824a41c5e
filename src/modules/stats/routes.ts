import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { ModuleOptions } from '../index.js'
import { oid } from '../../lib/mongo.js'
import type { IdParamsType } from '../../schemas/common.js'
import { createStatsRepository, statsIndexes } from './repository.js'
import { createStatsService } from './service.js'
import {
  ExerciseProgressRoute, MuscleGroupsRoute, ProgressRoute, RecordsRoute, SummaryRoute,
  type ExerciseProgressQueryType, type PeriodQueryType, type RecordsQueryType
} from './schemas.js'

type Stats = ReturnType<typeof createStatsService>
declare module 'fastify' {
  interface FastifyInstance { stats: Stats }
}

/** Progress analytics of the caller: computed by aggregation over completed sessions and their working sets. */
const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify) => {
  await fastify.ensureMongoIndexes(statsIndexes)
  fastify.decorate('stats', createStatsService(createStatsRepository(fastify.mongo.db!)))

  fastify.get('/summary', { schema: SummaryRoute }, getSummary)
  // Ranges aggregate every set in them: limited per user (plugins/fairness.ts).
  const expensive = { expensive: true }
  fastify.get('/progress', { schema: ProgressRoute, config: expensive }, getProgress)
  fastify.get('/exercises/:id/progress', { schema: ExerciseProgressRoute, config: expensive }, getExerciseProgress)
  fastify.get('/records', { schema: RecordsRoute }, getRecords)
  fastify.get('/muscle-groups', { schema: MuscleGroupsRoute, config: expensive }, getMuscleGroups)
}

async function getSummary (this: { stats: Stats }, request: FastifyRequest) {
  return await this.stats.summary(request.user)
}

async function getProgress (this: { stats: Stats }, request: FastifyRequest<{ Querystring: PeriodQueryType }>) {
  const { period = 'week', date_from: from, date_to: to } = request.query
  return await this.stats.progress(request.user, period, from, to)
}

async function getExerciseProgress (this: { stats: Stats }, request: FastifyRequest<{ Params: IdParamsType, Querystring: ExerciseProgressQueryType }>) {
  const { period = 'week', formula = 'epley', date_from: from, date_to: to } = request.query
  return await this.stats.exerciseProgress(request.user, oid(request.params.id), period, formula, from, to)
}

async function getRecords (this: { stats: Stats }, request: FastifyRequest<{ Querystring: RecordsQueryType }>) {
  return await this.stats.records(request.user, request.query.formula ?? 'epley')
}

async function getMuscleGroups (this: { stats: Stats }, request: FastifyRequest<{ Querystring: PeriodQueryType }>) {
  const { period = 'week', date_from: from, date_to: to } = request.query
  return await this.stats.muscleGroups(request.user, period, from, to)
}

export default routes
