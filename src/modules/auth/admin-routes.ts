import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ConflictError, NotFoundError } from '../../errors.js'
import { pageOf, pageWindow } from '../../lib/pagination.js'
import type { RequestOf } from '../../lib/route-types.js'
import type { AuthContext } from './context.js'
import { ListUsersRoute, UpdateUserRoute } from './route-schemas.js'

/** Account administration; the whole scope is admin only. */
const adminRoutes: FastifyPluginAsyncTypebox<AuthContext> = async (fastify, { users }) => {
  fastify.addHook('onRequest', fastify.requireRole('admin'))

  fastify.get('/users', { schema: ListUsersRoute }, listUsers)
  fastify.patch('/users/:id', { schema: UpdateUserRoute }, updateUser)

  async function listUsers (request: RequestOf<typeof ListUsersRoute>) {
    const { role, is_active: isActive, ordering } = request.query
    const window = pageWindow(request.query)
    const { count, rows } = await users.list({ role, is_active: isActive, ordering, limit: window.pageSize, offset: window.skip })
    return pageOf(request, window, count, rows)
  }

  async function updateUser (request: RequestOf<typeof UpdateUserRoute>) {
    // An admin demoting or disabling themselves could leave the deployment without one.
    if (request.params.id === request.user.id) throw new ConflictError('Admins cannot change their own role or active state')
    const user = await users.update(request.params.id, request.body)
    if (!user) throw new NotFoundError('User')
    // Cached tokens carry the old role and active state.
    fastify.tokenCache.forgetUser(user.id)
    return user
  }
}

export default adminRoutes
