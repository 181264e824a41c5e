import createError from '@fastify/error'

// Domain errors, declared once. The error handler turns any of them into the one error body.
export const NotFoundError = createError<[string]>('NOT_FOUND', '%s not found', 404)
export const ForbiddenError = createError<[string]>('FORBIDDEN', '%s', 403)
export const UnauthorizedError = createError<[string]>('UNAUTHORIZED', '%s', 401)
export const ConflictError = createError<[string]>('CONFLICT', '%s', 409)
export const DuplicateError = createError<[string]>('DUPLICATE', '%s', 409)
export const StateConflictError = createError<[string]>('INVALID_STATE', '%s', 409)
export const InUseError = createError<[string]>('IN_USE', '%s', 409)
/** Sets are still being written to a session that a request wants to end; retrying shortly succeeds. */
export const SessionBusyError = createError<[string]>('SESSION_BUSY', '%s', 409)
export const BadRequestError = createError<[string]>('BAD_REQUEST', '%s', 400)

/** A 400 that points at one field, shaped like a schema validation error. */
export class FieldError extends Error {
  readonly statusCode = 400
  readonly code = 'VALIDATION_ERROR'
  constructor (readonly field: string, message: string) {
    super(`${field} ${message}`)
  }
}
/** A 400 for several fields at once (e.g. bulk input): throw with `Object.assign(new FieldsError(msg), { details })`. */
export const FieldsError = createError<[string]>('VALIDATION_ERROR', '%s', 400)
export const RateLimitedError = createError<[string]>('RATE_LIMITED', 'Too many requests; retry in %s', 429)
export const NotReadyError = createError<[string]>('NOT_READY', '%s', 503)
/** A database the request needs is unreachable or too slow (see lib/database-errors.ts); answered with Retry-After. */
export const DatabaseUnavailableError = createError('DATABASE_UNAVAILABLE', 'A database this request needs is not reachable right now; retry later', 503)
/** If-Match named a version of the object that is no longer current (RFC 9110 §13.1.1). */
export const PreconditionFailedError = createError<[string]>('PRECONDITION_FAILED', '%s', 412)
