import type { Category, Difficulty } from '../documents.js'

// The closed vocabularies of exercises. Stored values: the stats module groups volume by
// `primary_muscles`, so rename nothing here without migrating stored documents.

export const CATEGORIES = ['strength', 'cardio', 'flexibility', 'balance', 'plyometrics', 'sports'] as const satisfies readonly Category[]

export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const satisfies readonly Difficulty[]

export const MUSCLE_GROUPS = [
  'chest', 'upper_back', 'lats', 'lower_back', 'traps', 'shoulders', 'biceps', 'triceps', 'forearms',
  'abs', 'obliques', 'glutes', 'quadriceps', 'hamstrings', 'calves', 'hip_flexors', 'adductors',
  'abductors', 'neck', 'full_body'
] as const
export type MuscleGroup = typeof MUSCLE_GROUPS[number]

/** `none` means body weight only and stands alone in a list. */
export const EQUIPMENT = [
  'none', 'barbell', 'ez_bar', 'dumbbell', 'kettlebell', 'cable', 'machine', 'smith_machine', 'bench',
  'pull_up_bar', 'dip_station', 'resistance_band', 'medicine_ball', 'stability_ball', 'jump_rope',
  'treadmill', 'stationary_bike', 'rowing_machine', 'plyo_box', 'foam_roller', 'mat', 'agility_ladder',
  'cones', 'punching_bag', 'battle_ropes'
] as const
export type Equipment = typeof EQUIPMENT[number]
