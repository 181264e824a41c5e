import type { Category, Difficulty } from '../../documents.js'
import type { Equipment, MuscleGroup } from '../vocabulary.js'

/** One starter-library exercise; text written for this project, attributes from common training knowledge. */
export interface SeedExercise {
  name: string
  category: Category
  difficulty_level: Difficulty
  primary_muscles: MuscleGroup[]
  secondary_muscles: MuscleGroup[]
  equipment_needed: Equipment[]
  description: string
  instructions: string
}

/** Numbered steps, one per line. */
export const steps = (...lines: string[]): string => lines.map((line, index) => `${index + 1}. ${line}`).join('\n')
