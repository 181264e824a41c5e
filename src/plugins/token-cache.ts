import { randomBytes } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import type { Redis } from 'ioredis'
import type { FastifyBaseLogger } from 'fastify'
import type { ActiveToken } from '../modules/auth/token-repository.js'

/** What a replica is told to forget: one token, or every token of one user. */
type Invalidation = { token: number } | { user: number }
/** As published: `ack` names the message in the replicas' acknowledgements. */
type Published = Invalidation & { ack: string }

/** How long a write waits for every replica to confirm it has forgotten; after that it answers anyway (and logs). */
export const ACK_TIMEOUT_MS = 1000

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
 * published on `channel`; each replica's subscriber applies it and confirms on `channel:ack`, and
 * the forget resolves once every subscriber PUBLISH reached has confirmed (or after ACK_TIMEOUT_MS,
 * logged). Awaiting the publish alone is not enough: Redis answers it when the message is on its
 * way, and a busy replica may serve a cached request before it reads the message.
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

  const instance = randomBytes(6).toString('hex')
  let sent = 0
  const waiting = new Map<string, { needed: number, got: number, done: () => void }>()
  function acknowledged (ack: string): void {
    const waiter = waiting.get(ack)
    if (waiter && ++waiter.got >= waiter.needed) waiter.done()
  }

  const events: SubscriberEvents = {
    forget (message) {
      forget(message)
      // Confirmed only once forgotten, so the writer's response waits for this replica's cache.
      redis?.publish(`${channel}:ack`, message.ack).catch((error: unknown) => log.warn({ err: error }, 'token cache invalidation could not be confirmed'))
    },
    acknowledged,
    distrust,
    trust: () => { epoch += 1; listening = true }
  }
  const subscriber = redis && entries ? await subscribe(redis, channel, log, events) : undefined

  async function publish (message: Invalidation): Promise<void> {
    forget(message)
    if (!redis || !entries) return
    const ack = `${instance}:${++sent}`
    const waiter = { needed: Infinity, got: 0, done: () => {} }
    const allForgot = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ACK_TIMEOUT_MS)
      waiter.done = () => { clearTimeout(timer); resolve(true) }
    })
    waiting.set(ack, waiter)
    try {
      // PUBLISH answers with the number of subscribers it reached: every replica, this one included.
      waiter.needed = await redis.publish(channel, JSON.stringify({ ...message, ack } satisfies Published))
      if (waiter.got >= waiter.needed) waiter.done()
      if (!await allForgot) log.warn({ invalidation: message, replicas: waiter.needed, confirmed: waiter.got }, `token cache invalidation: not every replica confirmed within ${ACK_TIMEOUT_MS} ms`)
    } catch (error) {
      // The write it follows is done; the other replicas drop their entries by themselves only if
      // they lost Redis too. Otherwise theirs may be served until TOKEN_CACHE_TTL_MS: an error, not a warning.
      log.error({ err: error, invalidation: message }, 'token cache invalidation could not be published; other replicas may accept the old credentials until their cache entries expire')
    } finally {
      waiter.done()
      waiting.delete(ack)
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

interface SubscriberEvents { forget: (message: Published) => void, acknowledged: (ack: string) => void, distrust: () => void, trust: () => void }

/** A subscriber connection of its own (a subscribed connection can run no other command). */
async function subscribe (redis: Redis, channel: string, log: FastifyBaseLogger, events: SubscriberEvents): Promise<Redis> {
  // Resubscribed by hand on every reconnect, so the cache is trusted again only once that succeeded.
  const subscriber = redis.duplicate({ autoResubscribe: false, enableOfflineQueue: true })
  subscriber.on('message', (from: string, text: string) => {
    if (from === `${channel}:ack`) return events.acknowledged(text)
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
    subscriber.subscribe(channel, `${channel}:ack`).then(() => { events.trust(); subscribed() }, (error: unknown) => log.warn({ err: error }, 'token cache subscriber could not subscribe'))
  })
  await first
  return subscriber
}

function parsed (text: string): Published | undefined {
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value !== 'object' || value === null || !('ack' in value) || typeof value.ack !== 'string') return undefined
    if ('token' in value && Number.isInteger(value.token)) return { token: value.token as number, ack: value.ack }
    if ('user' in value && Number.isInteger(value.user)) return { user: value.user as number, ack: value.ack }
  } catch {}
  return undefined
}
