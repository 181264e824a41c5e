import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../index.js'
import { createAuthContext } from './context.js'
import { profileIndexes } from './profile-repository.js'
import publicRoutes from './public-routes.js'
import sessionRoutes from './session-routes.js'
import profileRoutes from './profile-routes.js'
import adminRoutes from './admin-routes.js'
import accountRoutes from './account-routes.js'

/**
 * /api/auth. Registered outside the app's authenticate boundary because register and login are
 * public; every other route sits in the nested scope below, whose onRequest hook authenticates.
 */
const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify, { config, offline, loginThrottle }) => {
  fastify.ensureMongoIndexes(profileIndexes)
  const context = createAuthContext(fastify, config, loginThrottle)
  fastify.accountCleanup.register('auth', (userId) => context.profiles.remove(userId))
  if (!offline) context.passwords.prepare()

  await fastify.register(publicRoutes, context)

  await fastify.register(async function authenticated (scope) {
    scope.addHook('onRequest', scope.authenticate)
    await scope.register(sessionRoutes, context)
    await scope.register(profileRoutes, context)
    await scope.register(adminRoutes, context)
    await scope.register(accountRoutes, context)
  })
}

export default routes
