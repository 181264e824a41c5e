import createError from '@fastify/error'
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../config.js'
import { FieldError } from '../errors.js'
import { markIdempotentRoute } from './idempotency/document.js'
import { fingerprint, isReplayable, keyFrom, outcomeHeaders } from './idempotency/rules.js'
import { createIdempotencyStore, idempotencyIndexes } from './idempotency/store.js'

const KeyInUseError = createError<[string]>('IDEMPOTENCY_KEY_IN_USE', '%s', 409)
const KeyReusedError = createError<[string]>('IDEMPOTENCY_KEY_REUSED', '%s', 422)

interface KeyedRequest { key: string, fingerprint: string, claim?: string }

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on the POST routes that honour Idempotency-Key (idempotency/document.ts). */
    idempotencyKey?: boolean
  }
  interface FastifyRequest {
    /** The Idempotency-Key of this request and, once claimed, the claim to complete. */
    idempotency: KeyedRequest | null
  }
}

/**
 * Idempotency-Key on every authenticated POST (docs/idempotency-and-etags.md). The key is claimed
 * in MongoDB with one insert under a unique (user, key) index, so it holds across replicas: the
 * first request runs, concurrent retries get 409, later ones the stored response.
 */
async function idempotencyPlugin (fastify: FastifyInstance, { config }: { config: Config }) {
  const store = createIdempotencyStore(fastify.mongo.db!, config.IDEMPOTENCY_LEASE_MS)
  fastify.ensureMongoIndexes(idempotencyIndexes)
  fastify.accountCleanup.register('idempotency-keys', store.removeAll)
  fastify.decorateRequest('idempotency', null)
  fastify.addHook('onRoute', markIdempotentRoute)

  // Before validation, so the fingerprint is of the body as sent, not with defaults filled in.
  // Callback hooks with the cheap test first: every request passes here, and only authenticated
  // POSTs can hold a key (an async hook would cost each GET a promise and a routeOptions copy).
  fastify.addHook('preValidation', (request, _reply, done) => {
    if (request.method !== 'POST' || !request.user || request.routeOptions.config.idempotencyKey !== true) return done()
    try {
      keyRequest(request)
      done()
    } catch (error) {
      done(error as Error)
    }
  })
  function keyRequest (request: FastifyRequest): void {
    const key = keyFrom(request.headers['idempotency-key'])
    if (key === undefined) return
    if (key === null) throw new FieldError('headers/idempotency-key', 'must be 1–255 printable ASCII characters without space, " or \\ (optionally in double quotes)')
    request.idempotency = { key, fingerprint: fingerprint({ method: request.method, route: request.routeOptions.url ?? request.url, params: request.params, query: request.query, body: request.body }) }
  }

  // After validation: a request refused as invalid never ran, so it does not use up its key.
  fastify.addHook('preHandler', (request, reply, done) => {
    if (request.idempotency === null) return done()
    claim(request, reply).then(() => done(), done)
  })
  async function claim (request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const keyed = request.idempotency
    if (!keyed) return
    const result = await store.claim(request.user.id, keyed.key, keyed.fingerprint)
    if (result.outcome === 'claimed') {
      keyed.claim = result.claim
    } else if (result.outcome === 'running') {
      throw new KeyInUseError('A request with this Idempotency-Key is still being processed; retry after it has finished')
    } else if (result.outcome === 'mismatch') {
      throw new KeyReusedError('This Idempotency-Key was already used for a different request; use a new key for a new request')
    } else {
      const { status, headers, body } = result.response
      reply.code(status).headers(headers).header('idempotent-replayed', 'true').send(body)
    }
  }

  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (!request.idempotency?.claim) return done(null, payload)
    record(request, reply, payload).then((sent) => done(null, sent), done)
  })
  async function record (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const keyed = request.idempotency
    if (!keyed?.claim) return payload
    const claim = keyed.claim
    keyed.claim = undefined
    const storable = typeof payload === 'string' || Buffer.isBuffer(payload) || payload === null || payload === undefined
    try {
      if (storable && isReplayable(reply.statusCode)) {
        const body = payload ?? ''
        await store.complete(request.user.id, keyed.key, claim, { status: reply.statusCode, headers: outcomeHeaders(reply.getHeaders()), body })
      } else {
        await store.release(request.user.id, keyed.key, claim)
      }
    } catch (error) {
      // The response itself is fine; the key stays pending until its lease runs out, then a retry runs again.
      request.log.error({ err: error }, 'idempotency key not recorded')
    }
    return payload
  }
}

export default fp(idempotencyPlugin, { name: 'idempotency', dependencies: ['mongo', 'account-cleanup'] })
