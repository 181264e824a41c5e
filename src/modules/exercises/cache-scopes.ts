import type { Cache } from '../../plugins/cache.js'

/**
 * What the cached exercise reads (reads.ts) are built on, and the bumps every write of an answered
 * field owes them. One exercise is cached under its own scope; a list page under the library's
 * scope and the caller's custom-exercise scope (the two things a list shows). The lease and claim
 * fields (`reference_leases`, `deleting`) are not part of any answer and bump nothing.
 */
export const exerciseScope = (id: string) => `exercise:${id}`
export const LIBRARY_SCOPE = 'exercises:library'
export const customScope = (userId: number) => `exercises:custom:${userId}`

/** The scopes a list page of `userId` is built on. */
export const listScopes = (userId: number) => [LIBRARY_SCOPE, customScope(userId)]

const ownerScope = (owner: number | null) => owner === null ? LIBRARY_SCOPE : customScope(owner)

/** After a create: lists change; no single read was cached for an id that did not exist (misses are not cached). */
export async function exerciseAdded (cache: Cache, owner: number | null): Promise<void> {
  await cache.bump(ownerScope(owner))
}

/** After an update or delete of the exercise `id` owned by `owner` (null: the library). */
export async function exerciseChanged (cache: Cache, id: string, owner: number | null): Promise<void> {
  await cache.bump(exerciseScope(id), ownerScope(owner))
}
