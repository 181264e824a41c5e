import { Type, type Static } from '@sinclair/typebox'
import { BoundedNumber, DateOnly, DateTime, Nullable, NullableInput, ObjectIdString, PageQuery, StringEnum } from '../../schemas/common.js'
import type { GoalType } from '../documents.js'

export const GOAL_TYPES: readonly GoalType[] = ['sessions_per_week', 'volume_per_week', 'lift', 'body_weight']
export const GOAL_STATUSES = ['active', 'achieved', 'expired'] as const
export type GoalStatus = typeof GOAL_STATUSES[number]
export const LIFT_MEASURES = ['weight', 'e1rm'] as const
export const DIRECTIONS = ['lose', 'gain'] as const

const GoalTypeSchema = StringEnum(GOAL_TYPES, { description: 'sessions_per_week, volume_per_week (kg·reps), lift (kg) or body_weight (kg)' })
const MeasureSchema = StringEnum(LIFT_MEASURES, { description: 'lift only: the heaviest working set (weight, default) or the best estimated 1RM (Epley, e1rm)' })
const DirectionSchema = StringEnum(DIRECTIONS, { description: 'body_weight only; default: from the current weight (target below it → lose, else gain)' })
// The per-type ranges (rules.ts TARGET_RANGES) are checked after the schema; this is the outer bound.
const Target = BoundedNumber(0.5, 10_000_000, { description: 'Sessions per week (1–21, whole), kg·reps per week (1–10 000 000), kg lifted (0.5–1000) or body weight in kg (20–500)' })

export const WeekSchema = Type.Object({
  start: DateOnly,
  end: { ...DateOnly, description: 'The last day of the week (Sunday), local to the profile\'s time zone' }
})

export const ProgressSchema = Type.Object({
  current: Nullable(Type.Number({ description: 'Null when there is nothing to measure yet (no body weight recorded)' })),
  target: Type.Number(),
  percent: Type.Number({ minimum: 0, maximum: 100, description: 'Rounded to 2 decimals, capped at 100' }),
  met: Type.Boolean({ description: 'The target is met now (weekly goals: this week)' }),
  week: Nullable(WeekSchema)
})

export const GoalSchema = Type.Object({
  id: ObjectIdString,
  type: GoalTypeSchema,
  target: Type.Number(),
  exercise_id: Nullable(ObjectIdString),
  measure: Nullable(MeasureSchema),
  direction: Nullable(DirectionSchema),
  start_value: Nullable(Type.Number({ description: 'body_weight: the weight when the goal was created (or its direction last changed)' })),
  deadline: Nullable(DateOnly),
  status: StringEnum(GOAL_STATUSES),
  achieved_at: Nullable(DateTime),
  progress: ProgressSchema,
  created_at: DateTime,
  updated_at: DateTime
}, { title: 'Goal' })
export type Goal = Static<typeof GoalSchema>

export const CreateGoalSchema = Type.Object({
  type: GoalTypeSchema,
  target: Target,
  exercise_id: Type.Optional({ ...ObjectIdString, description: 'lift only (required there): an exercise you can see' }),
  measure: Type.Optional(MeasureSchema),
  direction: Type.Optional(DirectionSchema),
  deadline: Type.Optional(NullableInput(DateOnly))
}, {
  additionalProperties: false,
  examples: [{ type: 'sessions_per_week', target: 3 }, { type: 'lift', exercise_id: '665f1c2e8b3e4a0012a4b7c1', target: 100, measure: 'e1rm', deadline: '2027-06-30' }]
})
export type CreateGoal = Static<typeof CreateGoalSchema>

export const PatchGoalSchema = Type.Object({
  target: Type.Optional(Target),
  exercise_id: Type.Optional(ObjectIdString),
  measure: Type.Optional(MeasureSchema),
  direction: Type.Optional(DirectionSchema),
  deadline: Type.Optional(NullableInput(DateOnly))
}, { additionalProperties: false, minProperties: 1, examples: [{ target: 4 }, { deadline: null }] })
export type PatchGoal = Static<typeof PatchGoalSchema>

export const GoalQuerySchema = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(StringEnum(GOAL_STATUSES, { description: 'active: not achieved, deadline not passed; achieved; expired: not achieved, deadline passed' })),
  type: Type.Optional(GoalTypeSchema)
}, { additionalProperties: false })
export type GoalQuery = Static<typeof GoalQuerySchema>
