import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../index.js'
import { registerContentHandling } from './content.js'
import { createPetstoreContext } from './context.js'
import { servedDocument } from './document.js'
import { petstoreErrorHandler } from './errors.js'
import oauthRoutes from './oauth-routes.js'
import petRoutes from './pet-routes.js'
import { assertDecimalIds } from './rules.js'
import { registerSecurity } from './security.js'
import storeRoutes from './store-routes.js'
import userRoutes from './user-routes.js'

/**
 * The Swagger Petstore v3 contract at /api/v3 (docs/petstore.md). An encapsulated plugin: its
 * XML/form/binary parsers, content negotiation, error handler (422) and per-operation security
 * apply to these routes only.
 */
const petstore: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify, { config, offline, loginThrottle }) => {
  const context = createPetstoreContext(fastify, config, loginThrottle)
  if (!offline) context.passwords.prepare()

  fastify.setErrorHandler(petstoreErrorHandler)
  fastify.addHook('onRequest', async (request) => assertDecimalIds(request.params))
  registerSecurity(fastify)
  registerContentHandling(fastify)

  await fastify.register(petRoutes, context)
  await fastify.register(storeRoutes, context)
  await fastify.register(userRoutes, context)
  await fastify.register(oauthRoutes, context)

  fastify.get('/openapi.json', { schema: { hide: true }, config: { rateLimit: false } }, async (request) => servedDocument(fastify.publicOrigin(request)))
}

export default petstore
