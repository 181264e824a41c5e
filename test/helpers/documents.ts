import { ObjectId } from 'mongodb'
import type { ExerciseDoc } from '../../src/modules/documents.js'

/** A complete ExerciseDoc for fixtures written straight through the driver; library by default. */
export function exerciseDoc (overrides: Partial<ExerciseDoc> = {}): ExerciseDoc {
  const now = new Date()
  const name = overrides.name ?? `Exercise ${new ObjectId().toHexString().slice(-6)}`
  const owner = overrides.created_by_user_id ?? null
  return {
    _id: new ObjectId(),
    name,
    name_lower: name.toLowerCase(),
    description: '',
    category: 'strength',
    difficulty_level: 'beginner',
    difficulty_rank: 1,
    primary_muscles: ['chest'],
    secondary_muscles: [],
    equipment_needed: [],
    instructions: '',
    video_url: null,
    image_url: null,
    is_custom: owner !== null,
    is_public: owner === null,
    created_by_user_id: owner,
    created_at: now,
    updated_at: now,
    ...overrides
  }
}
