import type { Cache } from '../../plugins/cache.js'
import { NotFoundError } from '../../errors.js'
import { etagOf } from '../../lib/etag.js'
import { pageWindow } from '../../lib/pagination.js'
import { exerciseScope, listScopes } from './cache-scopes.js'
import type { ExerciseRepository } from './repository.js'
import type { Exercise, ExerciseQuery } from './schemas.js'

/**
 * Without REDIS_URL, another replica's copy may be read this long after a write (README, Several
 * replicas); with Redis or one replica, every write that changes an answer bumps its scope first.
 */
export const EXERCISE_CACHE_TTL_SECONDS = 300

/**
 * One exercise as GET answers it: the JSON its route's serializer wrote, its entity tag, and the
 * two fields its visibility is decided on — all computed once, when the entry is built.
 */
export interface CachedExercise {
  json: string
  etag: string
  created_by_user_id: number | null
  is_public: boolean
}

/** The list key: every query field that narrows or orders the page, in one fixed order. */
const listKey = (userId: number, query: ExerciseQuery) => `exercises:list:${userId}:${JSON.stringify([
  query.page ?? 1, query.page_size ?? null, query.ordering ?? null, query.category ?? null, query.difficulty ?? null,
  query.muscle_group ?? null, query.equipment ?? null, query.custom_only ?? null, query.search ?? null
])}`

/**
 * The exercise reads, answered from the cache (plugins/cache.ts) when it holds them, kept as the
 * JSON they are sent as (a hit neither parses objects nor serializes them again). Writers bump
 * through cache-scopes.ts; the visibility of a cached exercise is checked by the route, per caller.
 */
export function createExerciseReads (cache: Cache, exercises: ExerciseRepository, label: string) {
  return {
    /** The exercise whoever may see it; 404 when there is none (a miss is not cached). */
    async one (id: string, serialize: (exercise: Exercise) => string): Promise<CachedExercise> {
      return await cache.remember(`exercise:${id}`, { scopes: [exerciseScope(id)], ttlSeconds: EXERCISE_CACHE_TTL_SECONDS }, async () => {
        const exercise = await exercises.findById(id)
        if (exercise === null) throw new NotFoundError(label)
        return { json: serialize(exercise), etag: etagOf(exercise), created_by_user_id: exercise.created_by_user_id, is_public: exercise.is_public }
      })
    },

    /** A list page of the library plus the caller's custom exercises; `resultsJson` is the JSON array of its items. */
    async page (userId: number, query: ExerciseQuery, serialize: (items: Exercise[]) => string) {
      const { count, resultsJson } = await cache.remember(listKey(userId, query), { scopes: listScopes(userId), ttlSeconds: EXERCISE_CACHE_TTL_SECONDS }, async () => {
        const { count, items } = await exercises.list(userId, query)
        return { count, resultsJson: serialize(items) }
      })
      return { window: pageWindow(query), count, resultsJson }
    }
  }
}
