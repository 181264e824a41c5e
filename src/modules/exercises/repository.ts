import type { Db, Filter, ObjectId } from 'mongodb'
import { COLLECTIONS, type ExerciseDoc, type LogDoc, type WorkoutDoc } from '../documents.js'
import { containsRegex, findPage, isDuplicateKey, oid, sortFrom } from '../../lib/mongo.js'
import type { IndexDeclaration } from '../../lib/mongo-indexes.js'
import type { PageQueryType } from '../../schemas/common.js'
import { DuplicateError } from '../../errors.js'
import { difficultyRank, nameKey } from './rules.js'
import type { Exercise, ExerciseQuery } from './schemas.js'
import { toLog } from '../logs/repository.js'
import type { Equipment, MuscleGroup } from './vocabulary.js'
import { nextUpdatedAt, stillAt, type WriteVersion } from '../../lib/versioned-write.js'

// Single-field indexes carry MongoDB's default names so that another module declaring the same
// key (the logs module queries exercise_logs by exercise too) ensures the very same index.
export const exerciseIndexes: IndexDeclaration[] = [
  // Names are unique per owner; the library (owner null) is one namespace. Also serves custom_only.
  { collection: COLLECTIONS.exercises, key: { created_by_user_id: 1, name_lower: 1 }, options: { name: 'owner_name_unique', unique: true } },
  { collection: COLLECTIONS.exercises, key: { name_lower: 1 }, options: { name: 'name_lower_1' } },
  { collection: COLLECTIONS.exercises, key: { created_at: 1 }, options: { name: 'created_at_1' } },
  { collection: COLLECTIONS.exercises, key: { difficulty_rank: 1, name_lower: 1 }, options: { name: 'difficulty_name' } },
  { collection: COLLECTIONS.exercises, key: { category: 1, name_lower: 1 }, options: { name: 'category_name' } },
  { collection: COLLECTIONS.exercises, key: { primary_muscles: 1 }, options: { name: 'primary_muscles_1' } },
  { collection: COLLECTIONS.exercises, key: { secondary_muscles: 1 }, options: { name: 'secondary_muscles_1' } },
  { collection: COLLECTIONS.exercises, key: { equipment_needed: 1 }, options: { name: 'equipment_needed_1' } },
  // Deleting an exercise asks whether any workout or log still references it.
  { collection: COLLECTIONS.workouts, key: { 'exercises.exercise_id': 1 }, options: { name: 'exercises.exercise_id_1' } },
  { collection: COLLECTIONS.logs, key: { exercise_id: 1 }, options: { name: 'exercise_id_1' } },
  // The caller's history of one exercise, newest first.
  { collection: COLLECTIONS.logs, key: { user_id: 1, exercise_id: 1, completed_at: -1 }, options: { name: 'user_exercise_completed' } }
]

export type NewExercise = Omit<ExerciseDoc, '_id' | 'name_lower' | 'difficulty_rank' | 'created_at' | 'updated_at' | 'reference_leases' | 'deleting'>
export type ExerciseChanges = Partial<Omit<NewExercise, 'is_custom' | 'is_public' | 'created_by_user_id'>>

const SORT_FIELDS = { name: 'name_lower', difficulty_level: 'difficulty_rank' }

// The stored vocabularies are plain strings in the document contract; every write path validated them.
// Field by field rather than rest-and-spread: lists map 20 documents per request, and copying every
// stored field twice was the largest item of a list's own time.
export function toExercise (doc: ExerciseDoc): Exercise {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    description: doc.description,
    category: doc.category,
    difficulty_level: doc.difficulty_level,
    primary_muscles: doc.primary_muscles as MuscleGroup[],
    secondary_muscles: doc.secondary_muscles as MuscleGroup[],
    equipment_needed: doc.equipment_needed as Equipment[],
    instructions: doc.instructions,
    video_url: doc.video_url,
    image_url: doc.image_url,
    is_custom: doc.is_custom,
    is_public: doc.is_public,
    created_by_user_id: doc.created_by_user_id,
    created_at: doc.created_at.toISOString(),
    updated_at: doc.updated_at.toISOString()
  }
}

