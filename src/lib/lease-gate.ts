import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Collection, Document, Filter } from 'mongodb'
import { createWriteBatcher } from './write-batcher.js'

/** A short hold on a document, stored in it; it lapses on its own so a crashed holder never blocks for good. */
export interface Lease { id: string, expires_at: Date }
/** A claim to end (complete, delete …) the document; while it is live no new lease is granted. */
export interface Claim extends Lease { reason: string }

export const LEASE_MS = 30_000
/**
 * Leases are written without waiting for the journal (`j: false`): a lease only matters while its
 * holder runs, it lapses by itself after a crash, and the durable write made under it is journaled
 * after it, so its acknowledgement makes the lease's change (a counter's $inc) durable too. A set
 * write then waits for one journal flush instead of four.
 */
const LEASE_WRITES = { writeConcern: { j: false } }

/** How long a claimant waits for the leases already granted to be returned before giving up. */
export const DRAIN_MS = 2_000

/** Gives back what a hold took; `used` is false when the write it was taken for never ran (so a change taken with it can be undone). */
export type Release = (used: boolean) => Promise<void>

/**
 * Runs `write` while holding what every one of `holds` takes; the holds are asked for side by side
 * (none waits for another: a refused lease is never waited on). When one is refused, the others are
 * given back and the first refusal, in the order given, is thrown. Everything is given back together after.
 */
export async function whileHolding<T> (holds: ReadonlyArray<Promise<Release>>, write: () => Promise<T>): Promise<T> {
  const settled = await Promise.allSettled(holds)
  const releases = settled.flatMap((hold) => hold.status === 'fulfilled' ? [hold.value] : [])
  const refused = settled.find((hold) => hold.status === 'rejected')
  try {
    if (refused) throw refused.reason
    return await write()
  } finally {
    await Promise.all(releases.map(async (release) => await release(refused === undefined)))
  }
}

/**
 * Mutual exclusion without transactions, built from single-document atomic updates: writers push
 * a lease onto the document (refused while a live claim is set), a claimant sets its claim (refused
 * while another is live), then waits until no live lease remains. Every lease granted before the
 * claim is seen by the wait; every lease asked for after it is refused.
 */
export function createLeaseGate (collection: Collection<Document>, fields: { leases: string, claim: string }, drainMs = DRAIN_MS) {
  const { leases, claim } = fields
  const unclaimed = (now: Date): Filter<Document> => ({ $or: [{ [claim]: null }, { [`${claim}.expires_at`]: { $lte: now } }] })
  const fresh = (now: Date) => ({ id: randomUUID(), expires_at: new Date(now.getTime() + LEASE_MS) })

  // Every write gives its leases back: under load, those of concurrent writes go in one command.
  const releases = createWriteBatcher(collection, LEASE_WRITES)
  async function release (filter: Filter<Document>, lease: Lease): Promise<void> {
    await releases.updateMany(filter, { $pull: { [leases]: { id: lease.id } } } as Document)
  }

  return {
    /** A lease on each of the `count` documents matching `filter`, or null (none kept) when any is missing or claimed. */
    async acquire (filter: Filter<Document>, count: number): Promise<Lease | null> {
      const now = new Date()
      const lease = fresh(now)
      const { modifiedCount } = await collection.updateMany({ $and: [filter, unclaimed(now)] }, { $push: { [leases]: lease } } as Document, LEASE_WRITES)
      if (modifiedCount === count) return lease
      if (modifiedCount > 0) await release(filter, lease)
      return null
    },

    release,

    /**
     * A lease on the one document matching `filter`, pushed in the same atomic update as `also`
     * (e.g. an $inc of counters), so both cost one round trip: the document after the update (as
     * `projection` shapes it), or null — nothing changed — when it is missing, claimed or fails `filter`.
     */
    async acquireWith (filter: Filter<Document>, also: Document, projection: Document): Promise<{ lease: Lease, doc: Document } | null> {
      const now = new Date()
      const lease = fresh(now)
      const doc = await collection.findOneAndUpdate({ $and: [filter, unclaimed(now)] }, { ...also, $push: { [leases]: lease } } as Document, { ...LEASE_WRITES, returnDocument: 'after', projection })
      return doc ? { lease, doc } : null
    },

    /** Whether the document holds a live claim, as the acquiring update judges it. */
    isClaimed: (doc: Document, now = new Date()) => {
      const held = doc[claim] as Claim | null | undefined
      return held != null && held.expires_at > now
    },

    /** Sets a claim on the document matching `filter`, or null when none matches or another claim is live. */
    async claim (filter: Filter<Document>, reason: string): Promise<Claim | null> {
      const now = new Date()
      const set = { ...fresh(now), reason }
      const doc = await collection.findOneAndUpdate({ $and: [filter, unclaimed(now)] }, { $set: { [claim]: set } }, { projection: { _id: 1 } })
      if (!doc) return null
      // Leases left by crashed holders never block (only live ones count); they are swept here,
      // where it is rare, rather than on every release.
      await collection.updateOne(filter, { $pull: { [leases]: { expires_at: { $lte: now } } } } as Document)
      return set
    },

    /** Waits until the claimed document holds no live lease; false after `drainMs`. */
    async drained (filter: Filter<Document>): Promise<boolean> {
      const deadline = Date.now() + drainMs
      for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
        const busy = await collection.findOne({ $and: [filter, { [leases]: { $elemMatch: { expires_at: { $gt: new Date() } } } }] }, { projection: { _id: 1 } })
        if (!busy) return true
        if (Date.now() + pause > deadline) return false
        await sleep(pause)
      }
    },

    async unclaim (filter: Filter<Document>, held: Claim): Promise<void> {
      await collection.updateOne({ $and: [filter, { [`${claim}.id`]: held.id }] }, { $set: { [claim]: null } })
    },

    /** The live claim on the document matching `filter`, if any (to say why a lease was refused). */
    async liveClaim (filter: Filter<Document>): Promise<Claim | null> {
      const doc = await collection.findOne({ $and: [filter, { [`${claim}.expires_at`]: { $gt: new Date() } }] }, { projection: { [claim]: 1 } })
      return (doc?.[claim] as Claim | undefined) ?? null
    }
  }
}

export type LeaseGate = ReturnType<typeof createLeaseGate>
