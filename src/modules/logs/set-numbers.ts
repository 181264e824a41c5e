import type { Db, Document } from 'mongodb'
import { COLLECTIONS, type LogDoc, type SessionDoc, type SessionStatus } from '../documents.js'
import { oid } from '../../lib/mongo.js'
import { MAX_SET_NUMBER, setKey } from './rules.js'

/** What a write needs numbered: a set of `exercise` in `session`, with or without its own number. */
export interface NumberedDraft { session: string, exercise: string, numbered: boolean }

const counterPath = (exercise: string) => `set_counters.${exercise}`

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

  /** The user's sessions among these: each one's status, and the counters keyed by `setKey` (what assignSetNumbers continues from). */
  async function read (sessionIds: readonly string[], userId: number): Promise<{ statuses: Map<string, SessionStatus>, counters: Map<string, number> }> {
    const find = () => sessions.find({ _id: { $in: sessionIds.map(oid) }, user_id: userId }, { projection: { status: 1, set_counters: 1 } }).toArray()
    let docs = await find()
    const unseeded = docs.filter((doc) => doc.set_counters === undefined)
    if (unseeded.length > 0) {
      await Promise.all(unseeded.map((doc) => seed(doc._id.toHexString())))
      docs = await find()
    }
    return {
      statuses: new Map(docs.map((doc) => [doc._id.toHexString(), doc.status])),
      counters: new Map(docs.flatMap((doc) => Object.entries(doc.set_counters ?? {}).map(([exercise, n]) => [setKey(doc._id.toHexString(), exercise), n])))
    }
  }

  return {
    /** One read for what a write checks first: the sessions' statuses (sessions of others are absent) and their counters. */
    read,

    /** The counters of the user's sessions among these, keyed by `setKey`. */
    async current (sessionIds: readonly string[], userId: number): Promise<Map<string, number>> {
      return (await read(sessionIds, userId)).counters
    },

    /**
     * Takes one number for every draft, per session in one atomic update; returns each pair's
     * counter as it was just before (the drafts own the numbers after it), or null — nothing taken
     * from that session — when an unnumbered set would pass MAX_SET_NUMBER.
     */
    async reserve (drafts: readonly NumberedDraft[]): Promise<Map<string, number> | null> {
      const before = new Map<string, number>()
      for (const session of new Set(drafts.map((draft) => draft.session))) {
        const inc: Record<string, number> = {}
        const roomFor: Record<string, number> = {} // the counter may be at most this for the last unnumbered set to fit
        drafts.filter((draft) => draft.session === session).forEach(({ exercise, numbered }) => {
          inc[exercise] = (inc[exercise] ?? 0) + 1
          if (!numbered) roomFor[exercise] = MAX_SET_NUMBER - inc[exercise]
        })
        const fits = Object.entries(roomFor).map(([exercise, room]) => ({ [counterPath(exercise)]: { $not: { $gt: room } } }))
        const doc = await sessions.findOneAndUpdate(
          { $and: [{ _id: oid(session) }, ...fits] } as Document,
          { $inc: Object.fromEntries(Object.entries(inc).map(([exercise, n]) => [counterPath(exercise), n])) },
          { returnDocument: 'after', projection: { set_counters: 1 } }
        )
        if (!doc) return null
        for (const [exercise, n] of Object.entries(inc)) before.set(setKey(session, exercise), (doc.set_counters?.[exercise] ?? n) - n)
      }
      return before
    },

    /** Deleting a pair's latest set gives its number back, so logging it again reuses it. */
    async giveBack (session: string, exercise: string, setNumber: number): Promise<void> {
      await sessions.updateOne({ _id: oid(session), [counterPath(exercise)]: setNumber }, { $inc: { [counterPath(exercise)]: -1 } })
    }
  }
}

export type SetNumbers = ReturnType<typeof createSetNumbers>
