import { Type, type Static } from '@sinclair/typebox'
import {
  AuthErrors, ErrorResponse, IntId, IntIdParams, NoContent, Nullable, NullableInput, ObjectErrors, Ordering, Page, PageQuery,
  SearchText, Timestamps, TokenSecurity
} from '../../schemas/common.js'

const tags = ['trainers']
const security = TokenSecurity
const Tags = (description: string, example: string[]) =>
  Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20, uniqueItems: true, description, examples: [example] })

export const TrainerSchema = Type.Object({
  id: IntId,
  username: Type.String(),
  bio: Type.String(),
  specialties: Type.Array(Type.String()),
  certifications: Type.Array(Type.String()),
  gym_id: Nullable(IntId),
  ...Timestamps
}, { title: 'Trainer', description: 'A user with the trainer role and their profile; id is the user id.' })
export type Trainer = Static<typeof TrainerSchema>

const ProfileFields = {
  bio: Type.String({ maxLength: 2000, examples: ['Strength coach, 10 years on the platform'] }),
  specialties: Tags('What they coach', ['powerlifting', 'mobility']),
  certifications: Tags('Certificates held', ['NSCA-CSCS']),
  gym_id: NullableInput({ ...IntId, description: 'The gym they coach at' })
}
export const TrainerProfileBody = Type.Partial(Type.Object(ProfileFields), { additionalProperties: false })
export type TrainerProfileChanges = Static<typeof TrainerProfileBody>
export const CreateTrainerBody = Type.Object({ user_id: IntId, ...Type.Partial(Type.Object(ProfileFields)).properties }, { additionalProperties: false })

export const TRAINER_ORDERINGS = ['username', 'created_at'] as const
export const TrainerQuery = Type.Object({
  ...PageQuery.properties,
  gym: Type.Optional({ ...IntId, description: 'Only trainers of this gym' }),
  search: Type.Optional({ ...SearchText, description: 'Part of the username, bio or a specialty' }),
  ordering: Ordering(TRAINER_ORDERINGS)
}, { additionalProperties: false })
export type TrainerQueryType = Static<typeof TrainerQuery>

export const ListTrainersRoute = { summary: 'Trainers', description: 'Open to every authenticated user.', tags, security, querystring: TrainerQuery, response: { 200: Page(TrainerSchema), ...AuthErrors } }
export const CreateTrainerRoute = {
  summary: 'Make a user a trainer (admin)',
  description: 'Sets the user\'s role to trainer and creates their profile. 400 `body/user_id` for an unknown user, `body/gym_id` for an unknown gym; 409 when the user is already a trainer or is an admin.',
  tags,
  security,
  body: CreateTrainerBody,
  response: { 201: TrainerSchema, ...AuthErrors, 403: ErrorResponse, 409: ErrorResponse }
}
export const GetTrainerRoute = { summary: 'One trainer', tags, security, params: IntIdParams, response: { 200: TrainerSchema, ...ObjectErrors } }
export const UpdateTrainerRoute = {
  summary: 'Edit a trainer profile (the trainer themself, or an admin)',
  tags,
  security,
  params: IntIdParams,
  body: TrainerProfileBody,
  response: { 200: TrainerSchema, ...ObjectErrors }
}
export const DeleteTrainerRoute = {
  summary: 'Demote a trainer to member (admin)',
  description: 'Deletes the profile and ends every pending or active link of the trainer (ended_by = the admin); access to former clients ends at once.',
  tags,
  security,
  params: IntIdParams,
  response: { 204: NoContent, ...ObjectErrors }
}
