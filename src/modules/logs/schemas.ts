import { Type, type Static } from '@sinclair/typebox'
import { BoundedInteger, BoundedNumber, ClientUserId, DateTime, Nullable, NullableInput, ObjectIdString, Ordering, PageQuery } from '../../schemas/common.js'
import { DateBound } from '../../lib/date-range.js'
import { MAX_SET_NUMBER } from './rules.js'

const ExerciseId = Type.String({ pattern: ObjectIdString.pattern, description: 'A library exercise, one of yours, or a public one', examples: ['665f1c2e8b3e4a0012a4b7d2'] })
const SessionId = Type.String({ pattern: ObjectIdString.pattern, description: 'One of your sessions that is planned or in progress', examples: ['665f1c2e8b3e4a0012a4b7c1'] })

/** Everything a set may carry besides its session and exercise; all optional, metrics nullable. */
const SetFields = {
  set_number: Type.Optional(BoundedInteger(1, MAX_SET_NUMBER, { description: 'Default: sets of this exercise already in the session + 1' })),
  reps: Type.Optional(NullableInput(BoundedInteger(0, 1000))),
  weight: Type.Optional(NullableInput(BoundedNumber(0, 2000, { description: 'kg' }))),
  duration_seconds: Type.Optional(NullableInput(BoundedInteger(0, 86_400))),
  distance: Type.Optional(NullableInput(BoundedNumber(0, 1000, { description: 'km' }))),
  rpe: Type.Optional(NullableInput(BoundedNumber(1, 10, { multipleOf: 0.5, description: 'Rate of perceived exertion, 1–10 in steps of 0.5' }))),
  is_warmup: Type.Optional(Type.Boolean({ description: 'Warm-up sets do not count towards volume, sets or reps (default false)' })),
  notes: Type.Optional(Type.String({ maxLength: 1000 })),
  completed_at: Type.Optional(DateTime)
}
const METRIC_RULE = 'At least one of reps, weight, duration_seconds, distance (else 400 with details field `body`).'

export const SessionLogSchema = Type.Object({ exercise: ExerciseId, ...SetFields }, {
  additionalProperties: false,
  description: METRIC_RULE,
  examples: [{ exercise: '665f1c2e8b3e4a0012a4b7d2', reps: 8, weight: 80, rpe: 8 }]
})
export type SessionLogInput = Static<typeof SessionLogSchema>

export const CreateLogSchema = Type.Object({ workout_session: SessionId, exercise: ExerciseId, ...SetFields }, {
  additionalProperties: false,
  description: METRIC_RULE,
  examples: [{ workout_session: '665f1c2e8b3e4a0012a4b7c1', exercise: '665f1c2e8b3e4a0012a4b7d2', set_number: 1, reps: 10, weight: 60, is_warmup: true }]
})
export type CreateLogInput = Static<typeof CreateLogSchema>

export const BulkCreateLogsSchema = Type.Object({ logs: Type.Array(CreateLogSchema, { minItems: 1, maxItems: 100 }) }, {
  additionalProperties: false,
  examples: [{
    logs: [
      { workout_session: '665f1c2e8b3e4a0012a4b7c1', exercise: '665f1c2e8b3e4a0012a4b7d2', reps: 8, weight: 80 },
      { workout_session: '665f1c2e8b3e4a0012a4b7c1', exercise: '665f1c2e8b3e4a0012a4b7d2', reps: 8, weight: 80 }
    ]
  }]
})
export type BulkCreateLogsInput = Static<typeof BulkCreateLogsSchema>

export const UpdateLogSchema = Type.Object({ exercise: Type.Optional(ExerciseId), ...SetFields }, {
  additionalProperties: false,
  description: `Every field optional (PUT and PATCH alike); the set moves to no other session. ${METRIC_RULE} Only while the session is planned or in progress (else 409).`,
  examples: [{ reps: 6, weight: 82.5 }, { weight: null, duration_seconds: 60 }]
})
export type UpdateLogInput = Static<typeof UpdateLogSchema>

export const LogSchema = Type.Object({
  id: ObjectIdString,
  workout_session: ObjectIdString,
  exercise: ObjectIdString,
  set_number: Type.Integer(),
  reps: Nullable(Type.Integer()),
  weight: Nullable(Type.Number()),
  duration_seconds: Nullable(Type.Integer()),
  distance: Nullable(Type.Number()),
  rpe: Nullable(Type.Number()),
  is_warmup: Type.Boolean(),
  notes: Type.String(),
  completed_at: DateTime,
  created_at: DateTime,
  updated_at: DateTime,
  entered_by_user_id: Nullable(Type.Integer({ description: 'Who logged the set: the owner, or their trainer; null once that trainer\'s account is deleted' }))
}, {
  examples: [{
    id: '665f1c2e8b3e4a0012a4b7e3',
    workout_session: '665f1c2e8b3e4a0012a4b7c1',
    exercise: '665f1c2e8b3e4a0012a4b7d2',
    set_number: 2,
    reps: 8,
    weight: 80,
    duration_seconds: null,
    distance: null,
    rpe: 8,
    is_warmup: false,
    notes: '',
    completed_at: '2026-11-22T08:41:00.000Z',
    created_at: '2026-11-22T08:41:00.000Z',
    updated_at: '2026-11-22T08:41:00.000Z',
    entered_by_user_id: 12
  }]
})
export type Log = Static<typeof LogSchema>

export const LOG_ORDERING = ['completed_at', 'set_number', 'weight', 'reps'] as const

const LogFilters = {
  ...PageQuery.properties,
  exercise: Type.Optional(ObjectIdString),
  date_from: Type.Optional(DateBound),
  date_to: Type.Optional(DateBound),
  ordering: Ordering(LOG_ORDERING)
}
export const LogQuerySchema = Type.Object({ session: Type.Optional(ObjectIdString), ...LogFilters, user_id: ClientUserId }, { additionalProperties: false })
export type LogQuery = Static<typeof LogQuerySchema>
export const SessionLogQuerySchema = Type.Object(LogFilters, { additionalProperties: false })
