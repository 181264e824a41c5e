import createError from '@fastify/error'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { STATUS_CODES } from 'node:http'
import { toErrorBody } from '../../plugins/errors.js'

/** A well-formed body that breaks the contract's schema or a rule (docs/petstore.md): 422. */
export class RuleError extends Error {
  readonly statusCode = 422
  readonly code = 'VALIDATION_ERROR'
  readonly details: Array<{ field: string, message: string }>
  constructor (field: string, message: string, more: Array<{ field: string, message: string }> = []) {
    super(`${field} ${message}`)
    this.details = [{ field, message }, ...more]
  }
}

export const InsufficientScopeError = createError<[string]>('INSUFFICIENT_SCOPE', 'This token lacks the scope %s', 403)
export const NotAcceptableError = createError<[string]>('NOT_ACCEPTABLE', 'This operation answers %s only', 406)
export const UnsupportedMediaTypeError = createError<[string]>('UNSUPPORTED_MEDIA_TYPE', '%s', 415)

/**
 * The module's error handler: the service's error body, except that schema failures of a parsed
 * body are 422 (the contract's "Validation exception"), a missing body is 400, and
 * authentication failures carry their WWW-Authenticate challenge (RFC 6750).
 */
export function petstoreErrorHandler (error: FastifyError & { challenge?: string }, request: FastifyRequest, reply: FastifyReply) {
  if (error.challenge) reply.header('www-authenticate', error.challenge)
  let body = toErrorBody(error)
  if (error.validation && error.validationContext === 'body') {
    body = request.body === undefined
      ? { statusCode: 400, error: STATUS_CODES[400]!, code: 'BODY_REQUIRED', message: 'A request body is required' }
      : { ...body, statusCode: 422, error: STATUS_CODES[422]! }
  }
  if (body.statusCode >= 500) request.log.error({ err: error }, 'request failed')
  else request.log.info({ code: body.code, statusCode: body.statusCode }, body.message)
  return reply.code(body.statusCode).send(body)
}
