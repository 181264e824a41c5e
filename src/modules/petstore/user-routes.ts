import createError from '@fastify/error'
import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ForbiddenError, NotFoundError } from '../../errors.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import type { AuthUser } from '../../plugins/auth.js'
import { accountKey, passwordProblem } from '../auth/rules.js'
import { assertNotThrottled } from '../auth/context.js'
import { FORM_TYPE, JSON_TYPE, XML_TYPE } from './content.js'
import type { PetstoreContext } from './context.js'
import { verifiedAccount } from './credentials.js'
import { RuleError } from './errors.js'
import { CreateUserRoute, CreateUsersRoute, DeleteUserRoute, GetUserRoute, LoginUserRoute, LogoutUserRoute, UpdateUserRoute } from './route-schemas.js'
import { accountProblems, callsPerHour, type Problem } from './rules.js'
import type { UserInput, UserType } from './schemas.js'
import type { NewAccount } from './user-repository.js'
import { XML_ROOTS } from './xml.js'

const InvalidCredentialsError = createError('INVALID_CREDENTIALS', 'Invalid username/password supplied', 400)
const BODIES = [JSON_TYPE, XML_TYPE, FORM_TYPE]
const BOTH = [JSON_TYPE, XML_TYPE]
const userOut = { produces: BOTH, xml: { response: XML_ROOTS.user } }

const fail = (problems: Problem[]): never => { throw new RuleError(problems[0].field, problems[0].message, problems.slice(1)) }

