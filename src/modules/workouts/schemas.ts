import { Type, type Static } from '@sinclair/typebox'
import { BoundedInteger, BoundedNumber, DateTime, IntId, Nullable, NullableInput, ObjectIdString, Ordering, PageQuery, SearchText, StringEnum } from '../../schemas/common.js'
import { Defaulted, DifficultySchema } from '../exercises/schemas.js'

export const NAME_MAX_LENGTH = 200

const VisibilitySchema = StringEnum(['private', 'followers', 'public'] as const, {
  description: 'Who may read it besides you: nobody, your approved followers, or everyone (docs/social.md). Stored; is_public follows from it. Defaults to your default_visibility'
})
export const MAX_EXERCISES = 50

const Tag = Type.String({ minLength: 1, maxLength: 30, pattern: '^[^,\\s](?:[^,]*[^,\\s])?$', description: 'Stored lower-case; no commas' })

export const WorkoutExerciseSchema = Type.Object({
  exercise: ObjectIdString,
  exercise_name: Nullable(Type.String({ description: 'The exercise\'s current name, resolved when read' })),
  order: Type.Integer(),
  target_sets: Type.Integer(),
  target_reps_min: Nullable(Type.Integer()),
  target_reps_max: Nullable(Type.Integer()),
  target_weight: Nullable(Type.Number({ description: 'kg' })),
  rest_seconds: Type.Integer(),
  notes: Type.String()
}, { title: 'WorkoutExercise' })
export type WorkoutExercise = Static<typeof WorkoutExerciseSchema>

export const WorkoutSchema = Type.Object({
  id: ObjectIdString,
  name: Type.String(),
  description: Type.String(),
  exercises: Type.Array(WorkoutExerciseSchema, { description: 'Ordered by `order`' }),
  difficulty_level: DifficultySchema,
  estimated_duration_minutes: Type.Integer({ minimum: 0 }),
  tags: Type.Array(Type.String()),
  is_template: Type.Boolean(),
  is_public: Type.Boolean({ description: 'true exactly when visibility is "public"' }),
  visibility: VisibilitySchema,
  like_count: Type.Integer({ minimum: 0 }),
  comment_count: Type.Integer({ minimum: 0 }),
  total_exercises: Type.Integer({ minimum: 0 }),
  created_by_user_id: IntId,
  created_at: DateTime,
  updated_at: DateTime
}, { title: 'Workout' })
export type Workout = Static<typeof WorkoutSchema>

export const WorkoutExerciseInputSchema = Type.Object({
  exercise: ObjectIdString,
  order: BoundedInteger(1, 1000, { description: 'Unique within the workout' }),
  target_sets: Defaulted(BoundedInteger(1, 50), 3),
  target_reps_min: Type.Optional(NullableInput(BoundedInteger(1, 1000))),
  target_reps_max: Type.Optional(NullableInput(BoundedInteger(1, 1000, { description: '≥ target_reps_min' }))),
  target_weight: Type.Optional(NullableInput(BoundedNumber(0, 2000, { description: 'kg' }))),
  rest_seconds: Defaulted(BoundedInteger(0, 3600), 60),
  notes: Defaulted(Type.String({ maxLength: 500 }), '')
}, { additionalProperties: false })
export type WorkoutExerciseInput = Static<typeof WorkoutExerciseInputSchema>

const writable = {
  name: Type.String({ minLength: 1, maxLength: NAME_MAX_LENGTH, pattern: '^\\S(.*\\S)?$' }),
  description: Type.String({ maxLength: 2000 }),
  exercises: Type.Array(WorkoutExerciseInputSchema, { maxItems: MAX_EXERCISES }),
  difficulty_level: DifficultySchema,
  estimated_duration_minutes: BoundedInteger(1, 1440, { description: 'Computed from the exercises when absent' }),
  tags: Type.Array(Tag, { maxItems: 20 }),
  is_template: Type.Boolean(),
  is_public: Type.Boolean({ description: 'Public workouts are listed for everyone and may use library exercises only. Still accepted: true = visibility "public", false = "private"; contradicting visibility is a 400' }),
  visibility: VisibilitySchema
}

const example = {
  name: 'Upper body A',
  description: 'Heavy press and pull.',
  difficulty_level: 'intermediate',
  tags: ['strength', 'upper'],
  exercises: [
    { exercise: '665f1c2e8b3e4a0012a4b7c1', order: 1, target_sets: 4, target_reps_min: 5, target_reps_max: 8, target_weight: 80, rest_seconds: 120 },
    { exercise: '665f1c2e8b3e4a0012a4b7c2', order: 2, target_sets: 3, target_reps_min: 8, target_reps_max: 12, rest_seconds: 90, notes: 'Pause at the top' }
  ]
}

export const CreateWorkoutSchema = Type.Object({
  name: writable.name,
  description: Defaulted(writable.description, ''),
  exercises: Defaulted(writable.exercises, []),
  difficulty_level: Defaulted(writable.difficulty_level, 'beginner'),
  estimated_duration_minutes: Type.Optional(writable.estimated_duration_minutes),
  tags: Defaulted(writable.tags, []),
  is_template: Defaulted(writable.is_template, true),
  is_public: Type.Optional(writable.is_public),
  visibility: Type.Optional(writable.visibility)
}, { additionalProperties: false, examples: [example] })
export type CreateWorkout = Static<typeof CreateWorkoutSchema>

export const PatchWorkoutSchema = Type.Partial(Type.Object(writable), { additionalProperties: false, examples: [{ is_public: true, tags: ['push'] }] })
export type PatchWorkout = Static<typeof PatchWorkoutSchema>

export const CloneWorkoutSchema = Type.Object({
  name: Type.Optional(writable.name)
}, { additionalProperties: false, examples: [{ name: 'My upper body' }], description: 'Optional; the copy is named "<name> (copy)" by default' })
export type CloneWorkout = Static<typeof CloneWorkoutSchema>

export const WorkoutOrderingFields = ['name', 'created_at', 'updated_at', 'estimated_duration_minutes', 'difficulty_level'] as const

export const WorkoutQuerySchema = Type.Object({
  ...PageQuery.properties,
  difficulty: Type.Optional(DifficultySchema),
  tags: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'Comma-separated; workouts carrying all of them' })),
  is_template: Type.Optional(Type.Boolean()),
  is_public: Type.Optional(Type.Boolean()),
  search: Type.Optional(SearchText),
  ordering: Ordering(WorkoutOrderingFields)
}, { additionalProperties: false })
export type WorkoutQuery = Static<typeof WorkoutQuerySchema>
