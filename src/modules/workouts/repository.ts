import type { Db, Filter } from 'mongodb'
import { COLLECTIONS, type ExerciseDoc, type WorkoutDoc } from '../documents.js'
import { containsRegex, findPage, oid, sortFrom } from '../../lib/mongo.js'
import type { IndexDeclaration } from '../../lib/mongo-indexes.js'
import { difficultyRank } from '../exercises/rules.js'
import { tagsFromQuery, type ReferencedExercise } from './rules.js'
import type { Workout, WorkoutQuery } from './schemas.js'
import { workoutVisibility } from '../social/visibility-rules.js'
import { forgetReactionsOn } from '../social/reactions-cleanup.js'
import { nextUpdatedAt, stillAt, type WriteVersion } from '../../lib/versioned-write.js'

export const workoutIndexes: IndexDeclaration[] = [
  // Visibility (own or public) with the default newest-first order.
  { collection: COLLECTIONS.workouts, key: { created_by_user_id: 1, created_at: -1 }, options: { name: 'owner_created' } },
  { collection: COLLECTIONS.workouts, key: { is_public: 1, created_at: -1 }, options: { name: 'public_created' } },
  { collection: COLLECTIONS.workouts, key: { difficulty_rank: 1 }, options: { name: 'difficulty_rank_1' } },
  { collection: COLLECTIONS.workouts, key: { tags: 1 }, options: { name: 'tags_1' } },
  { collection: COLLECTIONS.workouts, key: { is_template: 1 }, options: { name: 'is_template_1' } },
  { collection: COLLECTIONS.workouts, key: { name: 1 }, options: { name: 'name_1' } },
  { collection: COLLECTIONS.workouts, key: { created_at: 1 }, options: { name: 'created_at_1' } },
  { collection: COLLECTIONS.workouts, key: { updated_at: 1 }, options: { name: 'updated_at_1' } },
  { collection: COLLECTIONS.workouts, key: { estimated_duration_minutes: 1 }, options: { name: 'estimated_duration_minutes_1' } }
]

export type WorkoutFields = Omit<WorkoutDoc, '_id' | 'difficulty_rank' | 'total_exercises' | 'created_by_user_id' | 'created_at' | 'updated_at' | 'like_count' | 'comment_count'>

const SORT_FIELDS = { difficulty_level: 'difficulty_rank' }

/** Names are resolved when read (one query per page), so renaming an exercise never leaves stale copies. */
function toWorkout ({ _id, difficulty_rank: _rank, ...doc }: WorkoutDoc, names: ReadonlyMap<string, string>): Workout {
  return {
    ...doc,
    id: _id.toHexString(),
    visibility: workoutVisibility(doc),
    like_count: doc.like_count ?? 0,
    comment_count: doc.comment_count ?? 0,
    exercises: doc.exercises.map(({ exercise_id: exerciseId, ...item }) => ({
      exercise: exerciseId.toHexString(),
      exercise_name: names.get(exerciseId.toHexString()) ?? null,
      ...item
    })),
    created_at: doc.created_at.toISOString(),
    updated_at: doc.updated_at.toISOString()
  }
}

function listFilter (userId: number, query: WorkoutQuery): Filter<WorkoutDoc> {
  const and: Filter<WorkoutDoc>[] = [
    query.is_public === false
      ? { created_by_user_id: userId, is_public: false }
      : query.is_public === true ? { is_public: true } : { $or: [{ created_by_user_id: userId }, { is_public: true }] }
  ]
  if (query.difficulty) and.push({ difficulty_rank: difficultyRank(query.difficulty) })
  if (query.is_template !== undefined) and.push({ is_template: query.is_template })
  if (query.tags) and.push({ tags: { $all: tagsFromQuery(query.tags) } })
  if (query.search) {
    const text = containsRegex(query.search)
    and.push({ $or: [{ name: text }, { description: text }] })
  }
  return and.length === 1 ? and[0] : { $and: and }
}

const derived = (fields: Partial<WorkoutFields>) => ({
  ...(fields.difficulty_level !== undefined ? { difficulty_rank: difficultyRank(fields.difficulty_level) } : {}),
  ...(fields.exercises !== undefined ? { total_exercises: fields.exercises.length } : {})
})

export function createWorkoutRepository (db: Db) {
  const workouts = db.collection<WorkoutDoc>(COLLECTIONS.workouts)
  const exercises = db.collection<ExerciseDoc>(COLLECTIONS.exercises)

  async function namesOf (docs: readonly WorkoutDoc[]): Promise<Map<string, string>> {
    const ids = [...new Set(docs.flatMap((doc) => doc.exercises.map((item) => item.exercise_id.toHexString())))]
    if (ids.length === 0) return new Map()
    const found = await exercises.find({ _id: { $in: ids.map(oid) } }, { projection: { name: 1 } }).toArray()
    return new Map(found.map((exercise) => [exercise._id.toHexString(), exercise.name]))
  }

  const shaped = async (doc: WorkoutDoc) => toWorkout(doc, await namesOf([doc]))

  return {
    async list (userId: number, query: WorkoutQuery) {
      const sort = sortFrom(query.ordering, '-created_at', SORT_FIELDS)
      const { window, count, docs } = await findPage(workouts, listFilter(userId, query), sort, query)
      const names = await namesOf(docs)
      return { window, count, items: docs.map((doc) => toWorkout(doc, names)) }
    },

    async findById (id: string): Promise<Workout | null> {
      const doc = await workouts.findOne({ _id: oid(id) })
      return doc ? await shaped(doc) : null
    },

    /** How the given exercises look to `userId`: visible (library or own) and custom or not. */
    async referencedExercises (userId: number, ids: readonly string[]): Promise<Map<string, ReferencedExercise>> {
      const unique = [...new Set(ids)]
      if (unique.length === 0) return new Map()
      const found = await exercises.find({ _id: { $in: unique.map(oid) } }, { projection: { created_by_user_id: 1, is_custom: 1 } }).toArray()
      return new Map(found.map((exercise) => [exercise._id.toHexString(), {
        visible: exercise.created_by_user_id === null || exercise.created_by_user_id === userId,
        is_custom: exercise.is_custom
      }]))
    },

    async insert (ownerId: number, fields: WorkoutFields): Promise<Workout> {
      const now = new Date()
      const doc = { ...fields, ...derived(fields), like_count: 0, comment_count: 0, created_by_user_id: ownerId, created_at: now, updated_at: now } as Omit<WorkoutDoc, '_id'>
      const { insertedId } = await workouts.insertOne(doc as WorkoutDoc)
      return await shaped({ ...doc, _id: insertedId })
    },

    /** null when the workout is gone, or (with `version.expected`) no longer that version. */
    async update (id: string, fields: Partial<WorkoutFields>, version: WriteVersion = {}): Promise<Workout | null> {
      const doc = await workouts.findOneAndUpdate(
        { _id: oid(id), ...stillAt(version) },
        { $set: { ...fields, ...derived(fields), updated_at: nextUpdatedAt(version) } },
        { returnDocument: 'after' }
      )
      return doc ? await shaped(doc) : null
    },

    async remove (id: string, version: WriteVersion = {}): Promise<boolean> {
      const { deletedCount } = await workouts.deleteOne({ _id: oid(id), ...stillAt(version) })
      if (deletedCount === 1 || version.expected === undefined) await forgetReactionsOn(db, oid(id))
      return deletedCount === 1
    }
  }
}

export type WorkoutRepository = ReturnType<typeof createWorkoutRepository>
