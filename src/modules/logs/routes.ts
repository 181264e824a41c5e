import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../index.js'
import { createLogHandlers } from './handlers.js'
import { logIndexes } from './repository.js'
import { COLLECTIONS } from '../documents.js'
import {
  BulkCreateLogsRoute, CreateLogRoute, DeleteLogRoute, GetLogRoute, ListLogsRoute, UpdateLogRoute
} from './route-schemas.js'

// The nested /api/workout-sessions/{id}/logs routes use the same handlers (see sessions/routes.ts).
const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify) => {
  const logs = createLogHandlers(fastify.mongo.db!, fastify)
  fastify.ensureMongoIndexes(logIndexes)
  fastify.accountCleanup.register('logs', async (userId) => {
    const collection = fastify.mongo.db!.collection(COLLECTIONS.logs)
    await collection.deleteMany({ user_id: userId })
    // Sets a trainer logged for clients stay the clients' data; only the trainer's id goes.
    await collection.updateMany({ entered_by_user_id: userId }, { $set: { entered_by_user_id: null } })
  })

  fastify.get('/', { schema: ListLogsRoute }, logs.listLogs)
  fastify.post('/', { schema: CreateLogRoute }, logs.createLog)
  fastify.post('/bulk_create', { schema: BulkCreateLogsRoute, config: { expensive: true } }, logs.bulkCreateLogs)
  fastify.get('/:id', { schema: GetLogRoute }, logs.getLog)
  fastify.put('/:id', { schema: UpdateLogRoute }, logs.updateLog)
  fastify.patch('/:id', { schema: UpdateLogRoute }, logs.updateLog)
  fastify.delete('/:id', { schema: DeleteLogRoute }, logs.deleteLog)
}

export default routes
