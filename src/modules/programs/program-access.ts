import type { AuthUser } from '../../plugins/auth.js'
import { ForbiddenError, NotFoundError } from '../../errors.js'
import type { ProgramVisibility } from '../documents.js'
import type { Relations } from './relations.js'

const LABEL = 'Program'

/** Who is asking, as far as visibility goes: admins see every program; others their own, public ones, and gym ones of their gym's staff. */
export interface Viewer { id: number, admin: boolean, gymStaff: readonly number[] }

interface Shared { visibility: ProgramVisibility, created_by_user_id: number }

export function visibleTo (viewer: Viewer, program: Shared): boolean {
  const owner = program.created_by_user_id
  return viewer.admin || owner === viewer.id || program.visibility === 'public' ||
    (program.visibility === 'gym' && viewer.gymStaff.includes(owner))
}

/** The matrix's Programs row: read by visibility (404 otherwise, never revealing a private program), change by owner or admin (403). */
export function createProgramAccess (relations: Relations) {
  /** The gym staff are looked up only when the answer depends on them. */
  async function viewerOf (user: AuthUser, needsGym = true): Promise<Viewer> {
    const admin = user.role === 'admin'
    return { id: user.id, admin, gymStaff: admin || !needsGym ? [] : await relations.staffSharingAGymWith(user.id) }
  }

  async function visibleOr404<T extends Shared> (user: AuthUser, program: T | null): Promise<T> {
    const gymOnly = program?.visibility === 'gym' && program.created_by_user_id !== user.id
    if (!program || !visibleTo(await viewerOf(user, gymOnly), program)) throw new NotFoundError(LABEL)
    return program
  }

  return {
    viewerOf,
    visibleOr404,
    async changeableOr403<T extends Shared> (user: AuthUser, program: T | null): Promise<T> {
      const visible = await visibleOr404(user, program)
      if (visible.created_by_user_id !== user.id && user.role !== 'admin') throw new ForbiddenError('Only the program\'s owner or an admin may change it')
      return visible
    }
  }
}

export type ProgramAccess = ReturnType<typeof createProgramAccess>
