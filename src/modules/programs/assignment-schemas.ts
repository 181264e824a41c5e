import { Type, type Static } from '@sinclair/typebox'
import { ClientUserId, DateOnly, DateTime, IntId, Nullable, ObjectIdString, Ordering, PageQuery, StringEnum } from '../../schemas/common.js'
import { SessionStatusSchema } from '../sessions/schemas.js'

export const DEFAULT_TIME_OF_DAY = '09:00'
export const ASSIGNMENT_STATUSES = ['pending', 'active', 'ended'] as const

export const AssignmentSchema = Type.Object({
  id: ObjectIdString,
  program: ObjectIdString,
  program_name: Type.String({ description: 'The program\'s name when assigned' }),
  user_id: { ...IntId, description: 'The client' },
  assigned_by_user_id: Nullable({ ...IntId, description: 'The client or their trainer; null once that account is deleted' }),
  start_date: DateOnly,
  time_of_day: Type.String({ description: 'Local time of every planned session', examples: ['09:00'] }),
  timezone: Type.String({ description: 'The client\'s profile time zone when assigned; the local days are in it', examples: ['Europe/Berlin'] }),
  status: StringEnum(ASSIGNMENT_STATUSES, { description: 'pending only while its sessions are being written; ended keeps the history' }),
  session_count: Type.Integer({ minimum: 0, description: 'Sessions planned when assigned' }),
  removed_sessions: Type.Integer({ minimum: 0, description: 'Future, unstarted sessions removed when it ended' }),
  ended_at: Nullable(DateTime),
  ended_by_user_id: Nullable(IntId),
  created_at: DateTime,
  updated_at: DateTime
}, { title: 'ProgramAssignment' })
export type Assignment = Static<typeof AssignmentSchema>

export const CreateAssignmentSchema = Type.Object({
  client_id: Type.Optional({ ...IntId, description: 'Your client (you are their active trainer), or yourself; default: yourself. 404 for anyone else' }),
  start_date: { ...DateOnly, description: 'Local date (client\'s time zone) of week 1, day 1' },
  time_of_day: Type.Optional(Type.String({
    pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
    default: DEFAULT_TIME_OF_DAY,
    description: 'HH:MM local time of each session (default 09:00). A time that does not exist that day (DST gap) moves forward by the gap'
  }))
}, { additionalProperties: false, examples: [{ client_id: 42, start_date: '2027-03-22' }, { start_date: '2026-12-07', time_of_day: '18:30' }] })
export type CreateAssignment = Static<typeof CreateAssignmentSchema>

export const AssignmentParams = Type.Object({ id: ObjectIdString, assignmentId: ObjectIdString })
export type AssignmentParamsType = Static<typeof AssignmentParams>

export const AssignmentQuerySchema = Type.Object({
  ...PageQuery.properties,
  scope: Type.Optional(StringEnum(['mine', 'clients'] as const, {
    description: 'mine (default): the assignments of one user (you, or user_id); clients: those of all your active clients'
  })),
  user_id: ClientUserId,
  status: Type.Optional(StringEnum(ASSIGNMENT_STATUSES)),
  program: Type.Optional(ObjectIdString),
  ordering: Ordering(['created_at', 'start_date'] as const)
}, { additionalProperties: false })
export type AssignmentQuery = Static<typeof AssignmentQuerySchema>

const Count = Type.Integer({ minimum: 0 })

export const AdherenceSessionSchema = Type.Object({
  id: ObjectIdString,
  day: Type.Integer({ minimum: 1, maximum: 7 }),
  scheduled_for: Nullable(DateTime),
  status: SessionStatusSchema,
  missed: Type.Boolean()
}, { title: 'AdherenceSession' })

export const AdherenceWeekSchema = Type.Object({
  week: Type.Integer({ minimum: 1 }),
  planned: { ...Count, description: 'Sessions of the week that still exist (ending an assignment removes the future ones)' },
  completed: Count,
  missed: { ...Count, description: 'Not completed, and their local day (client\'s time zone) is over' },
  upcoming: { ...Count, description: 'Neither completed nor missed yet' },
  sessions: Type.Array(AdherenceSessionSchema)
}, { title: 'AdherenceWeek' })

export const AdherenceSchema = Type.Object({
  assignment: AssignmentSchema,
  today: { ...DateOnly, description: 'The client\'s local date the answer was computed for' },
  totals: Type.Object({ planned: Count, completed: Count, missed: Count, upcoming: Count }),
  weeks: Type.Array(AdherenceWeekSchema)
}, { title: 'ProgramAdherence' })
export type Adherence = Static<typeof AdherenceSchema>
