import type { Db, Document } from 'mongodb'
import { COLLECTIONS } from '../documents.js'
import { createLeaseGate, type Release, whileHolding } from '../../lib/lease-gate.js'
import { oid } from '../../lib/mongo.js'
import { ConflictError, InUseError, NotFoundError } from '../../errors.js'
import { stillAt, type WriteVersion } from '../../lib/versioned-write.js'

/**
 * An exercise is never deleted out from under a reference, without transactions: whoever writes a
 * reference to exercises (workouts, set logs) holds a short lease on each of them, and a delete
 * first marks the exercise (`deleting`, no new lease from then on), waits for the leases already
 * out, and only then looks for references — refusing (409 IN_USE) when it finds one.
 */
export function createReferenceGate (db: Db) {
  const exercises = db.collection(COLLECTIONS.exercises)
  const gate = createLeaseGate(exercises, { leases: 'reference_leases', claim: 'deleting' })

  const refusal = () => new ConflictError('An exercise in this request is being deleted; it can no longer be used')

  /** A lease on each of these exercises (released by the Release); 409 CONFLICT when one is being (or just was) deleted. */
  async function hold (exerciseIds: readonly string[]): Promise<Release> {
    const ids = [...new Set(exerciseIds)]
    if (ids.length === 0) return async () => {}
    const filter = { _id: { $in: ids.map(oid) } }
    const lease = await gate.acquire(filter, ids.length)
    if (!lease) throw refusal()
    return async () => { await gate.release(filter, lease) }
  }

  /**
   * hold, and these exercises as `projection` shapes them, in the round trip of the lease: one
   * findOneAndUpdate for one exercise; for several, the leasing update beside a find. `release` is
   * null when the lease was refused (one is being deleted): the caller decides when that is its
   * answer. Missing exercises are absent from `docs` and need no lease (nothing holds them).
   */
  async function holdReading (exerciseIds: readonly string[], projection: Document): Promise<{ docs: Document[], release: Release | null }> {
    const ids = [...new Set(exerciseIds)]
    if (ids.length === 0) return { docs: [], release: async () => {} }
    if (ids.length === 1) {
      const filter = { _id: oid(ids[0]!) }
      const got = await gate.acquireWith(filter, {}, projection)
      if (got) return { docs: [got.doc], release: async () => { await gate.release(filter, got.lease) } }
      const doc = await exercises.findOne(filter, { projection })
      return doc ? { docs: [doc], release: null } : { docs: [], release: async () => {} }
    }
    const filter = { _id: { $in: ids.map(oid) } }
    const [lease, docs] = await Promise.all([gate.acquire(filter, ids.length), exercises.find(filter, { projection }).toArray()])
    if (lease) return { docs, release: async () => { await gate.release(filter, lease) } }
    return { docs, release: docs.length < ids.length ? async () => {} : null }
  }

  return {
    hold,

    holdReading,

    /** The 409 hold throws when a lease is refused. */
    refusal,

    /** Runs `write` while none of these exercises can be deleted; 409 CONFLICT when one is being (or just was) deleted. */
    async whileReferencing<T> (exerciseIds: readonly string[], write: () => Promise<T>): Promise<T> {
      return await whileHolding([hold(exerciseIds)], write)
    },

    /**
     * Deletes the exercise unless `inUse` finds a reference (409 IN_USE), with no reference written
     * meanwhile. Under If-Match (`version.expected`) the claim and the delete both require that
     * version: false, nothing deleted, when the exercise is at another one.
     */
    async removeUnlessUsed (id: string, inUse: () => Promise<boolean>, version: WriteVersion = {}): Promise<boolean> {
      const filter = { _id: oid(id) }
      const claim = await gate.claim({ ...filter, ...stillAt(version) }, 'deleted')
      if (!claim) {
        const current = await exercises.findOne(filter, { projection: { _id: 1, updated_at: 1 } })
        if (!current) throw new NotFoundError('Exercise')
        if (version.expected !== undefined && (current.updated_at as Date).getTime() !== Date.parse(version.expected)) return false
        throw new ConflictError('This exercise is being deleted by another request')
      }
      try {
        if (!await gate.drained(filter)) throw new InUseError('This exercise is being used by a request under way; retry shortly')
        if (await inUse()) throw new InUseError('This exercise is used by workouts or logged sets; remove those first')
        // An edit may land between the claim and here (edits do not wait for claims).
        return (await exercises.deleteOne({ ...filter, 'deleting.id': claim.id, ...stillAt(version) })).deletedCount === 1 || version.expected === undefined
      } finally {
        await gate.unclaim(filter, claim)
      }
    }
  }
}

export type ReferenceGate = ReturnType<typeof createReferenceGate>
