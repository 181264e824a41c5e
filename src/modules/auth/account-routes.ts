import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { NotFoundError } from '../../errors.js'
import type { RequestOf } from '../../lib/route-types.js'
import type { AuthContext } from './context.js'
import { GetUserRoute } from './route-schemas.js'

/** An account by id, for the people who may see it: the user, their active trainer, admins. */
const accountRoutes: FastifyPluginAsyncTypebox<AuthContext> = async (fastify, { users }) => {
  fastify.get('/users/:id', { schema: GetUserRoute }, getUser)

  async function getUser (request: RequestOf<typeof GetUserRoute>) {
    const { id } = request.params
    const allowed = request.user.role === 'admin' || await fastify.mayActFor(request.user, id)
    const user = allowed ? await users.findById(id) : null
    if (!user) throw new NotFoundError('User')
    return user
  }
}

export default accountRoutes
