import type { Difficulty } from '../documents.js'
import { curatesLibrary } from '../../lib/access.js'

const RANKS: Record<Difficulty, number> = { beginner: 1, intermediate: 2, advanced: 3 }

/** Stored next to `difficulty_level` so that sorting follows the level (beginner first), not the alphabet. */
export const difficultyRank = (level: Difficulty): number => RANKS[level]

/** The key names are unique on, per owner: case-insensitive. */
export const nameKey = (name: string): string => name.toLowerCase()

/** `none` (body weight only) contradicts any other equipment; returns why the list is wrong, or null. */
export function equipmentProblem (equipment: readonly string[]): string | null {
  return equipment.includes('none') && equipment.length > 1
    ? 'must not combine "none" with other equipment'
    : null
}

/** Who owns a new exercise: trainers and admins curate the shared library (owner null); members write custom ones. */
export const ownerOfNewExercise = (user: { id: number, role: string }): number | null =>
  curatesLibrary(user) ? null : user.id
