import { LRUCache } from 'lru-cache'
import type { Redis } from 'ioredis'
import type { FastifyBaseLogger } from 'fastify'
import type { ActiveToken } from '../modules/auth/token-repository.js'

/** What a replica is told to forget: one token, or every token of one user. */
type Invalidation = { token: number } | { user: number }

export interface TokenCache {
  /** The cached token for `tokenHash` when it is still fresh, else `find`'s answer (cached when that is safe). */
  lookup (tokenHash: string, find: (tokenHash: string) => Promise<ActiveToken | null>): Promise<ActiveToken | null>
  /** Forgets the token here and, with Redis, on every replica before it resolves. */
  forgetToken (tokenId: number): Promise<void>
  /** Forgets every token of the user here and, with Redis, on every replica before it resolves. */
  forgetUser (userId: number): Promise<void>
  close (): Promise<void>
}

interface TokenCacheOptions {
  ttlMs: number
  log: FastifyBaseLogger
  /** The shared client; the cache subscribes on a `duplicate()` of it. */
  redis?: Redis
  channel: string
}

/**
 * The per-replica token cache (TOKEN_CACHE_TTL_MS; 0 turns it off). With Redis, every forget is
 * published on `channel` and applied by every replica's subscriber; the writer awaits the publish,
 * which Redis answers after handing the message to every subscriber's connection.
 *
 * Two rules keep a stale entry from being served:
 * - an epoch, bumped by every forget this replica applies: a database read that began before a
 *   forget is returned but not cached (it may predate the revocation);
 * - with Redis, entries are trusted only while the subscription is live. When the subscriber
 *   connection drops, messages may be lost, so the cache is emptied and bypassed (every request
 *   reads the database) until it has subscribed again.
 */
export async function createTokenCache ({ ttlMs, log, redis, channel }: TokenCacheOptions): Promise<TokenCache> {
  const entries = ttlMs > 0 ? new LRUCache<string, ActiveToken>({ max: 10_000, ttl: ttlMs }) : undefined
  let epoch = 0
  let listening = redis === undefined

  // Revocations are rare, so a scan of the (bounded) cache beats keeping a second index.
  function forget (message: Invalidation): void {
    epoch += 1
    const match = 'token' in message ? (entry: ActiveToken) => entry.user.tokenId === message.token : (entry: ActiveToken) => entry.user.id === message.user
    for (const [key, entry] of entries?.entries() ?? []) if (match(entry)) entries?.delete(key)
  }
  function distrust (): void {
    epoch += 1
    listening = false
    entries?.clear()
  }

  const subscriber = redis && entries ? await subscribe(redis, channel, log, { forget, distrust, trust: () => { epoch += 1; listening = true } }) : undefined

  async function publish (message: Invalidation): Promise<void> {
    forget(message)
    if (!redis || !entries) return
    try {
      await redis.publish(channel, JSON.stringify(message))
    } catch (error) {
      // The write it follows is done; the other replicas drop their entries by themselves only if
      // they lost Redis too. Otherwise theirs may be served until TOKEN_CACHE_TTL_MS: an error, not a warning.
      log.error({ err: error, invalidation: message }, 'token cache invalidation could not be published; other replicas may accept the old credentials until their cache entries expire')
    }
  }

  return {
    async lookup (tokenHash, find) {
      const cached = listening ? entries?.get(tokenHash) : undefined
      if (cached && cached.expiresAt.getTime() > Date.now()) return cached
      const startedAt = epoch
      const found = await find(tokenHash)
      if (found && listening && epoch === startedAt) entries?.set(tokenHash, found)
      return found
    },
    forgetToken: (tokenId) => publish({ token: tokenId }),
    forgetUser: (userId) => publish({ user: userId }),
    async close () { await subscriber?.quit().catch(() => subscriber.disconnect()) }
  }
}

interface SubscriberEvents { forget: (message: Invalidation) => void, distrust: () => void, trust: () => void }

/** A subscriber connection of its own (a subscribed connection can run no other command). */
async function subscribe (redis: Redis, channel: string, log: FastifyBaseLogger, events: SubscriberEvents): Promise<Redis> {
  // Resubscribed by hand on every reconnect, so the cache is trusted again only once that succeeded.
  const subscriber = redis.duplicate({ autoResubscribe: false, enableOfflineQueue: true })
  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return
    const message = parsed(text)
    if (message) events.forget(message)
    else log.warn({ channel, text }, 'ignored a malformed token cache invalidation')
  })
  subscriber.on('close', events.distrust)
  subscriber.on('error', (error: Error) => log.warn({ err: error }, 'token cache subscriber: Redis error; the cache is bypassed until it reconnects'))
  let subscribed: () => void
  const first = new Promise<void>((resolve, reject) => {
    subscribed = resolve
    subscriber.once('end', () => reject(new Error('token cache subscriber could not connect to Redis')))
  })
  subscriber.on('ready', () => {
    subscriber.subscribe(channel).then(() => { events.trust(); subscribed() }, (error: unknown) => log.warn({ err: error }, 'token cache subscriber could not subscribe'))
  })
  await first
  return subscriber
}

function parsed (text: string): Invalidation | undefined {
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value !== 'object' || value === null) return undefined
    if ('token' in value && Number.isInteger(value.token)) return { token: value.token as number }
    if ('user' in value && Number.isInteger(value.user)) return { user: value.user as number }
  } catch {}
  return undefined
}
