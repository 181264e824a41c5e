import { randomBytes } from 'node:crypto'
import { Binary, type Collection, type Db, type ObjectId } from 'mongodb'
import { isDuplicateKey } from '../../lib/mongo.js'
import type { IndexDeclaration } from '../../lib/mongo-indexes.js'
import { KEY_RETENTION_MS } from './rules.js'

export const IDEMPOTENCY_COLLECTION = 'idempotency_keys'

/** One key of one user: claimed (pending) while its request runs, then the response to replay. */
export interface IdempotencyDoc {
  _id?: ObjectId
  user_id: number
  key: string
  fingerprint: string
  state: 'pending' | 'complete'
  /** Who holds the pending claim; a completion only lands if the claim is still its own. */
  claim: string
  /** A pending claim older than this belongs to a request that died; the next retry takes over. */
  lease_until: Date
  status?: number
  headers?: Record<string, string>
  body?: string | Binary
  created_at: Date
}

export interface StoredResponse { status: number, headers: Record<string, string>, body: string | Buffer }

export type ClaimResult =
  | { outcome: 'claimed', claim: string }
  | { outcome: 'running' }
  | { outcome: 'mismatch' }
  | { outcome: 'replay', response: StoredResponse }

export const idempotencyIndexes: IndexDeclaration[] = [
  { collection: IDEMPOTENCY_COLLECTION, key: { user_id: 1, key: 1 }, options: { name: 'user_key_unique', unique: true } },
  // MongoDB (and the embedded store) delete expired keys only once a minute, so reads below
  // treat a record older than the retention as absent and claims overwrite it.
  { collection: IDEMPOTENCY_COLLECTION, key: { created_at: 1 }, options: { name: 'created_at_ttl', expireAfterSeconds: KEY_RETENTION_MS / 1000 } }
]

export function createIdempotencyStore (db: Db, leaseMs: number) {
  const keys: Collection<IdempotencyDoc> = db.collection<IdempotencyDoc>(IDEMPOTENCY_COLLECTION)

  const fresh = (userId: number, key: string, fingerprint: string): IdempotencyDoc => {
    const now = Date.now()
    const claim = randomBytes(12).toString('hex')
    return { user_id: userId, key, fingerprint, state: 'pending', claim, lease_until: new Date(now + leaseMs), created_at: new Date(now) }
  }

  const responseOf = (doc: IdempotencyDoc): StoredResponse => ({
    status: doc.status!,
    headers: doc.headers ?? {},
    body: doc.body instanceof Binary ? Buffer.from(doc.body.buffer) : doc.body ?? ''
  })

  /** Claims the key with one insert; the unique index decides between concurrent retries. */
  async function claim (userId: number, key: string, fingerprint: string): Promise<ClaimResult> {
    // Twice at most: a dead or expired record is taken over once; losing that race means another retry runs now.
    for (let attempt = 0; attempt < 2; attempt++) {
      const doc = fresh(userId, key, fingerprint)
      try {
        await keys.insertOne(doc)
        return { outcome: 'claimed', claim: doc.claim }
      } catch (error) {
        if (!isDuplicateKey(error)) throw error
      }
      const existing = await keys.findOne({ user_id: userId, key })
      if (!existing) continue // deleted in between (a 5xx released it): insert again
      const now = Date.now()
      const expired = existing.created_at.getTime() <= now - KEY_RETENTION_MS
      const abandoned = existing.state === 'pending' && existing.lease_until.getTime() <= now
      if (expired || abandoned) {
        const { _id: _ignored, ...replacement } = doc
        const taken = await keys.replaceOne({ _id: existing._id, claim: existing.claim }, replacement)
        if (taken.modifiedCount === 1) return { outcome: 'claimed', claim: doc.claim }
        continue
      }
      if (existing.fingerprint !== fingerprint) return { outcome: 'mismatch' }
      if (existing.state === 'pending') return { outcome: 'running' }
      return { outcome: 'replay', response: responseOf(existing) }
    }
    return { outcome: 'running' }
  }

  return {
    claim,
    /** Stores the response for replay, unless the claim was lost (the lease ran out and a retry took over). */
    async complete (userId: number, key: string, claimId: string, response: StoredResponse): Promise<void> {
      const body = Buffer.isBuffer(response.body) ? new Binary(response.body) : response.body
      await keys.updateOne({ user_id: userId, key, claim: claimId }, {
        $set: { state: 'complete', status: response.status, headers: response.headers, body }
      })
    },
    /** Forgets a claim whose response is not kept (5xx …), so a retry runs the request again. */
    async release (userId: number, key: string, claimId: string): Promise<void> {
      await keys.deleteOne({ user_id: userId, key, claim: claimId })
    },
    async removeAll (userId: number): Promise<void> {
      await keys.deleteMany({ user_id: userId })
    }
  }
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>
