import { Type, type Static } from '@sinclair/typebox'
import { BoundedInteger, BoundedNumber, ClientUserId, DateTime, IntId, Nullable, NullableInput, ObjectIdString, Ordering, PageQuery, StringEnum, Timestamps } from '../../schemas/common.js'
import { DateBound } from '../../lib/date-range.js'

export const SessionStatusSchema = StringEnum(['planned', 'in_progress', 'completed', 'cancelled'] as const, {
  description: 'planned → in_progress → completed; planned or in_progress → cancelled'
})

const Name = (description?: string) => Type.String({ minLength: 1, maxLength: 200, examples: ['Push day A'], description })
const Notes = Type.String({ maxLength: 2000, examples: ['Felt strong on the bench.'] })
const Rating = (description = 'How the session felt, 1–5') => BoundedInteger(1, 5, { description })
const Calories = (description = 'kcal') => BoundedNumber(0, 20_000, { description })
const ONCE_COMPLETED = 'Only once the session is completed (else 409)'
const Visibility = (description: string) => StringEnum(['private', 'followers', 'public'] as const, { description })
const VISIBILITY_READ = 'Who may read it besides you (and your active trainer): nobody, your approved followers, or everyone (docs/social.md)'
const VISIBILITY_WRITE = `${VISIBILITY_READ}; defaults to your default_visibility`

export const SessionSchema = Type.Object({
  id: ObjectIdString,
  workout: Nullable(ObjectIdString),
  name: Type.String(),
  status: SessionStatusSchema,
  scheduled_for: Nullable(DateTime),
  start_time: Nullable(DateTime),
  end_time: Nullable(DateTime),
  session_date: Type.String({ format: 'date-time', description: 'start_time once started, else scheduled_for, else created_at; what date_from/date_to filter on' }),
  actual_duration_minutes: Nullable(Type.Integer({ minimum: 0 })),
  notes: Type.String(),
  rating: Nullable(Rating()),
  calories_burned: Nullable(Calories()),
  total_volume: Type.Number({ description: 'Σ reps × weight (kg) of the non-warm-up sets; set on completion' }),
  total_sets: Type.Integer({ description: 'Non-warm-up sets; set on completion' }),
  total_reps: Type.Integer({ description: 'Σ reps of the non-warm-up sets; set on completion' }),
  visibility: Visibility(VISIBILITY_READ),
  like_count: Type.Integer({ minimum: 0 }),
  comment_count: Type.Integer({ minimum: 0 }),
  ...Timestamps
}, {
  examples: [{
    id: '665f1c2e8b3e4a0012a4b7c1',
    workout: '665f1c2e8b3e4a0012a4b7aa',
    name: 'Push day A',
    status: 'completed',
    scheduled_for: null,
    start_time: '2026-11-22T08:30:00.000Z',
    end_time: '2026-11-22T09:25:00.000Z',
    session_date: '2026-11-22T08:30:00.000Z',
    actual_duration_minutes: 55,
    notes: 'Felt strong on the bench.',
    rating: 4,
    calories_burned: 420,
    total_volume: 5120.5,
    total_sets: 15,
    total_reps: 118,
    visibility: 'followers',
    like_count: 3,
    comment_count: 1,
    created_at: '2026-11-22T08:29:00.000Z',
    updated_at: '2026-11-22T09:25:00.000Z'
  }]
})
export type Session = Static<typeof SessionSchema>

export const CreateSessionSchema = Type.Object({
  workout: Type.Optional(Type.String({ pattern: ObjectIdString.pattern, description: 'A workout you own or a public one; omit for free training' })),
  name: Type.Optional(Name('Defaults to the workout\'s name, or "Free training"')),
  scheduled_for: Type.Optional(DateTime),
  notes: Type.Optional(Notes),
  start_now: Type.Optional(Type.Boolean({ description: 'Create it already in progress (start_time = now) instead of planned' })),
  visibility: Type.Optional(Visibility(VISIBILITY_WRITE)),
  client_id: Type.Optional({ ...IntId, description: 'Plan it for a client of yours (you are their active trainer); 404 otherwise' })
}, {
  additionalProperties: false,
  examples: [
    { workout: '665f1c2e8b3e4a0012a4b7aa', scheduled_for: '2026-11-23T07:00:00.000Z' },
    { name: 'Free training', start_now: true }
  ]
})
export type CreateSession = Static<typeof CreateSessionSchema>

export const UpdateSessionSchema = Type.Object({
  name: Type.Optional(Name()),
  notes: Type.Optional(Notes),
  scheduled_for: Type.Optional(NullableInput(DateTime)),
  rating: Type.Optional(NullableInput(Rating(ONCE_COMPLETED))),
  calories_burned: Type.Optional(NullableInput(Calories(ONCE_COMPLETED))),
  visibility: Type.Optional(Visibility(VISIBILITY_READ))
}, {
  additionalProperties: false,
  description: 'Every field optional (PUT and PATCH alike). status, times and totals are read-only: use the start/complete/cancel actions.',
  examples: [{ name: 'Push day A (heavy)', notes: 'Moved to the evening' }, { rating: 5, calories_burned: 450 }]
})
export type UpdateSession = Static<typeof UpdateSessionSchema>

export const CompleteSessionSchema = Type.Object({
  rating: Type.Optional(Rating()),
  notes: Type.Optional(Notes),
  calories_burned: Type.Optional(Calories())
}, { additionalProperties: false, examples: [{ rating: 4, notes: 'Good pump', calories_burned: 420 }] })
export type CompleteSession = Static<typeof CompleteSessionSchema>

export const SESSION_ORDERING = ['created_at', 'session_date', 'start_time', 'end_time', 'total_volume'] as const

export const SessionQuerySchema = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(SessionStatusSchema),
  workout: Type.Optional(ObjectIdString),
  date_from: Type.Optional(DateBound),
  date_to: Type.Optional(DateBound),
  ordering: Ordering(SESSION_ORDERING),
  user_id: ClientUserId
}, { additionalProperties: false })
export type SessionQuery = Static<typeof SessionQuerySchema>
