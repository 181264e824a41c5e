import type { Db, Filter } from 'mongodb'
import { COLLECTIONS, type AssignmentDoc, type SessionDoc } from '../documents.js'
import { findPage, isDuplicateKey, oid, sortFrom } from '../../lib/mongo.js'
import type { IndexDeclaration } from '../../lib/mongo-indexes.js'
import { ConflictError } from '../../errors.js'
import type { AdherenceInput } from './rules.js'
import type { Assignment, AssignmentQuery } from './assignment-schemas.js'

export const assignmentIndexes: IndexDeclaration[] = [
  // The rule "one open assignment per program and client", kept by the database so that parallel
  // assigns cannot both win. A boolean partial filter works on every MongoDB version ($in does not).
  {
    collection: COLLECTIONS.programAssignments,
    key: { program_id: 1, user_id: 1 },
    options: { name: 'one_open_per_program_and_client', unique: true, partialFilterExpression: { open: true } }
  },
  { collection: COLLECTIONS.programAssignments, key: { user_id: 1, created_at: -1 }, options: { name: 'client_created' } },
  { collection: COLLECTIONS.programAssignments, key: { user_id: 1, start_date: -1 }, options: { name: 'client_start_date' } },
  { collection: COLLECTIONS.programAssignments, key: { assigned_by_user_id: 1 }, options: { name: 'assigned_by' } },
  { collection: COLLECTIONS.programAssignments, key: { ended_by_user_id: 1 }, options: { name: 'ended_by' } },
  { collection: COLLECTIONS.sessions, key: { assignment_id: 1, program_week: 1 }, options: { name: 'assignment_week' } }
]

/** Longer than any assignment takes to write its sessions: a pending one this old was abandoned. */
export const STALE_PENDING_MS = 10 * 60_000

const iso = (date: Date | null) => date ? date.toISOString() : null

function toAssignment (doc: AssignmentDoc): Assignment {
  return {
    id: doc._id.toHexString(),
    program: doc.program_id.toHexString(),
    program_name: doc.program_name,
    user_id: doc.user_id,
    assigned_by_user_id: doc.assigned_by_user_id,
    start_date: doc.start_date,
    time_of_day: doc.time_of_day,
    timezone: doc.timezone,
    status: doc.status,
    session_count: doc.session_count,
    removed_sessions: doc.removed_sessions,
    ended_at: iso(doc.ended_at),
    ended_by_user_id: doc.ended_by_user_id,
    created_at: doc.created_at.toISOString(),
    updated_at: doc.updated_at.toISOString()
  }
}

export type NewAssignment = Pick<AssignmentDoc, 'program_id' | 'program_name' | 'user_id' | 'assigned_by_user_id' | 'start_date' | 'time_of_day' | 'timezone' | 'session_count'>

