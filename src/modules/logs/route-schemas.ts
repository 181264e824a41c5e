import { Type } from '@sinclair/typebox'
import { AuthErrors, ErrorResponse, IdParams, IfMatchHeaders, NoContent, Page, TokenSecurity } from '../../schemas/common.js'
import {
  BulkCreateLogsSchema, CreateLogSchema, LogQuerySchema, LogSchema, SessionLogQuerySchema, SessionLogSchema, UpdateLogSchema
} from './schemas.js'

const tags = ['logs']
const security = TokenSecurity
const Found = { ...AuthErrors, 404: ErrorResponse }
const Changed = { ...Found, 409: ErrorResponse }
const CLOSED = '409 INVALID_STATE when the session is completed or cancelled (or being completed, cancelled or deleted, or was deleted, at that moment); 409 CONFLICT when an exercise is being deleted at that moment.'

export const ListLogsRoute = {
  summary: 'List your logged sets',
  description: 'Your own sets, or with user_id a client\'s (you are their active trainer; 404 otherwise). Filters: session, exercise, date_from/date_to (on completed_at).',
  tags,
  security,
  querystring: LogQuerySchema,
  response: { 200: Page(LogSchema), ...AuthErrors, 404: ErrorResponse }
}
export const CreateLogRoute = {
  summary: 'Log a set',
  description: `Into one of your sessions; 400 \`body/workout_session\` or \`body/exercise\` "does not exist" for a session or exercise you may not use. ${CLOSED}`,
  tags,
  security,
  body: CreateLogSchema,
  response: { 201: LogSchema, ...AuthErrors, 409: ErrorResponse }
}
export const BulkCreateLogsRoute = {
  summary: 'Log up to 100 sets at once, all or nothing',
  description: `Every set is checked first (fields as \`body/logs/<i>/<field>\`); on any problem nothing is written. ${CLOSED}`,
  tags,
  security,
  body: BulkCreateLogsSchema,
  response: { 201: Type.Object({ logs: Type.Array(LogSchema) }), ...AuthErrors, 409: ErrorResponse }
}
export const GetLogRoute = { summary: 'One of your logged sets', tags, security, params: IdParams, response: { 200: LogSchema, ...Found } }
export const UpdateLogRoute = {
  summary: 'Correct a logged set',
  description: CLOSED,
  tags,
  security,
  params: IdParams,
  headers: IfMatchHeaders,
  body: UpdateLogSchema,
  response: { 200: LogSchema, ...Changed }
}
export const DeleteLogRoute = {
  summary: 'Delete a logged set',
  description: CLOSED,
  tags,
  security,
  params: IdParams,
  headers: IfMatchHeaders,
  response: { 204: NoContent, ...Changed }
}

const sessionTags = ['sessions', 'logs']
export const ListSessionLogsRoute = {
  summary: "A session's logged sets",
  description: '404 unless the session is yours. Filters: exercise, date_from/date_to (on completed_at).',
  tags: sessionTags,
  security,
  params: IdParams,
  querystring: SessionLogQuerySchema,
  response: { 200: Page(LogSchema), ...Found }
}
export const CreateSessionLogRoute = {
  summary: 'Log a set into this session',
  description: `404 unless the session is yours. ${CLOSED}`,
  tags: sessionTags,
  security,
  params: IdParams,
  body: SessionLogSchema,
  response: { 201: LogSchema, ...Changed }
}
