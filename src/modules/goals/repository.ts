import { ObjectId, type Db, type Filter } from 'mongodb'
import { COLLECTIONS, type GoalDoc } from '../documents.js'
import { findPage, oid } from '../../lib/mongo.js'
import type { IndexDeclaration } from '../../lib/mongo-indexes.js'
import type { GoalQuery } from './schemas.js'
import { nextUpdatedAt, stillAt, type WriteVersion } from '../../lib/versioned-write.js'

export const goalIndexes: IndexDeclaration[] = [
  { collection: COLLECTIONS.goals, key: { user_id: 1, _id: -1 }, options: { name: 'user_newest' } }
]

export type NewGoal = Omit<GoalDoc, '_id' | 'user_id' | 'achieved_at' | 'revision' | 'created_at' | 'updated_at'>
export type GoalChanges = Partial<Omit<NewGoal, 'type'>>

/** Goals are never shared: every query names the owner, so another user's id is simply not found. */
export function createGoalRepository (db: Db) {
  const goals = db.collection<GoalDoc>(COLLECTIONS.goals)

  function listFilter (userId: number, query: GoalQuery, today: string): Filter<GoalDoc> {
    const filter: Filter<GoalDoc> = { user_id: userId }
    if (query.type !== undefined) filter.type = query.type
    if (query.status === 'achieved') filter.achieved_at = { $ne: null }
    if (query.status === 'active') Object.assign(filter, { achieved_at: null, $or: [{ deadline: null }, { deadline: { $gte: today } }] })
    if (query.status === 'expired') Object.assign(filter, { achieved_at: null, deadline: { $ne: null, $lt: today } })
    return filter
  }

  return {
    /** Newest first; `today` (the caller's local day) decides which deadlines have passed. */
    async list (userId: number, query: GoalQuery, today: string) {
      return await findPage(goals, listFilter(userId, query, today), { _id: -1 }, query)
    },

    async find (userId: number, id: string): Promise<GoalDoc | null> {
      return await goals.findOne({ _id: oid(id), user_id: userId })
    },

    async insert (userId: number, goal: NewGoal): Promise<GoalDoc> {
      const now = new Date()
      const doc: GoalDoc = { _id: new ObjectId(), user_id: userId, ...goal, achieved_at: null, revision: 0, created_at: now, updated_at: now }
      await goals.insertOne(doc)
      return doc
    },

    /**
     * Applies the changes; when they change what the goal measures, the achievement is cleared and
     * the revision bumped, so a read still judging the old target cannot store its verdict.
     */
    async update (userId: number, id: string, changes: GoalChanges, remeasure: boolean, version: WriteVersion = {}): Promise<GoalDoc | null> {
      const updatedAt = nextUpdatedAt(version)
      const update = remeasure
        ? { $set: { ...changes, achieved_at: null, updated_at: updatedAt }, $inc: { revision: 1 } }
        : { $set: { ...changes, updated_at: updatedAt } }
      return await goals.findOneAndUpdate({ _id: oid(id), user_id: userId, ...stillAt(version) }, update, { returnDocument: 'after' })
    },

    async remove (userId: number, id: string, version: WriteVersion = {}): Promise<boolean> {
      return (await goals.deleteOne({ _id: oid(id), user_id: userId, ...stillAt(version) })).deletedCount === 1
    },

    /**
     * Sets achieved_at once: only a goal still unachieved at this revision is updated, so of
     * concurrent readers one writes and the others read back its instant. Null when the goal was
     * deleted or re-targeted meanwhile.
     */
    async achieve (goal: GoalDoc, at: Date): Promise<Date | null> {
      const won = await goals.updateOne({ _id: goal._id, achieved_at: null, revision: goal.revision }, { $set: { achieved_at: at } })
      if (won.modifiedCount === 1) return at
      const stored = await goals.findOne({ _id: goal._id }, { projection: { achieved_at: 1, revision: 1 } })
      return stored?.revision === goal.revision ? stored.achieved_at : null
    },

    async removeAll (userId: number): Promise<void> {
      await goals.deleteMany({ user_id: userId })
    }
  }
}

export type GoalRepository = ReturnType<typeof createGoalRepository>