export function createAssignmentRepository (db: Db) {
  const assignments = db.collection<AssignmentDoc>(COLLECTIONS.programAssignments)
  const sessions = db.collection<SessionDoc>(COLLECTIONS.sessions)

  /** Undoes a pending assignment: its sessions first, then the assignment (which frees the slot). */
  async function discard (id: AssignmentDoc['_id']): Promise<void> {
    await sessions.deleteMany({ assignment_id: id })
    await assignments.deleteOne({ _id: id, status: 'pending' })
  }

  return {
    /**
     * A pending assignment holding the (program, client) slot; 409 while another one is open. A
     * pending one older than STALE_PENDING_MS was left by a process that died while writing its
     * sessions (a write takes milliseconds): it is discarded and the slot taken again, once.
     */
    async openPending (input: NewAssignment): Promise<AssignmentDoc> {
      for (let attempt = 0; ; attempt++) {
        const now = new Date()
        const doc = { ...input, status: 'pending', open: true, removed_sessions: 0, ended_at: null, ended_by_user_id: null, created_at: now, updated_at: now } as const
        try {
          const { insertedId } = await assignments.insertOne({ ...doc } as AssignmentDoc)
          return { ...doc, _id: insertedId }
        } catch (error) {
          if (!isDuplicateKey(error)) throw error
          const stale = await assignments.findOne({
            program_id: input.program_id, user_id: input.user_id, open: true, status: 'pending', created_at: { $lt: new Date(now.getTime() - STALE_PENDING_MS) }
          })
          if (!stale || attempt > 0) throw new ConflictError('This program is already assigned to this client; end that assignment first')
          await discard(stale._id)
        }
      }
    },

    async insertSessions (docs: readonly Omit<SessionDoc, '_id'>[]): Promise<void> {
      if (docs.length > 0) await sessions.insertMany(docs.map((doc) => ({ ...doc }) as SessionDoc), { ordered: true })
    },

    discard,

    async activate (id: AssignmentDoc['_id']): Promise<Assignment | null> {
      const doc = await assignments.findOneAndUpdate({ _id: id, status: 'pending' }, { $set: { status: 'active', updated_at: new Date() } }, { returnDocument: 'after' })
      return doc ? toAssignment(doc) : null
    },

    async findById (id: string): Promise<Assignment | null> {
      const doc = await assignments.findOne({ _id: oid(id) })
      return doc ? toAssignment(doc) : null
    },

    async list (clients: readonly number[], query: AssignmentQuery) {
      const filter: Filter<AssignmentDoc> = { user_id: { $in: [...clients] } }
      if (query.status) filter.status = query.status
      if (query.program) filter.program_id = oid(query.program)
      const { window, count, docs } = await findPage(assignments, filter, sortFrom(query.ordering, '-created_at'), query)
      return { window, count, results: docs.map(toAssignment) }
    },

    /**
     * Removes the assignment's sessions that nobody has touched and that lie ahead: still planned,
     * scheduled after `now`, no set ever logged (set_counters empty) and no set write holding a
     * lease on it. Each document is matched and deleted atomically, so a session started (or
     * written to) meanwhile is not matched and stays as history.
     */
    async removeFutureSessions (id: string, userId: number, now: Date): Promise<number> {
      const { deletedCount } = await sessions.deleteMany({
        assignment_id: oid(id),
        user_id: userId,
        status: 'planned',
        scheduled_for: { $gt: now },
        set_counters: {},
        $nor: [{ write_leases: { $elemMatch: { expires_at: { $gt: now } } } }, { 'closing.expires_at': { $gt: now } }]
      })
      return deletedCount
    },

    /** active → ended, counting the removed sessions; null when it was not active (anymore). */
    async end (id: string, endedBy: number, removed: number, now: Date): Promise<Assignment | null> {
      const doc = await assignments.findOneAndUpdate(
        { _id: oid(id), status: 'active' },
        { $set: { status: 'ended', open: false, ended_at: now, ended_by_user_id: endedBy, updated_at: now }, $inc: { removed_sessions: removed } },
        { returnDocument: 'after' }
      )
      return doc ? toAssignment(doc) : null
    },

    /** Counts a removal on an assignment already ended (a retried or concurrent end). */
    async countRemoved (id: string, removed: number): Promise<void> {
      if (removed > 0) await assignments.updateOne({ _id: oid(id) }, { $inc: { removed_sessions: removed } })
    },

    async sessionsOf (id: string, userId: number): Promise<AdherenceInput[]> {
      const docs = await sessions.find(
        { assignment_id: oid(id), user_id: userId },
        { projection: { program_week: 1, program_day: 1, scheduled_for: 1, status: 1 } }
      ).toArray()
      return docs.map((doc) => ({ id: doc._id.toHexString(), week: doc.program_week ?? 1, day: doc.program_day ?? 1, scheduled_for: doc.scheduled_for, status: doc.status }))
    },

    /** Account deletion: the client's own assignments go; those the user assigned or ended to others stay, without the user's id. */
    async forgetUser (userId: number): Promise<void> {
      await assignments.deleteMany({ user_id: userId })
      await assignments.updateMany({ assigned_by_user_id: userId }, { $set: { assigned_by_user_id: null } })
      await assignments.updateMany({ ended_by_user_id: userId }, { $set: { ended_by_user_id: null } })
    }
  }
}

export type AssignmentRepository = ReturnType<typeof createAssignmentRepository>
