import type { Visibility } from './audience.js'

/** A session stored before visibility existed is private. */
export const sessionVisibility = (doc: { visibility?: Visibility }): Visibility => doc.visibility ?? 'private'

/** A workout stored before visibility existed is as public as its `is_public` said. */
export const workoutVisibility = (doc: { visibility?: Visibility, is_public: boolean }): Visibility =>
  doc.visibility ?? (doc.is_public ? 'public' : 'private')

export interface VisibilityChoice { visibility: Visibility, is_public: boolean }

/**
 * One source of truth for workouts: `visibility` is stored and `is_public` follows from it.
 * `is_public` is still accepted (true → public, false → private); naming both so that they disagree
 * is a 400 on `body/is_public` (returned here as the message). Neither given → `fallback`.
 */
export function chooseWorkoutVisibility (
  given: { visibility?: Visibility, is_public?: boolean },
  fallback: Visibility | undefined
): VisibilityChoice | string | undefined {
  const { visibility, is_public: isPublic } = given
  if (visibility !== undefined && isPublic !== undefined && isPublic !== (visibility === 'public')) {
    return `contradicts visibility "${visibility}" (is_public is true exactly when visibility is "public")`
  }
  const chosen = visibility ?? (isPublic === undefined ? fallback : isPublic ? 'public' : 'private')
  return chosen === undefined ? undefined : { visibility: chosen, is_public: chosen === 'public' }
}
