import type { Db } from 'mongodb'
import { COLLECTIONS, type SessionDoc, type SessionStatus } from '../documents.js'
import { createLeaseGate, DRAIN_MS } from '../../lib/lease-gate.js'
import { oid } from '../../lib/mongo.js'
import { NotFoundError, SessionBusyError, StateConflictError } from '../../errors.js'
import { isClosed } from './rules.js'

const OPEN: SessionStatus[] = ['planned', 'in_progress']

/** How a session is being ended, for messages: "a session that is being completed". */
export type ClosingReason = 'completed' | 'cancelled' | 'deleted'

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
    const docs = await sessions.find({ _id: { $in: ids.map(oid) }, user_id: userId }, { projection: { status: 1, closing: 1 } }).toArray()
    if (docs.length < ids.length) return new StateConflictError('Cannot change sets of a session that was deleted')
    const closed = docs.find((doc) => isClosed(doc.status))
    if (closed) return new StateConflictError(`Cannot change sets of a session that is ${closed.status}`)
    const reason = docs.find((doc) => doc.closing)?.closing?.reason ?? 'closed'
    return new StateConflictError(`Cannot change sets of a session that is being ${reason}`)
  }

  return {
    /** Runs `write` while holding each session open; 409 when one is ended or being ended. */
    async whileWriting<T> (sessionIds: readonly string[], userId: number, write: () => Promise<T>): Promise<T> {
      const ids = [...new Set(sessionIds)]
      const filter = { _id: { $in: ids.map(oid) }, user_id: userId }
      const lease = await gate.acquire({ ...filter, status: { $in: OPEN } }, ids.length)
      if (!lease) throw await refusal(ids, userId)
      try {
        return await write()
      } finally {
        await gate.release(filter, lease)
      }
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
