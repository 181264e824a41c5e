import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import { BadRequestError, NotFoundError, PreconditionFailedError } from '../errors.js'
import { etagOf, ifMatchHolds, ifNoneMatchMatches, parseEtagCondition, type EtagCondition } from '../lib/etag.js'
import { addRouteHook } from '../lib/route-hooks.js'

/** `read`: a single-object GET (ETag, If-None-Match → 304). `write`: a write answering the object (ETag). */
export type EtagRole = 'read' | 'write'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by this plugin from the route's response schema. */
    etag?: EtagRole
    /** Set by this plugin when the route's schema declares the If-Match header: its handler checks it atomically. */
    ifMatch?: boolean
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH'])

/** A single object is answered when the 200/201 schema is an object with an `id` (lists answer `results`). */
function answersOneObject (route: RouteOptions, status: 200 | 201): boolean {
  const schema = (route.schema?.response as Record<number, { properties?: Record<string, unknown> }> | undefined)?.[status]
  return schema?.properties?.id !== undefined
}

export function declaresIfMatch (route: Pick<RouteOptions, 'schema'>): boolean {
  const headers = route.schema?.headers as { properties?: Record<string, unknown> } | undefined
  return headers?.properties?.['if-match'] !== undefined
}

function roleOf (route: RouteOptions): EtagRole | undefined {
  // The Petstore contract answers JSON or XML for one object; a tag of the object would name both.
  if ((route.config as { petstore?: unknown } | undefined)?.petstore !== undefined) return undefined
  const methods = [route.method].flat()
  if ((methods.includes('GET') || methods.includes('HEAD')) && answersOneObject(route, 200)) return 'read'
  if (methods.some((method) => WRITES.has(method)) && (answersOneObject(route, 200) || answersOneObject(route, 201))) return 'write'
  return undefined
}

function conditionOf (request: FastifyRequest, header: 'if-match' | 'if-none-match'): EtagCondition | undefined {
  const value = request.headers[header]
  if (value === undefined) return undefined
  const condition = parseEtagCondition(value)
  if (!condition) throw new BadRequestError(`The ${header === 'if-match' ? 'If-Match' : 'If-None-Match'} header must be * or a list of entity tags such as "abc"`)
  return condition
}

/**
 * The If-Match check of a write, for its handler: `current` is the object as GET answers it now. Answers
 * the `updated_at` the write must still find (the repository puts it in its filter, so the check and
 * the write are one atomic operation), undefined when the write is unconditional (no If-Match, or `*`
 * on an object that exists); 412 when the tag is not the current one.
 */
export function expectedVersion (request: FastifyRequest, current: { updated_at: string }, label: string): string | undefined {
  return ifMatchVersion(request, current, current.updated_at, label)
}

/** The same when GET answers a view of the stored object (`representation`) whose `updated_at` is the stored one. */
export function ifMatchVersion (request: FastifyRequest, representation: object, updatedAt: string | Date, label: string): string | undefined {
  const condition = conditionOf(request, 'if-match')
  if (condition === undefined || condition === '*') return undefined
  if (!ifMatchHolds(condition, etagOf(representation))) throw changedError(label)
  return typeof updatedAt === 'string' ? updatedAt : updatedAt.toISOString()
}

const changedError = (label: string) =>
  new PreconditionFailedError(`The ${label.toLowerCase()} has changed since the version named in If-Match; GET it again and retry with its ETag`)

/** A conditional write matched nothing: 412 when the object is still there (it changed meanwhile), else 404. */
export async function conditionalMiss (stillExists: () => Promise<boolean>, label: string): Promise<never> {
  throw await stillExists() ? changedError(label) : new NotFoundError(label)
}

async function tagAnswer (request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  // A handler that knows its object's tag already (e.g. kept with a cached answer) has set it.
  if ((reply.statusCode === 200 || reply.statusCode === 201) && payload !== null && typeof payload === 'object' && !reply.hasHeader('etag')) {
    reply.header('etag', etagOf(payload))
  }
  return payload
}

async function answerConditionalRead (request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if (reply.statusCode !== 200) return payload
  const etag = reply.getHeader('etag')
  if (typeof etag !== 'string') return payload
  const ifMatch = conditionOf(request, 'if-match')
  if (ifMatch !== undefined && !ifMatchHolds(ifMatch, etag)) throw changedError('object')
  const ifNoneMatch = conditionOf(request, 'if-none-match')
  if (ifNoneMatch === undefined || !ifNoneMatchMatches(ifNoneMatch, etag)) return payload
  reply.code(304).removeHeader('content-type').removeHeader('content-length')
  return null
}

async function etagsPlugin (fastify: FastifyInstance) {
  fastify.addHook('onRoute', (route) => {
    const etag = roleOf(route)
    const ifMatch = declaresIfMatch(route)
    if (etag || ifMatch) route.config = { ...route.config, ...(etag ? { etag } : {}), ...(ifMatch ? { ifMatch } : {}) }
    if (etag) addRouteHook(route, 'preSerialization', tagAnswer)
    if (etag === 'read') addRouteHook(route, 'onSend', answerConditionalRead)
  })

  // Conditions this service cannot honour are refused, never ignored: an ignored If-Match is a lost update.
  // On every route, before the other plugins' preHandlers (idempotency claims its key there).
  fastify.addHook('preHandler', (request, reply, done) => {
    // The method first: request.routeOptions is a new object on every read.
    if (request.method === 'GET' || request.method === 'HEAD' || request.is404) return done()
    const config = request.routeOptions.config
    if (request.headers['if-match'] !== undefined && config.ifMatch !== true) {
      return done(new BadRequestError('If-Match is not supported on this resource; see docs/idempotency-and-etags.md for the ones that support it'))
    }
    if (request.headers['if-none-match'] !== undefined) return done(new BadRequestError('If-None-Match is supported on GET only'))
    done()
  })
}

export default fp(etagsPlugin, { name: 'etags' })