/** /user: the service's own accounts seen through the contract. */
const userRoutes: FastifyPluginAsyncTypebox<PetstoreContext> = async (fastify, context) => {
  const { config, users, profiles, passwords, throttle } = context
  // Like /api/auth/register and /api/auth/login: https://github.com/fastify/fastify-rate-limit#route-specific-rate-limit
  const perIp = { max: config.AUTH_RATE_LIMIT_MAX, timeWindow: config.AUTH_RATE_LIMIT_WINDOW_MS }

  fastify.post('/user', { schema: CreateUserRoute, config: { rateLimit: perIp, petstore: { consumes: BODIES, ...userOut, xml: { request: XML_ROOTS.user, response: XML_ROOTS.user } } } }, createUser)
  fastify.post('/user/createWithList', { schema: CreateUsersRoute, config: { rateLimit: perIp, petstore: { consumes: [JSON_TYPE], ...userOut } } }, createUsers)
  fastify.get('/user/login', { schema: LoginUserRoute, config: { rateLimit: perIp, petstore: { produces: BOTH, xml: { response: XML_ROOTS.token } } } }, loginUser)
  fastify.get('/user/logout', { schema: LogoutUserRoute, config: { petstoreAccess: 'optional' } }, logoutUser)
  fastify.get('/user/:username', { schema: GetUserRoute, config: { petstoreAccess: 'optional', petstore: userOut } }, getUser)
  fastify.put('/user/:username', { schema: UpdateUserRoute, config: { petstoreAccess: 'account', petstore: { consumes: BODIES, xml: { request: XML_ROOTS.user } } } }, updateUser)
  fastify.delete('/user/:username', { schema: DeleteUserRoute, config: { petstoreAccess: 'account' } }, deleteUser)

  async function newAccount (input: UserInput): Promise<NewAccount> {
    const { username, email, password, firstName, lastName, phone, userStatus } = input
    return { username: username!, email: email!, passwordHash: await passwords.hash(password!), firstName, lastName, phone, userStatus }
  }

  async function registering (reply: FastifyReply, inputs: UserInput[]): Promise<void> {
    const keys = inputs.flatMap((input) => [input.username, input.email]).filter((name) => name !== undefined).map((name) => `register:${accountKey(name)}`)
    await assertNotThrottled(throttle, reply, ...keys)
    await Promise.all(keys.map((key) => throttle.hit(key)))
  }

  async function createUser (request: RequestOf<typeof CreateUserRoute>, reply: ReplyOf<typeof CreateUserRoute>) {
    const problems = accountProblems(request.body, 'body', true, passwordProblem)
    if (problems.length > 0) fail(problems)
    await registering(reply, [request.body])
    return users.create(await newAccount(request.body))
  }

  async function createUsers (request: RequestOf<typeof CreateUsersRoute>, reply: ReplyOf<typeof CreateUsersRoute>) {
    const problems = request.body.flatMap((input, index) => accountProblems(input, `body/${index}`, true, passwordProblem))
    const seen = new Set<string>()
    request.body.forEach((input, index) => {
      const key = accountKey(input.username ?? '')
      if (seen.has(key)) problems.push({ field: `body/${index}/username`, message: 'appears twice in the list' })
      seen.add(key)
    })
    if (problems.length > 0) fail(problems)
    await registering(reply, request.body)
    const accounts = await Promise.all(request.body.map(newAccount))
    const created = await users.createAll(accounts)
    return created[created.length - 1]
  }

  async function loginUser (request: RequestOf<typeof LoginUserRoute>, reply: ReplyOf<typeof LoginUserRoute>) {
    const { username, password } = request.query
    if (!username || !password) throw new InvalidCredentialsError()
    const account = await verifiedAccount(context, reply, username, password)
    if (!account) throw new InvalidCredentialsError()
    const { token, row } = await fastify.tokens.issue(account.user.id, config.TOKEN_TTL_DAYS, {
      name: 'petstore login', scopes: ['read:pets', 'write:pets'], userAgent: request.headers['user-agent']
    })
    return reply
      .header('x-rate-limit', String(callsPerHour(config.RATE_LIMIT_MAX, config.RATE_LIMIT_WINDOW_MS)))
      .header('x-expires-after', row.expires_at.toISOString())
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(token))
  }

  async function logoutUser (request: RequestOf<typeof LogoutUserRoute>, reply: ReplyOf<typeof LogoutUserRoute>) {
    const caller = request.petstoreUser
    if (caller) {
      await fastify.tokens.revoke(caller.id, caller.tokenId)
      await fastify.tokenCache.forgetToken(caller.tokenId)
    }
    return reply.code(200).send()
  }

  async function getUser (request: RequestOf<typeof GetUserRoute>) {
    const account = await users.findByUsername(request.params.username)
    if (!account) throw new NotFoundError('User')
    return mayManage(request.petstoreUser, account.user) ? account.user : publicView(account.user)
  }

  async function updateUser (request: RequestOf<typeof UpdateUserRoute>, reply: ReplyOf<typeof UpdateUserRoute>) {
    const caller = request.petstoreUser!
    const account = await managed(caller, request.params.username)
    const body = request.body
    const problems = accountProblems({ ...body, username: body.username ?? account.username, email: body.email ?? account.email }, 'body', false, passwordProblem)
    if (problems.length > 0) fail(problems)
    const passwordHash = body.password === undefined ? undefined : await passwords.hash(body.password)
    await users.update(account.id, { ...body, passwordHash })
    if (passwordHash) await fastify.tokens.revokeAll(account.id, caller.id === account.id ? caller.tokenId : undefined)
    await fastify.tokenCache.forgetUser(account.id)
    return reply.code(200).send()
  }

  async function deleteUser (request: RequestOf<typeof DeleteUserRoute>, reply: ReplyOf<typeof DeleteUserRoute>) {
    const account = await managed(request.petstoreUser!, request.params.username)
    // Postgres first (the account and its tokens), then the personal profile kept in MongoDB.
    await users.remove(account.id)
    await fastify.tokenCache.forgetUser(account.id)
    await profiles.remove(account.id)
    return reply.code(200).send()
  }

  /** The account, when the caller may change it (that user or an admin): else 404 or 403. */
  async function managed (caller: AuthUser, username: string): Promise<UserType & { email: string }> {
    const account = await users.findByUsername(username)
    if (!account) throw new NotFoundError('User')
    if (!mayManage(caller, account.user)) throw new ForbiddenError('Only that user or an admin may change this user')
    return account.user as UserType & { email: string }
  }
}

const mayManage = (caller: AuthUser | null, user: UserType) => caller !== null && (caller.id === user.id || caller.role === 'admin')
const publicView = ({ email: _email, phone: _phone, ...shown }: UserType) => shown

export default userRoutes
