import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../index.js'
import { createLogHandlers } from './handlers.js'
import { logIndexes } from './repository.js'
import {
  BulkCreateLogsRoute, CreateLogRoute, DeleteLogRoute, GetLogRoute, ListLogsRoute, UpdateLogRoute
} from './route-schemas.js'

// The nested /api/workout-sessions/{id}/logs routes use the same handlers (see sessions/routes.ts).
const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify) => {
  const logs = createLogHandlers(fastify.mongo.db!)
  await fastify.ensureMongoIndexes(logIndexes)

  fastify.get('/', { schema: ListLogsRoute }, logs.listLogs)
  fastify.post('/', { schema: CreateLogRoute }, logs.createLog)
  fastify.post('/bulk_create', { schema: BulkCreateLogsRoute, config: { expensive: true } }, logs.bulkCreateLogs)
  fastify.get('/:id', { schema: GetLogRoute }, logs.getLog)
  fastify.put('/:id', { schema: UpdateLogRoute }, logs.updateLog)
  fastify.patch('/:id', { schema: UpdateLogRoute }, logs.updateLog)
  fastify.delete('/:id', { schema: DeleteLogRoute }, logs.deleteLog)
}

export default routes
