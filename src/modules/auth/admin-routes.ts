import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ConflictError, NotFoundError } from '../../errors.js'
import { pageOf, pageWindow } from '../../lib/pagination.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import type { AuthContext } from './context.js'
import { DeleteUserRoute, ListUsersRoute, UpdateUserRoute } from './route-schemas.js'
import { deleteAccount } from './account-deletion.js'

/** Account administration; the whole scope is admin only. */
const adminRoutes: FastifyPluginAsyncTypebox<AuthContext> = async (fastify, { users }) => {
  fastify.addHook('onRequest', fastify.requireRole('admin'))

  fastify.get('/users', { schema: ListUsersRoute }, listUsers)
  fastify.patch('/users/:id', { schema: UpdateUserRoute }, updateUser)
  fastify.delete('/users/:id', { schema: DeleteUserRoute }, deleteUser)

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
    await fastify.tokenCache.forgetUser(user.id)
    return user
  }

  async function deleteUser (request: RequestOf<typeof DeleteUserRoute>, reply: ReplyOf<typeof DeleteUserRoute>) {
    if (request.params.id === request.user.id) throw new ConflictError('Admins delete their own account with DELETE /api/auth/me')
    if (!await deleteAccount(fastify, users, request.params.id)) throw new NotFoundError('User')
    return reply.code(204).send(null)
  }
}

export default adminRoutes
