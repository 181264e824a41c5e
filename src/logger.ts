import { randomUUID } from 'node:crypto'
import { pino, type Logger, type LoggerOptions } from 'pino'
import type { Config } from './config.js'

// Secrets never reach a log line, whatever object they ride in on.
export const REDACTED_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie',
  'res.headers["set-cookie"]', 'password', 'token', 'token_hash',
  '*.password', '*.new_password', '*.current_password', '*.token', '*.token_hash', '*.authorization',
  // The Petstore's api_key header and OAuth2 access tokens are tokens too.
  'req.headers.api_key', 'headers.api_key', '*.api_key', 'access_token', '*.access_token'
]

export function loggerOptions (config: Pick<Config, 'LOG_LEVEL'>): LoggerOptions {
  const pretty = process.stdout.isTTY && process.env.NODE_ENV !== 'production'
  return {
    level: config.LOG_LEVEL,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {})
  }
}

export function createLogger (config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino(loggerOptions(config))
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** Honours a well-formed incoming X-Request-Id; anything else gets a fresh UUID. */
export function requestId (incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID()
}
