import fp from 'fastify-plugin'
import type { Redis } from 'ioredis'
import { LRUCache } from 'lru-cache'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import { countBound } from '../lib/count-bound.js'
import { PeriodicWarning } from '../lib/periodic-warning.js'
import { sharedRedis } from './redis.js'

/**
 * A cache of derived answers (feed pages, profile stats, exercise reads) with time-to-live. One interface, two
 * stores: Redis when `REDIS_URL` is set (shared by every replica), else this process's memory.
 * Values are JSON: a hit is what `JSON.parse(JSON.stringify(value))` gives, deeply frozen (the memory
 * store shares one copy between hits, so a caller that writes to it fails loudly instead of
 * changing what the next hit reads).
 *
 * Invalidation by generation: an entry belongs to scopes (e.g. `feed:42`, `stats:42`) and is keyed
 * by their current generations; `bump(scope)` moves a scope on, so every entry built on the old
 * generation is never read again (it expires by itself). Writers bump on every write that changes
 * what a scope covers. A cache failure never fails a request: the answer is computed from the
 * databases and not stored (failures are counted in one periodic warning).
 */
export interface Cache {
  readonly store: 'redis' | 'memory'
  /** The cached answer for `key` in the scopes' current generations, or `compute()`'s, stored for `ttlSeconds`. */
  remember<T>(key: string, options: { scopes: string[], ttlSeconds: number }, compute: () => Promise<T>): Promise<T>
  /** Moves each scope to a new generation: entries built on the old one are never read again. */
  bump(...scopes: string[]): Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    cache: Cache
  }
}

/** Generations outlive every TTL a caller uses, so an expired generation cannot revive an old entry. */
const GENERATION_TTL_SECONDS = 7 * 24 * 3600
const MAX_TTL_SECONDS = 24 * 3600

type MaybePromise<T> = T | Promise<T>

/**
 * The raw operations each store provides; `remember` is written once over them. The memory store
 * answers synchronously: a hit then costs no promise of its own.
 */
interface Store {
  generations(scopes: string[]): MaybePromise<number[]>
  get(key: string): MaybePromise<unknown>
  set(key: string, text: string, ttlSeconds: number): MaybePromise<void>
  bump(scopes: string[]): MaybePromise<void>
}

interface CacheOptions { config: Config }

async function cachePlugin (fastify: FastifyInstance, { config }: CacheOptions) {
  const redis = sharedRedis(fastify)
  const store = redis ? redisStore(redis) : memoryStore(config)
  const failures = new PeriodicWarning(fastify.log, 'cache operations failed; answers were computed from the databases', 10_000)

  fastify.decorate('cache', {
    store: redis ? 'redis' : 'memory',
    async remember<T> (key: string, { scopes, ttlSeconds }: { scopes: string[], ttlSeconds: number }, compute: () => Promise<T>): Promise<T> {
      if (ttlSeconds > MAX_TTL_SECONDS) throw new Error(`cache TTL ${ttlSeconds}s is longer than the generations can be trusted`)
      let entryKey: string
      try {
        const generations = await store.generations(scopes)
        entryKey = `cache:${key}@${generations.join('.')}`
        const hit = await store.get(entryKey)
        if (hit !== undefined) return hit as T
      } catch {
        failures.add('read')
        return compute()
      }
      const value = await compute()
      try {
        await store.set(entryKey, JSON.stringify(value), ttlSeconds)
      } catch {
        failures.add('write')
      }
      return value
    },
    async bump (...scopes: string[]) {
      if (scopes.length === 0) return
      try {
        await store.bump(scopes)
      } catch (error) {
        // The write it follows has happened; failing the request now would not undo it. Entries of the
        // old generation may then be read until their TTL — logged as an error, not only counted.
        fastify.log.error({ err: error, scopes }, 'cache invalidation failed; cached answers may be stale until they expire')
      }
    }
  } satisfies Cache)
}

function redisStore (redis: Redis): Store {
  return {
    generations: async (scopes) => scopes.length === 0 ? [] : (await redis.mget(scopes.map((scope) => `gen:${scope}`))).map(Number),
    get: async (key) => {
      const text = await redis.get(key)
      return text === null ? undefined : deepFreeze(JSON.parse(text))
    },
    set: async (key, text, ttlSeconds) => { await redis.set(key, text, 'EX', ttlSeconds) },
    bump: async (scopes) => {
      const pipeline = redis.pipeline()
      for (const scope of scopes) pipeline.incr(`gen:${scope}`).expire(`gen:${scope}`, GENERATION_TTL_SECONDS)
      const results = await pipeline.exec()
      const failed = results?.find(([error]) => error)
      if (failed) throw failed[0]
    }
  }
}

function memoryStore (config: Config): Store {
  // Bounded by count and by size (UTF-16: two bytes per character of key and JSON text), whichever comes first.
  const entries = new LRUCache<string, { value: unknown }>({
    max: config.CACHE_MAX_ENTRIES,
    maxSize: config.CACHE_MAX_MB * 1024 * 1024
  })
  const generations = scopeGenerations(config.CACHE_MAX_ENTRIES)
  return {
    generations: (scopes) => scopes.map(generations.of),
    get: (key) => entries.get(key)?.value,
    set: (key, text, ttlSeconds) => {
      entries.set(key, { value: deepFreeze(JSON.parse(text)) }, { ttl: ttlSeconds * 1000, size: 2 * (text.length + key.length) })
    },
    bump: (scopes) => { for (const scope of scopes) generations.bump(scope) }
  }
}

/**
 * The current generation of each scope, for at most `max` scopes (the least recently used go first).
 * Every bump takes a number never handed out before. A scope with no entry reads `floor`, which
 * moves on to a new number whenever a bumped scope is evicted: its entries, and those of every
 * scope never bumped since, are then built on a generation no scope reads again. An eviction costs
 * a re-computation of those answers, never a stale one.
 */
export function scopeGenerations (max: number) {
  let last = 0
  let floor = 0
  const bumped = new LRUCache<string, number>({ ...countBound(max), dispose: (_generation, _scope, reason) => { if (reason === 'evict') floor = ++last } })
  return {
    of: (scope: string) => bumped.get(scope) ?? floor,
    bump: (scope: string) => { bumped.set(scope, ++last) }
  }
}

/** `value` with every object and array in it frozen; JSON.parse gives a tree, so no cycle is possible. */
function deepFreeze (value: unknown): unknown {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

export default fp(cachePlugin, { name: 'cache', dependencies: ['redis'] })
