import { randomFillSync } from 'node:crypto'

/** A W3C Trace Context (https://www.w3.org/TR/trace-context/): this request's place in a trace. */
export interface TraceContext {
  traceId: string
  /** This service's span: what it sends on as parent-id and returns to the caller. */
  spanId: string
  /** The caller's span, when a valid traceparent arrived. */
  parentId?: string
  flags: string
}

// version-traceId-parentId-flags, lowercase hex only. Version 00 has exactly these four fields;
// a later version may append more after a dash (the spec asks us to read the first four), ff is invalid.
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/
const ALL_ZEROS = /^0+$/

/** The incoming header's trace, or null when it is absent or malformed (the caller then starts a new one). */
export function parseTraceparent (header: string | string[] | undefined): Omit<TraceContext, 'spanId'> | null {
  if (typeof header !== 'string') return null
  const match = TRACEPARENT.exec(header.trim())
  if (!match) return null
  const [, version, traceId, parentId, flags, rest] = match
  if (version === 'ff' || (version === '00' && rest !== undefined)) return null
  if (ALL_ZEROS.test(traceId) || ALL_ZEROS.test(parentId)) return null
  return { traceId, parentId, flags }
}

// Ids come from a pool of random bytes refilled 4 KiB at a time: one randomFillSync per ~170 requests
// rather than two per request. Each byte is handed out once.
const pool = Buffer.alloc(4096)
let used = pool.length

function randomHex (bytes: number): string {
  if (used + bytes > pool.length) {
    randomFillSync(pool)
    used = 0
  }
  used += bytes
  return pool.toString('hex', used - bytes, used)
}

/** Continues the caller's trace with a new span of ours, or starts a new trace (not sampled: we record no spans). */
export function traceContext (header: string | string[] | undefined): TraceContext {
  const spanId = randomHex(8)
  const incoming = parseTraceparent(header)
  return incoming ? { ...incoming, spanId } : { traceId: randomHex(16), spanId, flags: '00' }
}

/** The traceparent header naming our span, version 00 (the one we speak). */
export function formatTraceparent ({ traceId, spanId, flags }: TraceContext): string {
  return `00-${traceId}-${spanId}-${flags}`
}
