import { Type, type Static, type TSchema } from '@sinclair/typebox'
import {
  AuthErrors, DateTime, ErrorResponse, IdParams, NoContent, Nullable, ObjectErrors, ObjectIdString,
  Ordering, Page, PageQuery, SearchText, TokenSecurity, IntId, NullableInput, StringEnum,
  ClientUserId, IfMatchHeaders
} from '../../schemas/common.js'
import { CATEGORIES, DIFFICULTIES, EQUIPMENT, MUSCLE_GROUPS } from './vocabulary.js'
import { LogSchema } from '../logs/schemas.js'

/**
 * An optional field with a default for create/replace bodies. Defaults live only there: Ajv fills
 * them in for missing properties, which in a PATCH body would overwrite what is stored.
 */
export const Defaulted = <T extends TSchema>(schema: T, value: Static<T>) => Type.Optional({ ...schema, default: value })

export const CategorySchema = StringEnum(CATEGORIES)
export const DifficultySchema = StringEnum(DIFFICULTIES)
export const MuscleGroupSchema = StringEnum(MUSCLE_GROUPS)
export const EquipmentSchema = StringEnum(EQUIPMENT, { description: '`none` means body weight only' })

const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '^\\S(.*\\S)?$', description: 'Unique per owner, case-insensitive; no leading or trailing spaces' })
const Url = NullableInput(Type.String({ format: 'uri', maxLength: 500 }))
const Muscles = (minItems: number) => Type.Array(MuscleGroupSchema, { minItems, maxItems: MUSCLE_GROUPS.length, uniqueItems: true })

export const ExerciseSchema = Type.Object({
  id: ObjectIdString,
  name: Type.String(),
  description: Type.String(),
  category: CategorySchema,
  difficulty_level: DifficultySchema,
  primary_muscles: Type.Array(MuscleGroupSchema),
  secondary_muscles: Type.Array(MuscleGroupSchema),
  equipment_needed: Type.Array(EquipmentSchema),
  instructions: Type.String(),
  video_url: Nullable(Type.String()),
  image_url: Nullable(Type.String()),
  is_custom: Type.Boolean({ description: 'false: library exercise curated by trainers and admins; true: private to its creator' }),
  is_public: Type.Boolean({ description: 'Library exercises are public; custom exercises are private to their creator' }),
  created_by_user_id: Nullable(IntId),
  created_at: DateTime,
  updated_at: DateTime
}, { title: 'Exercise' })
export type Exercise = Static<typeof ExerciseSchema>

const writable = {
  name: Name,
  description: Type.String({ maxLength: 2000 }),
  category: CategorySchema,
  difficulty_level: DifficultySchema,
  primary_muscles: Muscles(1),
  secondary_muscles: Muscles(0),
  equipment_needed: Type.Array(EquipmentSchema, { minItems: 1, maxItems: 10, uniqueItems: true }),
  instructions: Type.String({ maxLength: 5000 }),
  video_url: Type.Optional(Url),
  image_url: Type.Optional(Url)
}

const example = {
  name: 'Tempo Goblet Squat',
  description: 'A goblet squat with a slow three-second descent.',
  category: 'strength',
  difficulty_level: 'beginner',
  primary_muscles: ['quadriceps', 'glutes'],
  secondary_muscles: ['abs'],
  equipment_needed: ['dumbbell'],
  instructions: 'Hold a dumbbell at the chest. Lower for three seconds, pause, stand up.'
}

export const CreateExerciseSchema = Type.Object({
  ...writable,
  description: Defaulted(writable.description, ''),
  secondary_muscles: Defaulted(writable.secondary_muscles, []),
  equipment_needed: Defaulted(writable.equipment_needed, ['none']),
  instructions: Defaulted(writable.instructions, '')
}, { additionalProperties: false, examples: [example] })
export type CreateExercise = Static<typeof CreateExerciseSchema>

export const PatchExerciseSchema = Type.Partial(Type.Object(writable), { additionalProperties: false, examples: [{ difficulty_level: 'intermediate' }] })
export type PatchExercise = Static<typeof PatchExerciseSchema>

export const ExerciseOrderingFields = ['name', 'created_at', 'difficulty_level'] as const

export const ExerciseQuerySchema = Type.Object({
  ...PageQuery.properties,
  category: Type.Optional(CategorySchema),
  difficulty: Type.Optional(DifficultySchema),
  muscle_group: Type.Optional(StringEnum(MUSCLE_GROUPS, { description: 'Matches primary or secondary muscles' })),
  equipment: Type.Optional(EquipmentSchema),
  custom_only: Type.Optional(Type.Boolean({ description: 'Only the caller\'s custom exercises' })),
  search: Type.Optional(SearchText),
  ordering: Ordering(ExerciseOrderingFields)
}, { additionalProperties: false })
export type ExerciseQuery = Static<typeof ExerciseQuerySchema>

// A history item is the caller's logged set, as the logs module shows it (without created_at).
export const HistoryItemSchema = Type.Omit(LogSchema, ['created_at'], { title: 'ExerciseHistoryItem' })
export type HistoryItem = Static<typeof HistoryItemSchema>

const tags = ['exercises']
const security = TokenSecurity

export const ListExercisesRoute = {
  summary: 'List visible exercises (library plus your custom ones)',
  tags,
  security,
  querystring: ExerciseQuerySchema,
  response: { 200: Page(ExerciseSchema), ...AuthErrors }
}

export const CreateExerciseRoute = {
  summary: 'Create an exercise (trainers and admins: library exercise; members: private custom exercise)',
  tags,
  security,
  body: CreateExerciseSchema,
  response: { 201: ExerciseSchema, ...AuthErrors, 409: ErrorResponse }
}

export const GetExerciseRoute = {
  summary: 'Get one visible exercise',
  tags,
  security,
  params: IdParams,
  response: { 200: ExerciseSchema, ...ObjectErrors }
}

export const ReplaceExerciseRoute = {
  summary: 'Replace an exercise (library: trainers and admins; custom: its creator)',
  tags,
  security,
  params: IdParams,
  headers: IfMatchHeaders,
  body: CreateExerciseSchema,
  response: { 200: ExerciseSchema, ...ObjectErrors, 409: ErrorResponse }
}

export const PatchExerciseRoute = {
  summary: 'Change some fields of an exercise (library: trainers and admins; custom: its creator)',
  tags,
  security,
  params: IdParams,
  headers: IfMatchHeaders,
  body: PatchExerciseSchema,
  response: { 200: ExerciseSchema, ...ObjectErrors, 409: ErrorResponse }
}

export const DeleteExerciseRoute = {
  summary: 'Delete an exercise no workout or log references (409 IN_USE otherwise)',
  description: 'Workouts and sets being written with it at that moment are waited for (up to 2 s, else 409 IN_USE) and counted; ' +
    'from the moment the delete starts, writes that would reference it answer 409 CONFLICT.',
  tags,
  security,
  params: IdParams,
  headers: IfMatchHeaders,
  response: { 204: NoContent, ...ObjectErrors, 409: ErrorResponse }
}

export const ExerciseHistoryRoute = {
  summary: 'Your logged sets of this exercise (or a client\'s, with user_id), newest first',
  tags,
  security,
  params: IdParams,
  querystring: Type.Object({ ...PageQuery.properties, user_id: ClientUserId }, { additionalProperties: false }),
  response: { 200: Page(HistoryItemSchema), ...ObjectErrors }
}
