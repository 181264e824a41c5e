import { Type } from '@sinclair/typebox'
import type { RouteOptions } from 'fastify'
import { ErrorResponse } from '../../schemas/common.js'
import { KEY_HEADER_PATTERN } from './rules.js'

const IdempotencyKeyHeader = Type.Optional(Type.String({
  pattern: KEY_HEADER_PATTERN,
  description: 'Makes a retry of this POST safe (IETF draft-ietf-httpapi-idempotency-key-header): 1–255 printable ASCII characters ' +
    '(no space, `"` or `\\`), optionally quoted as a structured-field string; a UUID is a good choice. Within 24 h and per user, ' +
    'the same key and request replay the first answer (2xx and 4xx other than 408/409/425/429, with `Idempotent-Replayed: true`), ' +
    'a different request with it is 422, and a retry while the first still runs is 409.',
  examples: ['8e03978e-40d5-43e8-bc93-6894a57f9324']
}))

interface ObjectSchema { properties?: Record<string, unknown>, [key: string]: unknown }

/**
 * Marks the POST routes that honour Idempotency-Key — every one a caller must authenticate for
 * (keys are kept per user) — and documents the header and its 409 and 422 there. Public POSTs
 * (register, login) have no user to keep a key for, so they ignore it, as do routes that opt out
 * with `config: { idempotencyKey: false }` (answers carrying a new token, which must not be stored).
 */
export function markIdempotentRoute (route: RouteOptions): void {
  if (![route.method].flat().includes('POST') || !route.schema || route.schema.hide || route.config?.idempotencyKey === false) return
  const security = (route.schema as { security?: unknown[] }).security
  if (Array.isArray(security) && security.length === 0) return
  const headers = (route.schema.headers ?? Type.Object({})) as ObjectSchema
  route.schema = {
    ...route.schema,
    headers: { ...headers, properties: { ...headers.properties, 'idempotency-key': IdempotencyKeyHeader } },
    response: { 409: ErrorResponse, 422: ErrorResponse, ...(route.schema.response as object | undefined) }
  }
  route.config = { ...route.config, idempotencyKey: true }
}
