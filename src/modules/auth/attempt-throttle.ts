import { LRUCache } from 'lru-cache'
import { retryAfterSeconds, type Window } from './rules.js'

export interface ThrottleOptions { max: number, windowMs: number, now?: () => number }

/**
 * Per-account-name attempt counter (fixed window, in process memory). Keys are the lower-cased
 * username or email a client typed, so an attacker rotating IPs is still held to `max` failures
 * per account per window. Bounded: the least recently used names are forgotten first.
 */
export function createAttemptThrottle ({ max, windowMs, now = Date.now }: ThrottleOptions) {
  const windows = new LRUCache<string, Window>({ max: 100_000 })

  function current (key: string): Window | undefined {
    const window = windows.get(key)
    if (window && window.resetAt <= now()) {
      windows.delete(key)
      return undefined
    }
    return window
  }

  return {
    /** Seconds until the key may try again; 0 while it has attempts left in its window. */
    blockedFor (key: string): number {
      const window = current(key)
      return window && window.count >= max ? retryAfterSeconds(window, now()) : 0
    },
    /** Records one attempt (a failed login, a registration). */
    hit (key: string): void {
      const window = current(key)
      if (window) window.count += 1
      else windows.set(key, { count: 1, resetAt: now() + windowMs })
    },
    reset (key: string): void {
      windows.delete(key)
    }
  }
}

export type AttemptThrottle = ReturnType<typeof createAttemptThrottle>
