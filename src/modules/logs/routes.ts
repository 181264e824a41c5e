import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../index.js'

// Placeholder: the logs routes land with their issue.
const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async () => {}

export default routes
