import { Type, type Static } from '@sinclair/typebox'
import { BoundedInteger, DateTime, IntId, Nullable, ObjectIdString, Ordering, PageQuery, SearchText, StringEnum } from '../../schemas/common.js'
import { Defaulted } from '../exercises/schemas.js'

export const MAX_WEEKS = 52
export const DAYS_PER_WEEK = 7
export const NAME_MAX_LENGTH = 200
export const VISIBILITIES = ['private', 'gym', 'public'] as const

const Visibility = StringEnum(VISIBILITIES, {
  description: 'private: the owner only; gym: also members and trainers of the owner\'s gym; public: every signed-in user (admins see all)'
})

export const ProgramDaySchema = Type.Object({
  day: Type.Integer({ description: '1–7, counted from the assignment\'s start date (day 1 is the start date itself)' }),
  workout: ObjectIdString,
  workout_name: Nullable(Type.String({ description: 'The workout\'s current name, resolved when read; null once it is deleted' })),
  notes: Type.String()
}, { title: 'ProgramDay' })

export const ProgramWeekSchema = Type.Object({
  week: Type.Integer({ description: '1-based position in the program' }),
  days: Type.Array(ProgramDaySchema, { description: 'Training days, sorted by day; the others are rest days' })
}, { title: 'ProgramWeek' })

export const ProgramSchema = Type.Object({
  id: ObjectIdString,
  name: Type.String(),
  description: Type.String(),
  visibility: Visibility,
  weeks: Type.Array(ProgramWeekSchema),
  total_weeks: Type.Integer({ minimum: 1 }),
  total_sessions: Type.Integer({ minimum: 1, description: 'Training days over all weeks: the sessions an assignment plans' }),
  created_by_user_id: IntId,
  created_at: DateTime,
  updated_at: DateTime
}, { title: 'Program' })
export type Program = Static<typeof ProgramSchema>

const DayInput = Type.Object({
  day: BoundedInteger(1, DAYS_PER_WEEK, { description: 'Unique within the week' }),
  workout: { ...ObjectIdString, description: 'A workout the program\'s owner may use: their own or a public one' },
  notes: Defaulted(Type.String({ maxLength: 1000 }), '')
}, { additionalProperties: false })
export type DayInputType = Static<typeof DayInput>

const WeekInput = Type.Object({
  days: Type.Array(DayInput, { maxItems: DAYS_PER_WEEK, description: 'At most one entry per day; an empty list is a rest week' })
}, { additionalProperties: false })
export type WeekInputType = Static<typeof WeekInput>

const writable = {
  name: Type.String({ minLength: 1, maxLength: NAME_MAX_LENGTH, pattern: '^\\S(.*\\S)?$' }),
  description: Type.String({ maxLength: 5000 }),
  visibility: Visibility,
  weeks: Type.Array(WeekInput, { minItems: 1, maxItems: MAX_WEEKS, description: `1–${MAX_WEEKS} weeks, at least one training day in all` })
}

const example = {
  name: 'Beginner strength, 4 weeks',
  description: 'Three full-body days a week.',
  visibility: 'gym',
  weeks: [{ days: [{ day: 1, workout: '665f1c2e8b3e4a0012a4b7aa', notes: 'Light' }, { day: 3, workout: '665f1c2e8b3e4a0012a4b7ab' }, { day: 5, workout: '665f1c2e8b3e4a0012a4b7aa' }] }]
}

export const CreateProgramSchema = Type.Object({
  name: writable.name,
  description: Defaulted(writable.description, ''),
  visibility: Defaulted(writable.visibility, 'private'),
  weeks: writable.weeks
}, { additionalProperties: false, examples: [example] })
export type CreateProgram = Static<typeof CreateProgramSchema>

export const PatchProgramSchema = Type.Partial(Type.Object(writable), {
  additionalProperties: false,
  description: 'Any of the fields; weeks, when given, replace the whole plan. Sessions already planned by assignments do not change.',
  examples: [{ visibility: 'public' }]
})
export type PatchProgram = Static<typeof PatchProgramSchema>

export const PROGRAM_ORDERING = ['name', 'created_at', 'updated_at', 'total_weeks'] as const

export const ProgramQuerySchema = Type.Object({
  ...PageQuery.properties,
  visibility: Type.Optional(Visibility),
  owner: Type.Optional({ ...IntId, description: 'Programs of this user (those you may see)' }),
  mine: Type.Optional(Type.Boolean({ description: 'true: only your own programs; false: only others\'' })),
  search: Type.Optional(SearchText),
  ordering: Ordering(PROGRAM_ORDERING)
}, { additionalProperties: false })
export type ProgramQuery = Static<typeof ProgramQuerySchema>
