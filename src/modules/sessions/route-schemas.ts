import { AuthErrors, ErrorResponse, IdParams, IfMatchHeaders, NoContent, Page, TokenSecurity } from '../../schemas/common.js'
import { CompleteSessionSchema, CreateSessionSchema, SessionQuerySchema, SessionSchema, UpdateSessionSchema } from './schemas.js'

const tags = ['sessions']
const security = TokenSecurity
const SessionPath = IdParams
const Found = { ...AuthErrors, 404: ErrorResponse }
const Changed = { ...Found, 409: ErrorResponse }
const BUSY = ' 409 SESSION_BUSY when sets are still being written to it after 2 s, or another request is ending it: retry.'

export const ListSessionsRoute = {
  summary: 'List your workout sessions',
  description: 'Your own sessions, or with user_id a client\'s (you are their active trainer; 404 otherwise). Filters: status, workout, date_from/date_to (on session_date).',
  tags,
  security,
  querystring: SessionQuerySchema,
  response: { 200: Page(SessionSchema), ...AuthErrors, 404: ErrorResponse }
}
export const CreateSessionRoute = {
  summary: 'Plan a session (or start one with start_now)',
  description: 'From a workout you may see (own or public) or free training. 400 `body/workout` "does not exist" otherwise.',
  tags,
  security,
  body: CreateSessionSchema,
  response: { 201: SessionSchema, ...AuthErrors, 404: ErrorResponse }
}
export const GetSessionRoute = { summary: 'One of your sessions', tags, security, params: SessionPath, response: { 200: SessionSchema, ...Found } }
export const UpdateSessionRoute = {
  summary: 'Edit a session',
  description: 'name, notes, scheduled_for at any time; rating and calories_burned only once completed (409 otherwise).',
  tags,
  security,
  params: SessionPath,
  headers: IfMatchHeaders,
  body: UpdateSessionSchema,
  response: { 200: SessionSchema, ...Changed }
}
export const DeleteSessionRoute = {
  summary: 'Delete a session and its logs',
  description: `Any state.${BUSY}`,
  tags,
  security,
  params: SessionPath,
  headers: IfMatchHeaders,
  response: { 204: NoContent, ...Changed }
}
export const StartSessionRoute = {
  summary: 'Start a planned session',
  description: 'planned → in_progress; start_time = now. 409 INVALID_STATE from any other state.',
  tags,
  security,
  params: SessionPath,
  response: { 200: SessionSchema, ...Changed }
}
export const CompleteSessionRoute = {
  summary: 'Complete a session in progress',
  description: 'in_progress → completed; end_time = now; computes actual_duration_minutes and, from the non-warm-up logs, total_volume, total_sets, total_reps. Its logs become read-only. 409 INVALID_STATE from any other state.' + BUSY,
  tags,
  security,
  params: SessionPath,
  body: CompleteSessionSchema,
  response: { 200: SessionSchema, ...Changed }
}
export const CancelSessionRoute = {
  summary: 'Cancel a planned or running session',
  description: 'planned or in_progress → cancelled. 409 INVALID_STATE from completed or cancelled.' + BUSY,
  tags,
  security,
  params: SessionPath,
  response: { 200: SessionSchema, ...Changed }
}
