import { Type, type Static } from '@sinclair/typebox'
import { AuthErrors, ClientUserId, DateOnly, DateTime, IdParams, Nullable, ObjectErrors, ObjectIdString, TokenSecurity } from '../../schemas/common.js'

const tags = ['stats']
const Count = Type.Integer({ minimum: 0 })
const Amount = Type.Number({ minimum: 0, description: 'kg, or kg × reps for volume' })
const TimeZone = Type.String({ description: 'IANA zone of the profile that local days are counted in', examples: ['Europe/Berlin'] })

// A plain string enum: one validation detail for a wrong value (a union reports one per member).
const StringEnum = <T extends string>(values: readonly T[], options: { default: T, description: string }) =>
  Type.Unsafe<T>({ type: 'string', enum: values, ...options })
const Period = StringEnum(['week', 'month'], { default: 'week', description: 'Bucket size; weeks are ISO weeks starting on Monday' })
const Formula = StringEnum(['epley', 'brzycki'], { default: 'epley', description: 'Estimated one-rep max formula' })

export const PeriodQuery = Type.Object({
  period: Type.Optional(Period),
  date_from: Type.Optional({ ...DateOnly, description: 'First local day (default: start of the 12th bucket back)' }),
  date_to: Type.Optional({ ...DateOnly, description: 'Last local day (default: today)' }),
  user_id: ClientUserId
}, { additionalProperties: false })
export type PeriodQueryType = Static<typeof PeriodQuery>

export const ExerciseProgressQuery = Type.Object({ ...PeriodQuery.properties, formula: Type.Optional(Formula) }, { additionalProperties: false })
export type ExerciseProgressQueryType = Static<typeof ExerciseProgressQuery>

export const RecordsQuery = Type.Object({ formula: Type.Optional(Formula), user_id: ClientUserId }, { additionalProperties: false })
export const SummaryQuery = Type.Object({ user_id: ClientUserId }, { additionalProperties: false })
export type SummaryQueryType = Static<typeof SummaryQuery>
export type RecordsQueryType = Static<typeof RecordsQuery>

const RangeFields = { period: Period, date_from: DateOnly, date_to: DateOnly, timezone: TimeZone }
const BucketStart = { ...DateOnly, description: 'First local day of the week or month' }

export const Summary = Type.Object({
  total_sessions: Type.Integer({ minimum: 0, description: 'Every session the user created, in any state' }),
  completed_sessions: Count,
  total_duration_minutes: Amount,
  total_volume: Amount,
  total_sets: Count,
  total_reps: Count,
  current_streak_days: Count,
  longest_streak_days: Count,
  last_workout_at: Nullable(DateTime),
  timezone: TimeZone,
  favourite_exercises: Type.Array(Type.Object({ exercise_id: ObjectIdString, name: Nullable(Type.String()), sets: Count }))
})

export const Progress = Type.Object({
  ...RangeFields,
  buckets: Type.Array(Type.Object({ start: BucketStart, sessions: Count, duration_minutes: Amount, volume: Amount, sets: Count }))
})

export const ExerciseProgress = Type.Object({
  exercise_id: ObjectIdString,
  formula: Formula,
  ...RangeFields,
  buckets: Type.Array(Type.Object({
    start: BucketStart,
    max_weight: Nullable(Amount),
    best_e1rm: Nullable(Amount),
    volume: Amount,
    reps: Count,
    sets: Count
  }))
})

const Achieved = { achieved_at: DateTime, session_id: ObjectIdString }
export const ExerciseRecords = Type.Object({
  exercise_id: ObjectIdString,
  exercise_name: Nullable(Type.String()),
  heaviest_weight: Nullable(Type.Object({ weight: Amount, ...Achieved })),
  best_e1rm: Nullable(Type.Object({ value: Amount, weight: Amount, reps: Count, ...Achieved })),
  most_reps: Type.Array(Type.Object({ weight: Amount, reps: Count, ...Achieved }), { description: 'Most reps ever done at each weight (0 = no load), ascending weight' }),
  best_session_volume: Nullable(Type.Object({ volume: Amount, ...Achieved }))
})
export const Records = Type.Object({ formula: Formula, results: Type.Array(ExerciseRecords) })

export const MuscleGroups = Type.Object({
  ...RangeFields,
  buckets: Type.Array(Type.Object({
    start: BucketStart,
    muscle_groups: Type.Array(Type.Object({ muscle: Type.String(), volume: Amount, sets: Count }))
  }))
})

export const SummaryRoute = {
  summary: 'Totals, streaks and favourite exercises of the caller (or of a client, with user_id)',
  tags,
  security: TokenSecurity,
  querystring: SummaryQuery,
  response: { 200: Summary, ...AuthErrors, 404: ObjectErrors[404] }
}

export const ProgressRoute = {
  summary: 'Completed sessions, duration, volume and sets per week or month',
  tags,
  security: TokenSecurity,
  querystring: PeriodQuery,
  response: { 200: Progress, ...AuthErrors, 404: ObjectErrors[404] }
}

export const ExerciseProgressRoute = {
  summary: 'Max weight, best estimated 1RM, volume and reps of one exercise per week or month',
  tags,
  security: TokenSecurity,
  params: IdParams,
  querystring: ExerciseProgressQuery,
  response: { 200: ExerciseProgress, ...AuthErrors, 404: ObjectErrors[404] }
}

export const RecordsRoute = {
  summary: 'Personal records per exercise, with when and in which session they were set',
  tags,
  security: TokenSecurity,
  querystring: RecordsQuery,
  response: { 200: Records, ...AuthErrors, 404: ObjectErrors[404] }
}

export const MuscleGroupsRoute = {
  summary: 'Working sets and volume per primary muscle group per week or month',
  tags,
  security: TokenSecurity,
  querystring: PeriodQuery,
  response: { 200: MuscleGroups, ...AuthErrors, 404: ObjectErrors[404] }
}
