import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { DatabaseUnavailableError, FieldError } from '../errors.js'
import { isDatabaseUnavailable } from '../lib/database-errors.js'
import { RouteMethods } from '../lib/route-methods.js'
import type { ErrorResponseType } from '../schemas/common.js'

type ErrorDetails = NonNullable<ErrorResponseType['details']>

/** An error body lists at most this many fields; when it is full, the message says the list was cut. */
export const MAX_ERROR_DETAILS = 20

/** What a 503 asks clients to wait: a few connect timeouts, long enough for a database restart or failover to show. */
export const RETRY_AFTER_SECONDS = 5

// 503s whose message is ours to show; any other 503 gets a generic one.
const OWN_503_CODES = new Set(['NOT_READY', 'DATABASE_UNAVAILABLE'])

// Fastify's own errors in the API's vocabulary, each with a message of ours: some of Fastify's quote
// the whole URL, so a client could make the answer as large as its request.
const FASTIFY_ERRORS: Record<string, [code: string, message: string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['BODY_TOO_LARGE', 'Request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'Unsupported Media Type; send application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['BAD_REQUEST', 'Request body size did not match Content-Length'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['INVALID_JSON', "Body cannot be empty when content-type is set to 'application/json'"],
  FST_ERR_CTP_INVALID_JSON_BODY: ['INVALID_JSON', "Body is not valid JSON but content-type is set to 'application/json'"],
  FST_ERR_BAD_URL: ['BAD_REQUEST', 'The URL is not valid: it holds a malformed percent-encoding'],
  FST_ERR_MAX_PARAM_LENGTH: ['URI_TOO_LONG', 'A path segment of the URL is too long']
}

/** Client text quoted in an error (a path, an unknown field's name): clipped, so the answer stays small whatever was sent. */
const quoted = (text: string) => text.length > 100 ? `${text.slice(0, 100)}…` : text

/**
 * One detail per failing field. A union (anyOf) reports each branch and then itself, e.g. a bad
 * date gets "must match format "date"", "… "date-time"" and "must match a schema in anyOf";
 * clients get the branches joined instead: `must match format "date" or must match format "date-time"`.
 */
function validationDetails (error: FastifyError): ErrorDetails {
  const byField = new Map<string, { messages: string[], union: boolean }>()
  for (const issue of error.validation ?? []) {
    const missing = issue.params?.missingProperty
    const extra = issue.params?.additionalProperty
    const path = issue.instancePath + (missing ? `/${String(missing)}` : '') + (extra ? `/${String(extra)}` : '')
    const field = quoted(`${error.validationContext ?? 'body'}${path}`)
    const entry = byField.get(field) ?? { messages: [], union: false }
    if (issue.keyword === 'anyOf') entry.union = true
    else entry.messages.push(extra ? 'is not an allowed field' : issue.message ?? 'is invalid')
    byField.set(field, entry)
  }
  return [...byField].slice(0, MAX_ERROR_DETAILS).map(([field, { messages, union }]) => ({
    field,
    message: [...new Set(messages)].join(union ? ' or ' : '; ') || 'is invalid'
  }))
}

/** Errors may carry their own per-field `details` (e.g. bulk validation, readiness). */
function ownDetails (error: FastifyError): ErrorDetails | undefined {
  const details = (error as { details?: unknown }).details
  return Array.isArray(details) ? (details as ErrorDetails).slice(0, MAX_ERROR_DETAILS) : undefined
}

export function toErrorBody (error: FastifyError): ErrorResponseType {
  if (error.validation) {
    const details = validationDetails(error)
    const more = details.length === MAX_ERROR_DETAILS ? `; only the first ${MAX_ERROR_DETAILS} failing fields are listed` : ''
    const message = details.map((detail) => `${detail.field} ${detail.message}`).join('; ') + more
    return { statusCode: 400, error: STATUS_CODES[400]!, code: 'VALIDATION_ERROR', message, details }
  }
  if (error instanceof FieldError) {
    const details = [{ field: error.field, message: error.message.slice(error.field.length + 1) }]
    return { statusCode: 400, error: STATUS_CODES[400]!, code: error.code, message: error.message, details }
  }
  const statusCode = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500
  const reason = STATUS_CODES[statusCode] ?? 'Error'
  if (statusCode === 503) {
    const ours = OWN_503_CODES.has(error.code)
    const message = ours ? error.message : 'Service temporarily unavailable; retry later.'
    return { statusCode, error: reason, code: ours ? error.code : 'SERVICE_UNAVAILABLE', message, ...(ours ? { details: ownDetails(error) } : {}) }
  }
  if (statusCode >= 500) {
    return { statusCode, error: reason, code: 'INTERNAL_ERROR', message: 'Something went wrong on our side; it has been logged.' }
  }
  if (error.code?.startsWith('FST_')) {
    const [code, message] = FASTIFY_ERRORS[error.code] ?? ['BAD_REQUEST', reason]
    return { statusCode, error: reason, code, message }
  }
  const details = ownDetails(error)
  return { statusCode, error: reason, code: error.code ?? 'ERROR', message: error.message, ...(details ? { details } : {}) }
}

// What Node's HTTP parser reports before any route is involved; everything else is a plain 400.
const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'The request was not received in time'],
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', 'The request headers are too large'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'BODY_TOO_LARGE', 'The chunk extensions are too large']
}

