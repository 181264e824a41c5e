import { AuthErrors, IdParams, IfMatchHeaders, NoContent, ObjectErrors, Page, TokenSecurity } from '../../schemas/common.js'
import { CreateGoalSchema, GoalQuerySchema, GoalSchema, PatchGoalSchema } from './schemas.js'

const tags = ['goals']
const security = TokenSecurity
const PROGRESS = 'Progress is computed from your data on every read (docs/goals.md); a lift or body-weight goal found met gets achieved_at, once. ' +
  'Weekly goals recur: they report progress.met for the current week and are never achieved.'

export const ListGoalsRoute = {
  summary: 'List your goals with their progress, newest first',
  description: PROGRESS,
  tags,
  security,
  querystring: GoalQuerySchema,
  response: { 200: Page(GoalSchema), ...AuthErrors }
}

export const CreateGoalRoute = {
  summary: 'Set a goal: sessions or volume per week, a lift, or a body weight',
  description: 'Fields that do not fit the type (exercise_id or measure outside lift goals, direction outside body_weight goals), ' +
    'a target outside the type\'s range, a deadline before today or an exercise you cannot see → 400. ' + PROGRESS,
  tags,
  security,
  body: CreateGoalSchema,
  response: { 201: GoalSchema, ...AuthErrors }
}

export const GetGoalRoute = {
  summary: 'One of your goals with its progress',
  description: PROGRESS,
  tags,
  security,
  params: IdParams,
  response: { 200: GoalSchema, ...ObjectErrors }
}

export const PatchGoalRoute = {
  summary: 'Change your goal\'s target, exercise, measure, direction or deadline (not its type)',
  description: 'Changing what it measures (target, exercise_id, measure, direction) clears achieved_at; it is judged again at once. ' + PROGRESS,
  tags,
  security,
  params: IdParams,
  headers: IfMatchHeaders,
  body: PatchGoalSchema,
  response: { 200: GoalSchema, ...ObjectErrors }
}

export const DeleteGoalRoute = {
  summary: 'Delete your goal',
  tags,
  security,
  params: IdParams,
  headers: IfMatchHeaders,
  response: { 204: NoContent, ...ObjectErrors }
}
