import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../index.js'
import { createHealthMetricHandlers } from './handlers.js'
import { healthMetricIndexes } from './repository.js'
import {
  BulkMetricsRoute, CreateMetricRoute, DeleteMetricRoute, GetMetricRoute, LatestMetricsRoute, ListMetricsRoute, SeriesRoute, UpdateMetricRoute
} from './route-schemas.js'

/** Health metrics at /api/health-metrics: points of a time series per user and type (docs/health-metrics.md). */
const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify) => {
  const metrics = createHealthMetricHandlers(fastify.mongo.db!, fastify)
  fastify.ensureMongoIndexes(healthMetricIndexes)
  fastify.accountCleanup.register('health-metrics', metrics.removeAllOf)

  // Bulk writes and series over ranges are limited per user (plugins/fairness.ts).
  const expensive = { expensive: true }
  fastify.get('/', { schema: ListMetricsRoute }, metrics.list)
  fastify.post('/', { schema: CreateMetricRoute }, metrics.create)
  fastify.post('/bulk', { schema: BulkMetricsRoute, config: expensive }, metrics.bulk)
  fastify.get('/series', { schema: SeriesRoute, config: expensive }, metrics.series)
  fastify.get('/latest', { schema: LatestMetricsRoute }, metrics.latest)
  fastify.get('/:id', { schema: GetMetricRoute }, metrics.get)
  fastify.patch('/:id', { schema: UpdateMetricRoute }, metrics.update)
  fastify.delete('/:id', { schema: DeleteMetricRoute }, metrics.remove)
}

export default routes