/**
 * Fastify's `clientErrorHandler`: requests Node refuses while parsing (malformed, oversized
 * headers, timed out) get the one error body too, then the connection is closed.
 */
export function clientErrorHandler (this: FastifyInstance, error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const [statusCode, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'BAD_REQUEST', 'The request is not valid HTTP/1.1']
  const body = JSON.stringify({ statusCode, error: STATUS_CODES[statusCode] ?? 'Error', code, message } satisfies ErrorResponseType)
  this.log.debug({ err: error, statusCode }, 'client error')
  if (!socket.writable) {
    socket.destroy()
    return
  }
  socket.end(`HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
}

/** The one error handler: logs (5xx with the error, others at info) and answers with the error body. */
function replyWithError (thrown: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  // The one place where driver errors for a database that went away become a 503 (never a hang, never a 500).
  const unavailable = isDatabaseUnavailable(thrown)
  const error = unavailable ? new DatabaseUnavailableError() : thrown
  const body = toErrorBody(error)
  if (body.statusCode === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', RETRY_AFTER_SECONDS)
  if (unavailable) {
    // Expected while a database is down: one warning per request, not an error with a stack.
    request.log.warn({ reason: thrown.message, driverCode: thrown.code }, 'database unavailable')
  } else if (body.statusCode >= 500) {
    request.log.error({ err: error }, 'request failed')
  } else {
    request.log.info({ code: body.code, statusCode: body.statusCode }, body.message)
  }
  return reply.code(body.statusCode).send(body)
}

/**
 * Fastify's `frameworkErrors`: what the router refuses before any route or hook runs (a URL it
 * cannot decode, a path segment past maxParamLength) goes through the same handler.
 */
export const frameworkErrors = replyWithError

async function errorsPlugin (fastify: FastifyInstance) {
  fastify.setErrorHandler(replyWithError)

  const routes = new RouteMethods()
  fastify.addHook('onRoute', (route) => routes.add(route))

  fastify.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]
    const allowed = routes.allowed(path)
    if (allowed.length > 0 && request.method === 'OPTIONS') return reply.code(204).header('allow', allowed.join(', ')).send()
    if (allowed.length > 0) {
      const body: ErrorResponseType = {
        statusCode: 405,
        error: 'Method Not Allowed',
        code: 'METHOD_NOT_ALLOWED',
        message: `Method ${request.method} is not allowed on ${quoted(path)}; allowed: ${allowed.join(', ')}`
      }
      return reply.code(405).header('allow', allowed.join(', ')).send(body)
    }
    const body: ErrorResponseType = {
      statusCode: 404,
      error: 'Not Found',
      code: 'ROUTE_NOT_FOUND',
      message: `Route ${request.method} ${quoted(path)} not found`
    }
    return reply.code(404).send(body)
  })
}

export default fp(errorsPlugin, { name: 'errors' })
