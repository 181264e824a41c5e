import type { Db, Document, Filter } from 'mongodb'
import type { Taking } from '../sessions/write-gate.js'
import { COLLECTIONS, type LogDoc, type SessionDoc, type SessionStatus } from '../documents.js'
import { oid } from '../../lib/mongo.js'
import { MAX_SET_NUMBER, setKey } from './rules.js'

/** What a write needs numbered: a set of `exercise` in `session`, with or without its own number. */
export interface NumberedDraft { session: string, exercise: string, numbered: boolean }

const counterPath = (exercise: string) => `set_counters.${exercise}`

/** A session as a set write first reads it: whose it is, its status, its counters. */
export interface SessionNumbers { id: string, owner: number, status: SessionStatus, counters: Record<string, number> }

/** One session's part of a reservation (write-gate's Taking), and the counters as they were before it. */
export type Reservation = Taking & { before: (after: Document) => Array<[string, number]> }

/** The statuses of these sessions and their counters keyed by `setKey` (what assignSetNumbers continues from). */
export function tally (docs: readonly SessionNumbers[]): { statuses: Map<string, SessionStatus>, counters: Map<string, number> } {
  return {
    statuses: new Map(docs.map((doc) => [doc.id, doc.status])),
    counters: new Map(docs.flatMap((doc) => Object.entries(doc.counters).map(([exercise, n]) => [setKey(doc.id, exercise), n])))
  }
}

/**
 * Server-assigned set numbers, atomic without transactions: each session document counts the sets
 * of each exercise (`set_counters`), and a write takes its numbers with one `$inc` per session that
 * returns the new counts — two concurrent writes can never be handed the same range.
 */
export function createSetNumbers (db: Db) {
  const sessions = db.collection<SessionDoc>(COLLECTIONS.sessions)
  const logs = db.collection<LogDoc>(COLLECTIONS.logs)

  /** Sessions stored before the counters existed start from the sets they hold; the first seed wins. */
  async function seed (sessionId: string): Promise<void> {
    const groups = await logs.aggregate<{ _id: LogDoc['exercise_id'], n: number }>([
      { $match: { workout_session_id: oid(sessionId) } },
      { $group: { _id: '$exercise_id', n: { $sum: 1 } } }
    ]).toArray()
    const counters = Object.fromEntries(groups.map(({ _id, n }) => [_id.toHexString(), n]))
    await sessions.updateOne({ _id: oid(sessionId), set_counters: { $exists: false } }, { $set: { set_counters: counters } })
  }

  async function load (filter: Filter<SessionDoc>): Promise<SessionNumbers[]> {
    const find = () => sessions.find(filter, { projection: { user_id: 1, status: 1, set_counters: 1 } }).toArray()
    let docs = await find()
    const unseeded = docs.filter((doc) => doc.set_counters === undefined)
    if (unseeded.length > 0) {
      await Promise.all(unseeded.map((doc) => seed(doc._id.toHexString())))
      docs = await find()
    }
    return docs.map((doc) => ({ id: doc._id.toHexString(), owner: doc.user_id, status: doc.status, counters: doc.set_counters ?? {} }))
  }

  /** The user's sessions among these: each one's status, and the counters keyed by `setKey`. */
  async function read (sessionIds: readonly string[], userId: number) {
    return tally(await load({ _id: { $in: sessionIds.map(oid) }, user_id: userId }))
  }

  /**
   * Takes one number for each of `drafts` (all of `session`) in one atomic update: the $inc, and
   * the condition that an unnumbered set does not pass MAX_SET_NUMBER.
   */
  function reservation (session: string, drafts: readonly NumberedDraft[]): Reservation {
    const inc: Record<string, number> = {}
    const roomFor: Record<string, number> = {} // the counter may be at most this for the last unnumbered set to fit
    drafts.forEach(({ exercise, numbered }) => {
      inc[exercise] = (inc[exercise] ?? 0) + 1
      if (!numbered) roomFor[exercise] = MAX_SET_NUMBER - inc[exercise]
    })
    const fits = Object.entries(roomFor).map(([exercise, room]) => ({ [counterPath(exercise)]: { $not: { $gt: room } } }))
    const incBy = (sign: 1 | -1) => ({ $inc: Object.fromEntries(Object.entries(inc).map(([exercise, n]) => [counterPath(exercise), sign * n])) })
    const after = (doc: Document, exercise: string, n: number): number => (doc.set_counters as Record<string, number> | undefined)?.[exercise] ?? n
    return {
      filter: fits.length > 0 ? { $and: fits } : {},
      update: incBy(1),
      projection: { set_counters: 1 },
      before: (doc) => Object.entries(inc).map(([exercise, n]) => [setKey(session, exercise), after(doc, exercise, n) - n]),
      // Only while no later write has taken numbers after these (as giveBack).
      undo: async (doc) => {
        const at = Object.fromEntries(Object.entries(inc).map(([exercise, n]) => [counterPath(exercise), after(doc, exercise, n)]))
        await sessions.updateOne({ _id: oid(session), ...at }, incBy(-1))
      }
    }
  }

  return {
    /** The sessions among these, whoever owns them (each with its owner): the one read a set write starts with. */
    async sessions (sessionIds: readonly string[]): Promise<SessionNumbers[]> {
      return await load({ _id: { $in: sessionIds.map(oid) } })
    },

    /** One read for what a write checks first: the sessions' statuses (sessions of others are absent) and their counters. */
    read,

    /** The counters of the user's sessions among these, keyed by `setKey`. */
    async current (sessionIds: readonly string[], userId: number): Promise<Map<string, number>> {
      return (await read(sessionIds, userId)).counters
    },

    /** The reservation of the drafts of `session`, to be taken with its write lease (write-gate's holdTaking). */
    reservation: (session: string, drafts: readonly NumberedDraft[]) => reservation(session, drafts.filter((draft) => draft.session === session)),

    /** Deleting a pair's latest set gives its number back, so logging it again reuses it. */
    async giveBack (session: string, exercise: string, setNumber: number): Promise<void> {
      await sessions.updateOne({ _id: oid(session), [counterPath(exercise)]: setNumber }, { $inc: { [counterPath(exercise)]: -1 } })
    }
  }
}

export type SetNumbers = ReturnType<typeof createSetNumbers>
