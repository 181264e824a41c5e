import { Type, type Static } from '@sinclair/typebox'
import {
  AuthErrors, DateTime, ErrorResponse, IfMatchHeaders, IntId, IntIdParams, NoContent, Nullable, NullableInput, ObjectErrors, Ordering, Page,
  PageQuery, SearchText, Timestamps, TokenSecurity
} from '../../schemas/common.js'

const tags = ['gyms']
const security = TokenSecurity
const Name = Type.String({ minLength: 1, maxLength: 200, description: 'Unique whatever the case', examples: ['Iron Temple'] })
const Address = Type.String({ maxLength: 500, examples: ['1 Main Street, Springfield'] })
export const TimeZone = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+){0,2}$', maxLength: 64, description: 'IANA time zone (default UTC)', examples: ['Europe/Berlin'] })
const ContactEmail = Type.String({ format: 'email', maxLength: 254, examples: ['desk@irontemple.example'] })
const ContactPhone = Type.String({ pattern: '^[0-9+() ./-]{3,40}$', examples: ['+49 30 1234567'] })

export const GymSchema = Type.Object({
  id: IntId,
  name: Type.String(),
  address: Type.String(),
  time_zone: Type.String(),
  contact_email: Nullable(Type.String()),
  contact_phone: Nullable(Type.String()),
  member_count: Type.Integer({ minimum: 0 }),
  ...Timestamps
}, { title: 'Gym' })
export type Gym = Static<typeof GymSchema>

const GymFields = {
  name: Name,
  address: Type.Optional(Address),
  time_zone: Type.Optional(TimeZone),
  contact_email: Type.Optional(NullableInput(ContactEmail)),
  contact_phone: Type.Optional(NullableInput(ContactPhone))
}
export const CreateGymBody = Type.Object(GymFields, { additionalProperties: false })
export const UpdateGymBody = Type.Partial(Type.Object(GymFields), { additionalProperties: false })
export type GymChanges = Static<typeof UpdateGymBody>

export const GYM_ORDERINGS = ['name', 'created_at'] as const
export const GymQuery = Type.Object({
  ...PageQuery.properties,
  search: Type.Optional({ ...SearchText, description: 'Part of the name or address' }),
  ordering: Ordering(GYM_ORDERINGS)
}, { additionalProperties: false })
export type GymQueryType = Static<typeof GymQuery>

export const MembershipSchema = Type.Object({ gym_id: IntId, user_id: IntId, username: Type.String(), joined_at: DateTime }, { title: 'GymMembership' })
export const MemberParams = Type.Object({ id: IntId, user_id: IntId })
const Admin403 = { 403: ErrorResponse }

export const ListGymsRoute = { summary: 'Gyms', description: 'Every authenticated user may read gyms.', tags, security, querystring: GymQuery, response: { 200: Page(GymSchema), ...AuthErrors } }
export const CreateGymRoute = { summary: 'Create a gym (admin)', tags, security, body: CreateGymBody, response: { 201: GymSchema, ...AuthErrors, ...Admin403, 409: ErrorResponse } }
export const GetGymRoute = { summary: 'One gym', tags, security, params: IntIdParams, response: { 200: GymSchema, ...ObjectErrors } }
export const UpdateGymRoute = { summary: 'Change a gym (admin)', tags, security, params: IntIdParams, headers: IfMatchHeaders, body: UpdateGymBody, response: { 200: GymSchema, ...ObjectErrors, 409: ErrorResponse } }
export const DeleteGymRoute = {
  summary: 'Delete a gym (admin)',
  description: 'Its memberships go with it; trainers of the gym keep their profile without a gym.',
  tags,
  security,
  params: IntIdParams,
  headers: IfMatchHeaders,
  response: { 204: NoContent, ...ObjectErrors }
}
export const ListMembersRoute = {
  summary: 'Members of a gym (admin)',
  tags,
  security,
  params: IntIdParams,
  querystring: Type.Object(PageQuery.properties, { additionalProperties: false }),
  response: { 200: Page(MembershipSchema), ...ObjectErrors }
}
export const AddMemberRoute = {
  summary: 'Add a user to a gym (admin)',
  description: '201 when added, 200 when already a member of this gym; 409 when a member of another gym (a member belongs to at most one gym: remove them there first). 404 for an unknown gym or user.',
  tags,
  security,
  params: MemberParams,
  response: { 200: MembershipSchema, 201: MembershipSchema, ...ObjectErrors, 409: ErrorResponse }
}
export const RemoveMemberRoute = {
  summary: 'Remove a member (admin), or leave the gym (the member themself)',
  tags,
  security,
  params: MemberParams,
  response: { 204: NoContent, ...ObjectErrors }
}
