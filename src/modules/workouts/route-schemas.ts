import { AuthErrors, ErrorResponse, IdParams, IfMatchHeaders, NoContent, ObjectErrors, Page, TokenSecurity } from '../../schemas/common.js'
import { CloneWorkoutSchema, CreateWorkoutSchema, PatchWorkoutSchema, WorkoutQuerySchema, WorkoutSchema } from './schemas.js'

const tags = ['workouts']
const security = TokenSecurity
const BEING_DELETED = ' 409 CONFLICT when one of its exercises is being deleted at that moment.'

export const ListWorkoutsRoute = {
  summary: 'List your workouts and everyone\'s public ones',
  tags,
  security,
  querystring: WorkoutQuerySchema,
  response: { 200: Page(WorkoutSchema), ...AuthErrors }
}

export const CreateWorkoutRoute = {
  summary: 'Create a workout template',
  description: 'Orders must be unique, reps max ≥ min, and every exercise visible to you (public workouts: library exercises only). ' +
    'estimated_duration_minutes, when absent, is Σ target_sets × (45 s of work + rest_seconds), rounded up.' + BEING_DELETED,
  tags,
  security,
  body: CreateWorkoutSchema,
  response: { 201: WorkoutSchema, ...AuthErrors, 409: ErrorResponse }
}

export const GetWorkoutRoute = {
  summary: 'Get one of your workouts or a public one',
  tags,
  security,
  params: IdParams,
  response: { 200: WorkoutSchema, ...ObjectErrors }
}

export const ReplaceWorkoutRoute = {
  summary: 'Replace your workout (absent fields reset to their defaults; the duration is recomputed unless given)',
  description: BEING_DELETED.trim(),
  tags,
  security,
  params: IdParams,
  headers: IfMatchHeaders,
  body: CreateWorkoutSchema,
  response: { 200: WorkoutSchema, ...ObjectErrors, 409: ErrorResponse }
}

export const PatchWorkoutRoute = {
  summary: 'Change some fields of your workout (the duration is recomputed when exercises change and it is not given)',
  description: BEING_DELETED.trim(),
  tags,
  security,
  params: IdParams,
  headers: IfMatchHeaders,
  body: PatchWorkoutSchema,
  response: { 200: WorkoutSchema, ...ObjectErrors, 409: ErrorResponse }
}

export const DeleteWorkoutRoute = {
  summary: 'Delete your workout',
  tags,
  security,
  params: IdParams,
  headers: IfMatchHeaders,
  response: { 204: NoContent, ...ObjectErrors }
}

export const CloneWorkoutRoute = {
  summary: 'Copy one of your workouts or a public one into your own, private library',
  tags,
  security,
  params: IdParams,
  body: CloneWorkoutSchema,
  response: { 201: WorkoutSchema, ...ObjectErrors, 409: ErrorResponse }
}
