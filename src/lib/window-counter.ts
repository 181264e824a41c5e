import { LRUCache } from 'lru-cache'
import type { Redis } from 'ioredis'
import { countBound } from './count-bound.js'

/** A fixed window's state: attempts counted so far and when (epoch ms) the window ends. */
export interface WindowCount { count: number, resetAt: number }

/** Counts events per key in fixed windows of `windowMs`, starting at a key's first event. */
export interface WindowCounter {
  /** Counts one event and returns the window it fell in. */
  hit (key: string): Promise<WindowCount>
  /** The key's current window, or undefined when it has none running. */
  peek (key: string): Promise<WindowCount | undefined>
  reset (key: string): Promise<void>
}

export interface WindowCounterOptions { windowMs: number, now?: () => number, maxKeys?: number }

/** This process's memory; bounded, the least recently used keys are forgotten first. */
export function memoryWindowCounter ({ windowMs, now = Date.now, maxKeys = 100_000 }: WindowCounterOptions): WindowCounter {
  const windows = new LRUCache<string, WindowCount>(countBound(maxKeys))
  function current (key: string): WindowCount | undefined {
    const window = windows.get(key)
    if (window && window.resetAt <= now()) {
      windows.delete(key)
      return undefined
    }
    return window
  }
  return {
    async hit (key) {
      const window = current(key) ?? { count: 0, resetAt: now() + windowMs }
      window.count += 1
      windows.set(key, window)
      return { ...window }
    },
    async peek (key) {
      const window = current(key)
      return window && { ...window }
    },
    async reset (key) { windows.delete(key) }
  }
}

// One round trip, atomic: the first event of a window sets its expiry, later ones read it.
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { count, ttl }`

const PEEK = `
local count = redis.call('GET', KEYS[1])
if not count then return false end
return { tonumber(count), redis.call('PTTL', KEYS[1]) }`

interface RedisCounterOptions {
  /** Prepended to every key (after the client's REDIS_KEY_PREFIX). */
  namespace: string
  windowMs: number
  /** Used while Redis fails, so a Redis outage degrades to per-process counts instead of none. */
  fallback: WindowCounter
  onError: (error: unknown) => void
}

/** Shared by every replica on the same Redis; falls back to `fallback` for any call Redis fails. */
export function redisWindowCounter (redis: Redis, { namespace, windowMs, fallback, onError }: RedisCounterOptions): WindowCounter {
  const withFallback = async <T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> => {
    try {
      return await shared()
    } catch (error) {
      onError(error)
      return local()
    }
  }
  const fromReply = (reply: unknown): WindowCount | undefined => {
    if (!Array.isArray(reply)) return undefined
    const [count, ttl] = reply as [number, number]
    return { count, resetAt: Date.now() + Math.max(ttl, 0) }
  }
  return {
    hit: (key) => withFallback(
      async () => fromReply(await redis.eval(HIT, 1, namespace + key, windowMs))!,
      () => fallback.hit(key)),
    peek: (key) => withFallback(
      async () => fromReply(await redis.eval(PEEK, 1, namespace + key)),
      () => fallback.peek(key)),
    reset: (key) => withFallback(
      async () => { await redis.del(namespace + key) },
      () => fallback.reset(key))
  }
}