/** Library exercises plus the caller's own custom ones, narrowed by the list filters. */
function listFilter (userId: number, query: ExerciseQuery): Filter<ExerciseDoc> {
  const and: Filter<ExerciseDoc>[] = [
    query.custom_only ? { created_by_user_id: userId } : { created_by_user_id: { $in: [null, userId] } }
  ]
  if (query.category) and.push({ category: query.category })
  if (query.difficulty) and.push({ difficulty_rank: difficultyRank(query.difficulty) })
  if (query.muscle_group) and.push({ $or: [{ primary_muscles: query.muscle_group }, { secondary_muscles: query.muscle_group }] })
  if (query.equipment) and.push({ equipment_needed: query.equipment })
  if (query.search) {
    const text = containsRegex(query.search)
    and.push({ $or: [{ name: text }, { description: text }] })
  }
  return and.length === 1 ? and[0] : { $and: and }
}

function rethrowDuplicate (error: unknown, name: string | undefined): never {
  if (isDuplicateKey(error)) throw new DuplicateError(`An exercise named "${name ?? ''}" already exists`)
  throw error
}

export function createExerciseRepository (db: Db) {
  const exercises = db.collection<ExerciseDoc>(COLLECTIONS.exercises)
  const workouts = db.collection<WorkoutDoc>(COLLECTIONS.workouts)
  const logs = db.collection<LogDoc>(COLLECTIONS.logs)

  return {
    async list (userId: number, query: ExerciseQuery) {
      const sort = sortFrom(query.ordering, 'name', SORT_FIELDS)
      const { window, count, docs } = await findPage(exercises, listFilter(userId, query), sort, query)
      return { window, count, items: docs.map(toExercise) }
    },

    async findById (id: string): Promise<Exercise | null> {
      const doc = await exercises.findOne({ _id: oid(id) })
      return doc ? toExercise(doc) : null
    },

    async insert (exercise: NewExercise): Promise<Exercise> {
      const now = new Date()
      const doc = { ...exercise, name_lower: nameKey(exercise.name), difficulty_rank: difficultyRank(exercise.difficulty_level), created_at: now, updated_at: now }
      try {
        const { insertedId } = await exercises.insertOne(doc as ExerciseDoc)
        return toExercise({ ...doc, _id: insertedId })
      } catch (error) {
        rethrowDuplicate(error, exercise.name)
      }
    },

    /** null when the exercise is gone, or (with `version.expected`) no longer that version. */
    async update (id: string, changes: ExerciseChanges, version: WriteVersion = {}): Promise<Exercise | null> {
      const derived = {
        ...(changes.name !== undefined ? { name_lower: nameKey(changes.name) } : {}),
        ...(changes.difficulty_level !== undefined ? { difficulty_rank: difficultyRank(changes.difficulty_level) } : {})
      }
      try {
        const doc = await exercises.findOneAndUpdate(
          { _id: oid(id), ...stillAt(version) },
          { $set: { ...changes, ...derived, updated_at: nextUpdatedAt(version) } },
          { returnDocument: 'after' }
        )
        return doc ? toExercise(doc) : null
      } catch (error) {
        rethrowDuplicate(error, changes.name)
      }
    },

    /** Whether any workout (anyone's) or any logged set still points at the exercise. */
    async isInUse (id: string): Promise<boolean> {
      const _id: ObjectId = oid(id)
      const [workout, log] = await Promise.all([
        workouts.findOne({ 'exercises.exercise_id': _id }, { projection: { _id: 1 } }),
        logs.findOne({ exercise_id: _id }, { projection: { _id: 1 } })
      ])
      return workout !== null || log !== null
    },

    async history (userId: number, exerciseId: string, query: PageQueryType) {
      const filter = { user_id: userId, exercise_id: oid(exerciseId) }
      const { window, count, docs } = await findPage(logs, filter, [['completed_at', -1], ['_id', -1]], query)
      return { window, count, items: docs.map(toLog) }
    }
  }
}

export type ExerciseRepository = ReturnType<typeof createExerciseRepository>
