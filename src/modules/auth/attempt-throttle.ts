import type { Redis } from 'ioredis'
import { memoryWindowCounter, redisWindowCounter } from '../../lib/window-counter.js'
import { retryAfterSeconds } from './rules.js'

export interface ThrottleOptions {
  max: number
  windowMs: number
  now?: () => number
  /** Counts in Redis, shared by every replica; without it, in this process's memory. */
  redis?: Redis
  /** Called when Redis fails a call; the count then falls back to this process's memory. */
  onRedisError?: (error: unknown) => void
}

/**
 * Per-account-name attempt counter (fixed window). Keys are the lower-cased username or email a
 * client typed, so an attacker rotating IPs is still held to `max` failures per account per
 * window — and, with Redis, rotating replicas does not multiply that budget either.
 */
export function createAttemptThrottle ({ max, windowMs, now = Date.now, redis, onRedisError = () => {} }: ThrottleOptions) {
  const local = memoryWindowCounter({ windowMs, now })
  const windows = redis
    ? redisWindowCounter(redis, { namespace: 'attempts:', windowMs, fallback: local, onError: onRedisError })
    : local

  return {
    /** Seconds until the key may try again; 0 while it has attempts left in its window. */
    async blockedFor (key: string): Promise<number> {
      const window = await windows.peek(key)
      return window && window.count >= max ? retryAfterSeconds(window, now()) : 0
    },
    /** Records one attempt (a failed login, a registration). */
    async hit (key: string): Promise<void> {
      await windows.hit(key)
    },
    async reset (key: string): Promise<void> {
      await windows.reset(key)
    }
  }
}

export type AttemptThrottle = ReturnType<typeof createAttemptThrottle>
