import type { Db, Filter } from 'mongodb'
import { COLLECTIONS, type ProgramDoc, type WorkoutDoc } from '../documents.js'
import { containsRegex, findPage, oid, sortFrom } from '../../lib/mongo.js'
import type { IndexDeclaration } from '../../lib/mongo-indexes.js'
import type { Program, ProgramQuery } from './schemas.js'
import type { Viewer } from './program-access.js'
import { nextUpdatedAt, stillAt, type WriteVersion } from '../../lib/versioned-write.js'

export const programIndexes: IndexDeclaration[] = [
  { collection: COLLECTIONS.programs, key: { created_by_user_id: 1, created_at: -1 }, options: { name: 'owner_created' } },
  { collection: COLLECTIONS.programs, key: { visibility: 1, created_at: -1 }, options: { name: 'visibility_created' } },
  { collection: COLLECTIONS.programs, key: { name: 1 }, options: { name: 'name_1' } },
  { collection: COLLECTIONS.programs, key: { updated_at: 1 }, options: { name: 'updated_at_1' } },
  { collection: COLLECTIONS.programs, key: { total_weeks: 1 }, options: { name: 'total_weeks_1' } }
]

export type ProgramFields = Pick<ProgramDoc, 'name' | 'description' | 'visibility' | 'weeks'>

function visibilityFilter (viewer: Viewer): Filter<ProgramDoc> {
  if (viewer.admin) return {}
  return {
    $or: [
      { created_by_user_id: viewer.id },
      { visibility: 'public' },
      { visibility: 'gym', created_by_user_id: { $in: [...viewer.gymStaff] } }
    ]
  }
}

function listFilter (viewer: Viewer, query: ProgramQuery): Filter<ProgramDoc> {
  const and: Filter<ProgramDoc>[] = [visibilityFilter(viewer)]
  if (query.visibility) and.push({ visibility: query.visibility })
  if (query.owner !== undefined) and.push({ created_by_user_id: query.owner })
  if (query.mine !== undefined) and.push({ created_by_user_id: query.mine ? viewer.id : { $ne: viewer.id } })
  if (query.search) {
    const text = containsRegex(query.search)
    and.push({ $or: [{ name: text }, { description: text }] })
  }
  return { $and: and }
}

const totals = (weeks: ProgramFields['weeks']) => ({ total_weeks: weeks.length, total_sessions: weeks.reduce((sum, week) => sum + week.days.length, 0) })

/** Workout names are resolved when read, so a renamed workout shows its new name and a deleted one null. */
function toProgram (doc: ProgramDoc, names: ReadonlyMap<string, string>): Program {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    description: doc.description,
    visibility: doc.visibility,
    weeks: doc.weeks.map((week, w) => ({
      week: w + 1,
      days: week.days.map((entry) => ({
        day: entry.day,
        workout: entry.workout_id.toHexString(),
        workout_name: names.get(entry.workout_id.toHexString()) ?? null,
        notes: entry.notes
      }))
    })),
    total_weeks: doc.total_weeks,
    total_sessions: doc.total_sessions,
    created_by_user_id: doc.created_by_user_id,
    created_at: doc.created_at.toISOString(),
    updated_at: doc.updated_at.toISOString()
  }
}

export const workoutIdsOf = (weeks: ProgramFields['weeks']) => [...new Set(weeks.flatMap((week) => week.days.map((entry) => entry.workout_id.toHexString())))]

export function createProgramRepository (db: Db) {
  const programs = db.collection<ProgramDoc>(COLLECTIONS.programs)
  const workouts = db.collection<WorkoutDoc>(COLLECTIONS.workouts)

  async function namesOf (docs: readonly ProgramDoc[]): Promise<Map<string, string>> {
    const ids = [...new Set(docs.flatMap((doc) => workoutIdsOf(doc.weeks)))]
    if (ids.length === 0) return new Map()
    const found = await workouts.find({ _id: { $in: ids.map(oid) } }, { projection: { name: 1 } }).toArray()
    return new Map(found.map((workout) => [workout._id.toHexString(), workout.name]))
  }

  const shaped = async (doc: ProgramDoc) => toProgram(doc, await namesOf([doc]))

  return {
    async list (viewer: Viewer, query: ProgramQuery) {
      const { window, count, docs } = await findPage(programs, listFilter(viewer, query), sortFrom(query.ordering, '-created_at'), query)
      const names = await namesOf(docs)
      return { window, count, items: docs.map((doc) => toProgram(doc, names)) }
    },

    async findDoc (id: string): Promise<ProgramDoc | null> {
      return await programs.findOne({ _id: oid(id) })
    },

    async findById (id: string): Promise<Program | null> {
      const doc = await programs.findOne({ _id: oid(id) })
      return doc ? await shaped(doc) : null
    },

    /** Name of each of these workouts that `ownerId` may put in a program (their own or a public one); others are absent. */
    async usableWorkouts (ownerId: number, ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map()
      const found = await workouts.find(
        { _id: { $in: ids.map(oid) }, $or: [{ created_by_user_id: ownerId }, { is_public: true }] },
        { projection: { name: 1 } }
      ).toArray()
      return new Map(found.map((workout) => [workout._id.toHexString(), workout.name]))
    },

    async insert (ownerId: number, fields: ProgramFields): Promise<Program> {
      const now = new Date()
      const doc = { ...fields, ...totals(fields.weeks), created_by_user_id: ownerId, created_at: now, updated_at: now }
      const { insertedId } = await programs.insertOne(doc as ProgramDoc)
      return await shaped({ ...doc, _id: insertedId })
    },

    /** null when the program is gone, or (with `version.expected`) no longer that version. */
    async update (id: string, fields: Partial<ProgramFields>, version: WriteVersion = {}): Promise<Program | null> {
      const doc = await programs.findOneAndUpdate(
        { _id: oid(id), ...stillAt(version) },
        { $set: { ...fields, ...(fields.weeks ? totals(fields.weeks) : {}), updated_at: nextUpdatedAt(version) } },
        { returnDocument: 'after' }
      )
      return doc ? await shaped(doc) : null
    },

    async remove (id: string, version: WriteVersion = {}): Promise<boolean> {
      const { deletedCount } = await programs.deleteOne({ _id: oid(id), ...stillAt(version) })
      return deletedCount === 1
    },

    async removeOwnedBy (userId: number): Promise<void> {
      await programs.deleteMany({ created_by_user_id: userId })
    }
  }
}

export type ProgramRepository = ReturnType<typeof createProgramRepository>
