import { MongoBulkWriteError, type AnyBulkWriteOperation, type Db } from 'mongodb'
import type { Cache } from '../../plugins/cache.js'
import { LIBRARY_SCOPE } from './cache-scopes.js'
import { COLLECTIONS, type ExerciseDoc } from '../documents.js'
import { difficultyRank, nameKey } from './rules.js'
import { SEED_EXERCISES } from './seed-data.js'

/**
 * Loads the starter library, idempotently: each exercise is an upsert on its library name
 * with `$setOnInsert`, so a second run inserts nothing and never overwrites later edits by
 * admins. A library exercise an admin deleted comes back on the next run. Inserts bump the cached
 * library lists (also those of running replicas when the cache is shared).
 */
export async function seedExercises (db: Db, cache: Cache): Promise<{ inserted: number, existing: number }> {
  const exercises = db.collection<ExerciseDoc>(COLLECTIONS.exercises)
  const now = new Date()
  // One unordered bulk write, not one upsert per exercise: a single round trip and a single journal
  // fsync instead of ~90 in a row (most of a first start's time on the embedded store).
  const upserts: Array<AnyBulkWriteOperation<ExerciseDoc>> = SEED_EXERCISES.map((seed) => ({
    updateOne: {
      filter: { created_by_user_id: null, name_lower: nameKey(seed.name) },
      update: {
        $setOnInsert: {
          ...seed,
          difficulty_rank: difficultyRank(seed.difficulty_level),
          video_url: null,
          image_url: null,
          is_custom: false,
          is_public: true,
          created_at: now,
          updated_at: now
        }
      },
      upsert: true
    }
  }))
  let inserted: number
  try {
    inserted = (await exercises.bulkWrite(upserts, { ordered: false })).upsertedCount
  } catch (error) {
    // Another replica inserted some of the same exercises between our match and insert: they exist.
    if (!(error instanceof MongoBulkWriteError) || !onlyDuplicateKeys(error)) throw error
    inserted = error.result.upsertedCount
  }
  if (inserted > 0) await cache.bump(LIBRARY_SCOPE)
  return { inserted, existing: SEED_EXERCISES.length - inserted }
}

function onlyDuplicateKeys (error: MongoBulkWriteError): boolean {
  return error.result.getWriteConcernError() === undefined && error.result.getWriteErrors().every((writeError) => writeError.code === 11000)
}
