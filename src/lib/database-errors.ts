import {
  MongoNetworkError,
  MongoNotConnectedError,
  MongoOperationTimeoutError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError
} from 'mongodb'

// Socket-level failures, whichever driver saw them.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])

// SQLSTATEs that mean "the server is going away or cannot take us now", not "your query is wrong":
// 57P01–57P03 shutdown/crash/starting up, 08xxx connection exceptions, 53300 too many connections,
// 57014 statement_timeout (the query ran past DATABASE_QUERY_TIMEOUT_MS).
const PG_UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006', '57014'])

// pg and pg-pool raise these as plain Errors with no code (node_modules/pg/lib/client.js, pg-pool/index.js).
const PG_CONNECTION_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|timeout expired)/

// MongoDB server codes for a node that is shutting down or stepping down (retryable by the driver's rules).
const MONGO_UNAVAILABLE_CODES = new Set([91, 189, 10107, 11600, 11602, 13435, 13436])

function isUnavailableItself (error: unknown): boolean {
  if (!(error instanceof Error)) return false
  if (error instanceof MongoNetworkError || error instanceof MongoServerSelectionError ||
    error instanceof MongoTopologyClosedError || error instanceof MongoNotConnectedError ||
    error instanceof MongoOperationTimeoutError) return true
  if (error instanceof MongoServerError) return typeof error.code === 'number' && MONGO_UNAVAILABLE_CODES.has(error.code)
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || PG_UNAVAILABLE_STATES.has(code))) return true
  return code === undefined && PG_CONNECTION_MESSAGES.test(error.message)
}

/**
 * True when a database driver failed because the database is unreachable, going away or too slow
 * (the request may well succeed later), rather than because of the request. Follows `cause`s, since
 * pg-pool wraps the socket error in its own.
 */
export function isDatabaseUnavailable (error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (isUnavailableItself(current)) return true
    current = current.cause
  }
  return false
}
