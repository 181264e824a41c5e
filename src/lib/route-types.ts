import type {
  ContextConfigDefault, FastifyReply, FastifyRequest, FastifySchema, RawReplyDefaultExpression,
  RawRequestDefaultExpression, RawServerDefault, RouteGenericInterface
} from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'

/**
 * Request and reply types of a route schema, so handlers can be named functions below the route
 * table and still get `request.body`/`params`/`query` and the reply typed from the TypeBox schema.
 */
export type RequestOf<S extends FastifySchema> =
  FastifyRequest<RouteGenericInterface, RawServerDefault, RawRequestDefaultExpression, S, TypeBoxTypeProvider>

export type ReplyOf<S extends FastifySchema> =
  FastifyReply<RouteGenericInterface, RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, ContextConfigDefault, S, TypeBoxTypeProvider>
