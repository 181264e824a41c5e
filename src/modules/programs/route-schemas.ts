import { AuthErrors, ErrorResponse, IdParams, IfMatchHeaders, NoContent, ObjectErrors, Page, TokenSecurity } from '../../schemas/common.js'
import { CreateProgramSchema, MAX_WEEKS, PatchProgramSchema, ProgramQuerySchema, ProgramSchema } from './schemas.js'
import {
  AdherenceSchema, AssignmentParams, AssignmentQuerySchema, AssignmentSchema, CreateAssignmentSchema
} from './assignment-schemas.js'

const tags = ['programs']
const security = TokenSecurity
const SEEN = '404 when it does not exist or you may not see it (visibility); '
const WEEKS = `weeks: 1–${MAX_WEEKS}, each with at most one entry per day 1–7 (400 naming the duplicate), at least one training day in all; ` +
  'every workout one the program\'s owner may use, their own or a public one (400 `body/weeks/{w}/days/{d}/workout` "does not exist").'

export const ListProgramsRoute = {
  summary: 'List the programs you may see',
  description: 'Your own, public ones, and gym ones whose owner coaches in a gym you belong to (admins: all). Filters visibility, owner, mine, search (name, description); ordering; paging.',
  tags,
  security,
  querystring: ProgramQuerySchema,
  response: { 200: Page(ProgramSchema), ...AuthErrors }
}
export const CreateProgramRoute = {
  summary: 'Create a program (trainers and admins)',
  description: `403 for members. ${WEEKS}`,
  tags,
  security,
  body: CreateProgramSchema,
  response: { 201: ProgramSchema, ...AuthErrors, 403: ErrorResponse }
}
export const GetProgramRoute = { summary: 'One program you may see', description: SEEN.replace(/; $/, '.'), tags, security, params: IdParams, response: { 200: ProgramSchema, ...ObjectErrors } }
export const ReplaceProgramRoute = {
  summary: 'Replace a program (owner or admin)',
  description: `${SEEN}403 when you see it but do not own it. ${WEEKS} Sessions already planned by assignments do not change.`,
  tags,
  security,
  params: IdParams,
  headers: IfMatchHeaders,
  body: CreateProgramSchema,
  response: { 200: ProgramSchema, ...ObjectErrors }
}
export const PatchProgramRoute = {
  summary: 'Change some fields of a program (owner or admin)',
  description: `${SEEN}403 when you see it but do not own it. ${WEEKS}`,
  tags,
  security,
  params: IdParams,
  headers: IfMatchHeaders,
  body: PatchProgramSchema,
  response: { 200: ProgramSchema, ...ObjectErrors }
}
export const DeleteProgramRoute = {
  summary: 'Delete a program (owner or admin)',
  description: `${SEEN}403 when you see it but do not own it. Its assignments and their sessions stay with the clients.`,
  tags,
  security,
  params: IdParams,
  headers: IfMatchHeaders,
  response: { 204: NoContent, ...ObjectErrors }
}

export const AssignProgramRoute = {
  summary: 'Assign a program: plan its sessions for a client (or yourself)',
  description: [
    'You must see the program and be the client (client_id absent or yours) or their active trainer: 404 otherwise (a program you may not see, or a user who is not your client).',
    'Creates one planned session per training day, at time_of_day on the local date (client\'s profile time zone) start_date + 7(week − 1) + (day − 1), all or nothing.',
    '409 CONFLICT when the program is already assigned to the client and not ended, or when one of its workouts no longer exists or is no longer the owner\'s or public (nothing is written).'
  ].join(' '),
  tags,
  security,
  params: IdParams,
  body: CreateAssignmentSchema,
  response: { 201: AssignmentSchema, ...ObjectErrors, 409: ErrorResponse }
}
export const EndAssignmentRoute = {
  summary: 'End (unassign) an assignment',
  description: 'The client or their active trainer (404 for anyone else or another program\'s assignment). Deletes the assignment\'s future sessions nobody has touched ' +
    '(planned, scheduled after now, no set logged); completed, started and past sessions stay. The assignment stays as ended. 409 INVALID_STATE unless active.',
  tags,
  security,
  params: AssignmentParams,
  response: { 200: AssignmentSchema, ...ObjectErrors, 409: ErrorResponse }
}
export const ListAssignmentsRoute = {
  summary: 'List program assignments',
  description: 'Yours as a client; with user_id those of a client of yours (404 otherwise); with scope=clients those of all your active clients. Filters status, program; ordering; paging.',
  tags,
  security,
  querystring: AssignmentQuerySchema,
  response: { 200: Page(AssignmentSchema), ...AuthErrors, 404: ErrorResponse }
}
export const GetAssignmentRoute = {
  summary: 'One assignment (the client or their active trainer)',
  tags,
  security,
  params: IdParams,
  response: { 200: AssignmentSchema, ...ObjectErrors }
}
export const AdherenceRoute = {
  summary: 'Adherence of an assignment per week: planned vs completed vs missed',
  description: 'The client or their active trainer. Missed: not completed and its local day (the assignment\'s time zone) is over.',
  tags,
  security,
  params: IdParams,
  response: { 200: AdherenceSchema, ...ObjectErrors }
}
