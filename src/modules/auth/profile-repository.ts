import { ObjectId, type Db } from 'mongodb'
import { COLLECTIONS, type ProfileDoc } from '../documents.js'
import type { IndexDeclaration } from '../../lib/mongo-indexes.js'
import type { Profile, ProfileChanges } from './schemas.js'

export const profileIndexes: IndexDeclaration[] = [
  { collection: COLLECTIONS.profiles, key: { user_id: 1 }, options: { name: 'profiles_user_id_unique', unique: true } }
]

export const DEFAULT_PROFILE: Readonly<Profile> = Object.freeze({
  bio: '',
  height: null,
  weight: null,
  date_of_birth: null,
  fitness_goal: null,
  experience_level: null,
  preferred_workout_types: [],
  units: 'metric',
  timezone: 'UTC'
})

const PROFILE_KEYS = Object.keys(DEFAULT_PROFILE) as Array<keyof Profile>

function toProfile (doc: ProfileDoc | null): Profile | null {
  if (!doc) return null
  return Object.fromEntries(PROFILE_KEYS.map((key) => [key, doc[key] ?? DEFAULT_PROFILE[key]])) as Profile
}

/** Profiles keyed by the Postgres user id. Users made outside register (CLI, imports) get one lazily. */
export function createProfileRepository (db: Db) {
  const profiles = db.collection<ProfileDoc>(COLLECTIONS.profiles)

  return {
    async create (userId: number, fields: ProfileChanges = {}): Promise<Profile> {
      const now = new Date()
      const doc: ProfileDoc = { _id: new ObjectId(), user_id: userId, ...DEFAULT_PROFILE, ...fields, created_at: now, updated_at: now }
      await profiles.insertOne(doc)
      return toProfile(doc)!
    },

    async find (userId: number): Promise<Profile | null> {
      return toProfile(await profiles.findOne({ user_id: userId }))
    },

    /** Sets the given fields; creates the profile (defaults for the rest) when there is none yet. */
    async update (userId: number, changes: ProfileChanges): Promise<Profile> {
      const now = new Date()
      const unchanged = PROFILE_KEYS.filter((key) => changes[key] === undefined)
      const defaults = Object.fromEntries(unchanged.map((key) => [key, DEFAULT_PROFILE[key]]))
      const doc = await profiles.findOneAndUpdate(
        { user_id: userId },
        { $set: { ...changes, updated_at: now }, $setOnInsert: { ...defaults, created_at: now } },
        { upsert: true, returnDocument: 'after' }
      )
      return toProfile(doc)!
    },

    async remove (userId: number): Promise<void> {
      await profiles.deleteOne({ user_id: userId })
    }
  }
}

export type ProfileRepository = ReturnType<typeof createProfileRepository>
