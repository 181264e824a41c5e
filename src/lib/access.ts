import type { AuthUser } from '../plugins/auth.js'
import { ForbiddenError, NotFoundError } from '../errors.js'

/** Anything with an owner; `null` owner means a shared library object (trainers and admins curate it). */
export interface Owned {
  created_by_user_id: number | null
  is_public?: boolean
}

/** Trainers and admins curate the shared library (exercises with no owner). */
export const curatesLibrary = (user: { role: string }) => user.role === 'admin' || user.role === 'trainer'

export const isOwner = (user: Pick<AuthUser, 'id'>, object: Owned) => object.created_by_user_id === user.id

/** Owners see their objects; everyone sees public and library objects. */
export const canSee = (user: Pick<AuthUser, 'id'>, object: Owned) =>
  isOwner(user, object) || object.created_by_user_id === null || object.is_public === true

/** Owners change their objects; trainers and admins change library objects. */
export const canChange = (user: AuthUser, object: Owned) =>
  isOwner(user, object) || (object.created_by_user_id === null && curatesLibrary(user))

/** 404 for a missing object or one the caller may not see — never reveal that a private object exists. */
export function visibleOr404<T extends Owned> (object: T | null, user: AuthUser, label: string): T {
  if (!object || !canSee(user, object)) throw new NotFoundError(label)
  return object
}

/** 404 unless visible, then 403 unless the caller may change it. */
export function changeableOr403<T extends Owned> (object: T | null, user: AuthUser, label: string): T {
  const visible = visibleOr404(object, user, label)
  if (!canChange(user, visible)) throw new ForbiddenError(`You may not change this ${label.toLowerCase()}`)
  return visible
}

/** For objects that are never shared (sessions, logs): 404 unless the caller owns it. */
export function ownedOr404<T extends { user_id: number }> (object: T | null, user: AuthUser, label: string): T {
  if (!object || object.user_id !== user.id) throw new NotFoundError(label)
  return object
}

/** Whether `viewer` may act on data `ownerId` owns: the owner, or their active trainer (coaching/client-access.ts). */
export type MayActFor = (viewer: AuthUser, ownerId: number) => Promise<boolean>

/**
 * For a client's training data (sessions, set logs): 404 unless the caller owns it or is the owner's
 * active trainer — the one place sessions and logs decide who may read or change them.
 */
export async function actableOr404<T extends { user_id: number }> (object: T | null, user: AuthUser, label: string, mayActFor: MayActFor): Promise<T> {
  if (!object || !await mayActFor(user, object.user_id)) throw new NotFoundError(label)
  return object
}
