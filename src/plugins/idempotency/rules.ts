import { createHash } from 'node:crypto'

/**
 * The pure half of Idempotency-Key handling (IETF draft-ietf-httpapi-idempotency-key-header):
 * key syntax, the request fingerprint, and which responses are kept for replay.
 */

/** How long a key and its response are kept (the draft leaves it to the server; Stripe keeps 24 h too). */
export const KEY_RETENTION_MS = 24 * 60 * 60 * 1000

/** Key characters: printable ASCII without space, `"` and `\`, 1–255 of them. */
const KEY_CHARS = '[!#-\\[\\]-~]{1,255}'
/**
 * The header value: the key, or the key as a structured-field string (`"…"`), the form the draft
 * writes it in. Used as the header's schema pattern too, so an invalid key is a 400 validation error.
 */
export const KEY_HEADER_PATTERN = `^(?:"${KEY_CHARS}"|${KEY_CHARS})$`
const KEY_HEADER = new RegExp(KEY_HEADER_PATTERN)

/** The key in a header value; null when the value is not a valid key (undefined when there is none). */
export function keyFrom (header: string | string[] | undefined): string | null | undefined {
  if (header === undefined) return undefined
  if (typeof header !== 'string' || !KEY_HEADER.test(header)) return null
  return header.startsWith('"') ? header.slice(1, -1) : header
}

export interface RequestParts { method: string, route: string, params: unknown, query: unknown, body: unknown }

/**
 * Method, route, path parameters, query and body: a key reused for anything else is a 422. Taken
 * as parsed and before validation fills in defaults, so neither a trailing slash nor JSON key
 * order matters, but spelling out a default value does; binary bodies are hashed byte for byte.
 */
export function fingerprint ({ method, route, params, query, body }: RequestParts): string {
  const hash = createHash('sha256').update(canonicalJson([method, route, params, query]) + '\n')
  if (Buffer.isBuffer(body)) hash.update('b').update(body)
  else hash.update('j').update(canonicalJson(body))
  return hash.digest('base64url')
}

/** JSON with every object's keys sorted: a client that re-serializes its retry in another key order sends the same request. */
function canonicalJson (value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) => field !== null && typeof field === 'object' && !Array.isArray(field) && !Buffer.isBuffer(field)
    ? Object.fromEntries(Object.entries(field).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0))
    : field) ?? ''
}

/**
 * Whether a response is kept and replayed. 2xx and 4xx are: they are the outcome of the request.
 * 5xx are not, nor the 4xx that say "not now" rather than "no" (408 timeout, 409 conflict with
 * the current state, 425, 429 throttled): a retry with the same key runs the request again.
 */
export function isReplayable (status: number): boolean {
  if (status >= 200 && status < 300) return true
  return status >= 400 && status < 500 && ![408, 409, 425, 429].includes(status)
}

/** Response headers that belong to the outcome and are replayed with it; the rest (dates, rate limits, request ids) are per response. */
const OUTCOME_HEADERS = ['content-type', 'location', 'content-location', 'etag', 'last-modified']

export function outcomeHeaders (headers: Record<string, unknown>): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const name of OUTCOME_HEADERS) {
    const value = headers[name]
    if (typeof value === 'string' || typeof value === 'number') kept[name] = String(value)
  }
  return kept
}
