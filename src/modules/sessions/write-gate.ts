import type { Db, Document, Filter } from 'mongodb'
import { COLLECTIONS, type SessionDoc, type SessionStatus } from '../documents.js'
import { createLeaseGate, DRAIN_MS, type Lease, type Release, whileHolding } from '../../lib/lease-gate.js'
import { oid } from '../../lib/mongo.js'
import { NotFoundError, SessionBusyError, StateConflictError } from '../../errors.js'
import { isClosed } from './rules.js'

const OPEN: SessionStatus[] = ['planned', 'in_progress']

/** How a session is being ended, for messages: "a session that is being completed". */
export type ClosingReason = 'completed' | 'cancelled' | 'deleted'

/** A conditional change made together with a session's lease (the set-number reservation), and how to undo it. */
export interface Taking {
  filter: Filter<Document>
  update: Document
  projection: Document
  /** Undoes the change, given the session as the update left it (when a later session refuses). */
  undo: (after: Document) => Promise<void>
}

/** The sessions held, each as the update left it, and how to let them go (undoing the changes when unused). */
export interface Taken { docs: Map<string, Document>, release: Release }

/**
 * Keeps a session's sets and its end apart, without transactions: every request that writes sets
 * (insert, change, delete) holds a short lease on each session it touches, and ending a session
 * (complete, cancel, delete) first claims it — no new lease from then on — and waits for the leases
 * already out. So totals computed after the wait count every set the session will ever hold.
 */
export function createSessionWriteGate (db: Db, drainMs = DRAIN_MS) {
  const sessions = db.collection<SessionDoc>(COLLECTIONS.sessions)
  const gate = createLeaseGate(db.collection(COLLECTIONS.sessions), { leases: 'write_leases', claim: 'closing' }, drainMs)

  /** Why the lease was refused (409): a session was deleted meanwhile, is ended or is being ended. */
  async function refusal (ids: readonly string[], userId: number): Promise<Error> {
    return await refusalUnlessOpen(ids, userId) ?? new StateConflictError('Cannot change sets of a session that is being closed')
  }

  /** refusal's 409, or null when every session is there, open and unclaimed (so some other condition failed). */
  async function refusalUnlessOpen (ids: readonly string[], userId: number): Promise<Error | null> {
    const docs = await sessions.find({ _id: { $in: ids.map(oid) }, user_id: userId }, { projection: { status: 1, closing: 1 } }).toArray()
    if (docs.length < ids.length) return new StateConflictError('Cannot change sets of a session that was deleted')
    const closed = docs.find((doc) => isClosed(doc.status))
    if (closed) return new StateConflictError(`Cannot change sets of a session that is ${closed.status}`)
    const claimed = docs.find((doc) => gate.isClaimed(doc))
    return claimed ? new StateConflictError(`Cannot change sets of a session that is being ${claimed.closing?.reason ?? 'closed'}`) : null
  }

  /** A lease on each session (released by the Release); 409 when one is ended or being ended. */
  async function hold (sessionIds: readonly string[], userId: number): Promise<Release> {
    const ids = [...new Set(sessionIds)]
    const filter = { _id: { $in: ids.map(oid) }, user_id: userId }
    const lease = await gate.acquire({ ...filter, status: { $in: OPEN } }, ids.length)
    if (!lease) throw await refusal(ids, userId)
    return async () => { await gate.release(filter, lease) }
  }

  return {
    hold,

    /** Runs `write` while holding each session open; 409 when one is ended or being ended. */
    async whileWriting<T> (sessionIds: readonly string[], userId: number, write: () => Promise<T>): Promise<T> {
      return await whileHolding([hold(sessionIds, userId)], write)
    },

    /**
     * hold's leases, each taken in one atomic update with `take(session)`'s conditional change, so
     * a set write needs one round trip per session for both. Sessions are taken in turn; when one
     * refuses, those taken are let go and their changes undone, then: 409 when it is ended or being
     * ended, else (it failed `take`'s condition) null.
     */
    async holdTaking (sessionIds: readonly string[], userId: number, take: (session: string) => Taking): Promise<Taken | null> {
      const docs = new Map<string, Document>()
      const held: Array<{ id: string, lease: Lease, undo: Taking['undo'] }> = []
      const letGo = async (undo: boolean) => {
        await Promise.all(held.map(async ({ id, lease, undo: undoChange }) => {
          if (undo) await undoChange(docs.get(id)!)
          await gate.release({ _id: oid(id) }, lease)
        }))
      }
      for (const id of new Set(sessionIds)) {
        const { filter, update, projection, undo } = take(id)
        const got = await gate.acquireWith({ $and: [{ _id: oid(id), user_id: userId, status: { $in: OPEN } }, filter] }, update, projection)
        if (!got) {
          await letGo(true)
          const refused = await refusalUnlessOpen([id], userId)
          if (refused) throw refused
          return null
        }
        docs.set(id, got.doc)
        held.push({ id, lease: got.lease, undo })
      }
      return { docs, release: async (used) => { await letGo(!used) } }
    },

    /**
     * Runs `finish` once no set write is under way and none can start. 409 SESSION_BUSY when another
     * request is ending the session, or when the writes under way do not finish within DRAIN_MS.
     */
    async whileClosing<T> (sessionId: string, userId: number, reason: ClosingReason, finish: () => Promise<T>): Promise<T> {
      const filter = { _id: oid(sessionId), user_id: userId }
      const claim = await gate.claim(filter, reason)
      if (!claim) {
        const other = await gate.liveClaim(filter)
        if (!other && !await sessions.findOne(filter, { projection: { _id: 1 } })) throw new NotFoundError('Session')
        throw new SessionBusyError(`The session is being ${other?.reason ?? 'changed'} by another request; retry shortly`)
      }
      try {
        if (!await gate.drained(filter)) throw new SessionBusyError('Sets are still being written to this session; retry shortly')
        return await finish()
      } finally {
        await gate.unclaim(filter, claim)
      }
    }
  }
}

export type SessionWriteGate = ReturnType<typeof createSessionWriteGate>
