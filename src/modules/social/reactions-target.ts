import type { Db } from 'mongodb'
import { COLLECTIONS, type SessionDoc, type SocialObjectKind, type WorkoutDoc } from '../documents.js'
import { oid } from '../../lib/mongo.js'
import { StateConflictError } from '../../errors.js'
import type { AuthUser } from '../../plugins/auth.js'
import type { Visibility } from './audience.js'
import type { VisibilityAccess } from './visibility-access.js'
import { sessionVisibility, workoutVisibility } from './visibility-rules.js'

/** What likes and comments need to know of the object they are on. */
export interface Target {
  kind: SocialObjectKind
  id: string
  owner: number
  visibility: Visibility
  /** Sessions take likes and comments once completed; workouts always. */
  open: boolean
}

export const LABELS: Record<SocialObjectKind, string> = { session: 'Session', workout: 'Workout' }

export const objectCollection = (kind: SocialObjectKind) => kind === 'session' ? COLLECTIONS.sessions : COLLECTIONS.workouts

export function createTargets (db: Db, visibility: VisibilityAccess) {
  async function find (kind: SocialObjectKind, id: string): Promise<Target | null> {
    if (kind === 'session') {
      const doc = await db.collection<SessionDoc>(COLLECTIONS.sessions).findOne({ _id: oid(id) }, { projection: { user_id: 1, visibility: 1, status: 1 } })
      return doc && { kind, id, owner: doc.user_id, visibility: sessionVisibility(doc), open: doc.status === 'completed' }
    }
    const doc = await db.collection<WorkoutDoc>(COLLECTIONS.workouts).findOne({ _id: oid(id) }, { projection: { created_by_user_id: 1, visibility: 1, is_public: 1 } })
    return doc && { kind, id, owner: doc.created_by_user_id, visibility: workoutVisibility(doc), open: true }
  }

  /** The object when the viewer may read it; 404 otherwise. */
  const readable = async (kind: SocialObjectKind, id: string, viewer: AuthUser): Promise<Target> =>
    visibility.readableOr404(await find(kind, id), (t) => t.owner, (t) => t.visibility, viewer, LABELS[kind])

  return {
    find,
    readable,
    /** Readable and taking likes and comments: a session that is not completed is a 409. */
    async reactable (kind: SocialObjectKind, id: string, viewer: AuthUser): Promise<Target> {
      const target = await readable(kind, id, viewer)
      if (!target.open) throw new StateConflictError('Only completed sessions take likes and comments')
      return target
    },
    /** Whether the viewer may read the object (missing → false): decides 403 or 404 on others' comments. */
    async mayRead (kind: SocialObjectKind, id: string, viewer: AuthUser): Promise<boolean> {
      const target = await find(kind, id)
      return target !== null && await visibility.mayRead(viewer, target.owner, target.visibility)
    }
  }
}

export type Targets = ReturnType<typeof createTargets>
