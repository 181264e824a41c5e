import type { Db } from 'mongodb'
import type { Cache } from '../../plugins/cache.js'
import { LIBRARY_SCOPE } from './cache-scopes.js'
import { COLLECTIONS, type ExerciseDoc } from '../documents.js'
import { isDuplicateKey } from '../../lib/mongo.js'
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
  let inserted = 0
  for (const seed of SEED_EXERCISES) {
    const now = new Date()
    const key = nameKey(seed.name)
    const upsertedCount = await exercises.updateOne(
      { created_by_user_id: null, name_lower: key },
      {
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
      { upsert: true }
    ).then(
      (result) => result.upsertedCount,
      // Another replica inserted the same exercise between our match and insert: it exists.
      (error: unknown) => { if (isDuplicateKey(error)) return 0; throw error }
    )
    inserted += upsertedCount
  }
  if (inserted > 0) await cache.bump(LIBRARY_SCOPE)
  return { inserted, existing: SEED_EXERCISES.length - inserted }
}
