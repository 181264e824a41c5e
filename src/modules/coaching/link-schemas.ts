import { Type, type Static } from '@sinclair/typebox'
import {
  AuthErrors, DateTime, ErrorResponse, IntId, IntIdParams, Nullable, ObjectErrors, Ordering, Page, PageQuery, StringEnum, TokenSecurity
} from '../../schemas/common.js'
import { LINK_STATUSES } from './link-rules.js'

const tags = ['coaching']
const security = TokenSecurity
const Party = Type.Object({ id: IntId, username: Type.String() })

export const LinkSchema = Type.Object({
  id: IntId,
  trainer: Party,
  client: Party,
  initiated_by: StringEnum(['trainer', 'client'] as const),
  status: StringEnum(LINK_STATUSES, { description: 'pending → active | declined | ended; active → ended' }),
  requested_at: DateTime,
  responded_at: Nullable(DateTime),
  ended_at: Nullable(DateTime),
  ended_by: Nullable(IntId)
}, { title: 'CoachingLink' })
export type Link = Static<typeof LinkSchema>

export const CreateLinkBody = Type.Object({
  client_id: Type.Optional({ ...IntId, description: 'A trainer invites this user to be their client' }),
  trainer_id: Type.Optional({ ...IntId, description: 'The caller asks this trainer to coach them' })
}, { additionalProperties: false, description: 'Exactly one of client_id (the caller is a trainer) or trainer_id.', examples: [{ trainer_id: 42 }] })

export const LinkQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(StringEnum(LINK_STATUSES)),
  as: Type.Optional(StringEnum(['trainer', 'client'] as const, { description: 'Only links where you are the trainer, or the client' })),
  ordering: Ordering(['requested_at'] as const)
}, { additionalProperties: false })
export type LinkQueryType = Static<typeof LinkQuery>

export const ClientSchema = Type.Object({ id: IntId, username: Type.String(), link_id: IntId, since: DateTime }, { title: 'CoachingClient' })
export const ClientQuery = Type.Object({ ...PageQuery.properties, ordering: Ordering(['username', 'since'] as const) }, { additionalProperties: false })
export type ClientQueryType = Static<typeof ClientQuery>

const Changed = { ...ObjectErrors, 409: ErrorResponse }

export const CreateLinkRoute = {
  summary: 'Invite a client (trainer) or ask a trainer to coach you',
  description: [
    '201 with a pending link the other side accepts or declines.',
    '400 `body` unless exactly one of client_id / trainer_id; 400 `body/client_id` or `body/trainer_id` "must not be yourself" (self-invitation),',
    '"does not exist" (unknown user) or "is not a trainer"; 403 when a non-trainer sends client_id;',
    '409 `CONFLICT` when the client already has an active trainer (one per client), `DUPLICATE` when this pair already has a pending request.'
  ].join(' '),
  tags,
  security,
  body: CreateLinkBody,
  response: { 201: LinkSchema, ...AuthErrors, 403: ErrorResponse, 409: ErrorResponse }
}
export const ListLinksRoute = { summary: 'Your links, as trainer or client, history included', tags, security, querystring: LinkQuery, response: { 200: Page(LinkSchema), ...AuthErrors } }
export const GetLinkRoute = { summary: 'One of your links', description: '404 unless you are its trainer or client.', tags, security, params: IntIdParams, response: { 200: LinkSchema, ...ObjectErrors } }
export const AcceptLinkRoute = {
  summary: 'Accept a pending request addressed to you',
  description: 'pending → active. 404 unless it is your link; 403 for the side that sent it; 409 INVALID_STATE unless pending; 409 CONFLICT when the client has meanwhile got an active trainer.',
  tags,
  security,
  params: IntIdParams,
  response: { 200: LinkSchema, ...Changed }
}
export const DeclineLinkRoute = {
  summary: 'Decline a pending request addressed to you',
  description: 'pending → declined. 404 unless it is your link; 403 for the side that sent it; 409 unless pending.',
  tags,
  security,
  params: IntIdParams,
  response: { 200: LinkSchema, ...Changed }
}
export const EndLinkRoute = {
  summary: 'End a link (either side); withdraws a pending request',
  description: 'pending or active → ended; the trainer\'s access ends with this response, on every replica. 409 INVALID_STATE when already declined or ended.',
  tags,
  security,
  params: IntIdParams,
  response: { 200: LinkSchema, ...Changed }
}
export const ListClientsRoute = {
  summary: 'Your active clients (trainer)',
  description: 'Read their data with `?user_id=` on /api/workout-sessions, /api/exercise-logs and /api/stats/*, and their account at /api/auth/users/{id}.',
  tags,
  security,
  querystring: ClientQuery,
  response: { 200: Page(ClientSchema), ...AuthErrors }
}
