import { Type, type Static } from '@sinclair/typebox'
import { BoundedInteger, BoundedNumber, DateOnly, DateTime, IntId, Nullable, Ordering, Page, PageQuery } from '../../schemas/common.js'
import { USER_ORDERINGS } from './user-repository.js'

const literals = <T extends string>(values: readonly T[], options = {}) => Type.Union(values.map((value) => Type.Literal(value)), options)

export const RoleSchema = literals(['member', 'trainer', 'admin'] as const, { description: 'member (default), trainer or admin' })
// No '@': a login that contains one is an email, so a username can never shadow someone's email.
export const Username = Type.String({ pattern: '^[A-Za-z0-9_.+-]{3,150}$', description: '3–150 letters, digits and . + - _; unique whatever the case', examples: ['jane_doe'] })
export const Email = Type.String({ format: 'email', maxLength: 254, description: 'Unique whatever the case', examples: ['jane@example.com'] })
// The upper bound keeps argon2 from being fed megabytes; the lower one is the usual minimum.
export const NewPassword = Type.String({ minLength: 8, maxLength: 256, description: '8–256 characters, not all digits, not the username or email', examples: ['correct horse battery'] })
const AnyPassword = Type.String({ minLength: 1, maxLength: 256 })

export const FITNESS_GOALS = ['weight_loss', 'muscle_gain', 'strength', 'endurance', 'flexibility', 'general_fitness'] as const
export const WORKOUT_TYPES = ['strength', 'cardio', 'flexibility', 'balance', 'plyometrics', 'sports'] as const

/** The editable fitness profile (stored in MongoDB `profiles`). Height and weight are always metric. */
export const ProfileFields = {
  bio: Type.String({ maxLength: 2000, examples: ['Training for my first marathon'] }),
  height: Nullable(BoundedNumber(50, 300, { description: 'Centimetres' })),
  weight: Nullable(BoundedNumber(20, 500, { description: 'Kilograms' })),
  date_of_birth: Nullable(DateOnly),
  fitness_goal: Nullable(literals(FITNESS_GOALS)),
  experience_level: Nullable(literals(['beginner', 'intermediate', 'advanced'] as const)),
  preferred_workout_types: Type.Array(literals(WORKOUT_TYPES), { uniqueItems: true, maxItems: WORKOUT_TYPES.length }),
  units: literals(['metric', 'imperial'] as const, { description: 'Display preference; stored values stay metric' }),
  timezone: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+){0,2}$', maxLength: 64, description: 'IANA time zone, e.g. Europe/Paris; used for streaks and weekly stats', examples: ['Europe/Paris'] })
}
export const ProfileSchema = Type.Object(ProfileFields, { additionalProperties: false })
export const PartialProfileSchema = Type.Partial(ProfileSchema, { additionalProperties: false })
export type Profile = Static<typeof ProfileSchema>
export type ProfileChanges = Static<typeof PartialProfileSchema>

const UserFields = {
  id: IntId,
  username: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  is_active: Type.Boolean(),
  created_at: DateTime,
  updated_at: DateTime,
  last_login_at: Nullable(DateTime)
}
/** An account as any response shows it: never a password or hash. */
export const UserSchema = Type.Object(UserFields, { title: 'User' })
/** The caller's account with its fitness profile. */
export const MeSchema = Type.Object({ ...UserFields, profile: ProfileSchema }, { title: 'Me' })

export const RegisterBody = Type.Object({
  username: Username,
  email: Email,
  password: NewPassword,
  profile: Type.Optional(PartialProfileSchema)
}, { additionalProperties: false, examples: [{ username: 'jane_doe', email: 'jane@example.com', password: 'correct horse battery', profile: { fitness_goal: 'strength', timezone: 'Europe/Paris' } }] })
export type RegisterBodyType = Static<typeof RegisterBody>

export const LoginBody = Type.Object({
  username: Type.Optional(Type.String({ minLength: 1, maxLength: 254, description: 'Username or email address' })),
  email: Type.Optional(Type.String({ minLength: 1, maxLength: 254, description: 'Alternative to username' })),
  password: AnyPassword,
  token_name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'A label for this token, e.g. the device' }))
}, { additionalProperties: false, examples: [{ username: 'jane_doe', password: 'correct horse battery', token_name: 'phone' }] })
export type LoginBodyType = Static<typeof LoginBody>

const TokenReply = { token: Type.String({ description: 'Shown once: send it as "Authorization: Token <token>"' }), expires_at: DateTime }
export const LoginReply = Type.Object({ ...TokenReply, user: UserSchema })
export const RegisterReply = Type.Object({ ...TokenReply, user: MeSchema })

export const ReplaceMeBody = Type.Object({ username: Username, email: Email, profile: ProfileSchema }, {
  additionalProperties: false,
  examples: [{ username: 'jane_doe', email: 'jane@example.com', profile: { bio: '', height: 170, weight: 65, date_of_birth: '1990-04-01', fitness_goal: 'strength', experience_level: 'beginner', preferred_workout_types: ['strength'], units: 'metric', timezone: 'UTC' } }]
})
export const UpdateMeBody = Type.Object({ username: Type.Optional(Username), email: Type.Optional(Email), profile: Type.Optional(PartialProfileSchema) }, {
  additionalProperties: false, minProperties: 1, examples: [{ profile: { weight: 64.5 } }]
})
export type UpdateMeBodyType = Static<typeof UpdateMeBody>

export const PasswordBody = Type.Object({ current_password: AnyPassword, new_password: NewPassword }, {
  additionalProperties: false, examples: [{ current_password: 'correct horse battery', new_password: 'another long passphrase' }]
})
export const PasswordReply = Type.Object({ revoked_tokens: Type.Integer({ minimum: 0, description: 'Other tokens of this user that were revoked' }) })

export const ScopeSchema = Type.Unsafe<'read:pets' | 'write:pets'>({ type: 'string', enum: ['read:pets', 'write:pets'], description: 'Petstore OAuth2 scope (/api/v3)' })
const Scopes = Type.Array(ScopeSchema, { uniqueItems: true, maxItems: 2, description: 'Scopes the token carries; login tokens carry none' })

export const TokenSchema = Type.Object({
  id: IntId,
  scopes: Scopes,
  name: Nullable(Type.String()),
  user_agent: Nullable(Type.String()),
  created_at: DateTime,
  expires_at: DateTime,
  last_used_at: Nullable(DateTime),
  current: Type.Boolean({ description: 'The token of this request' })
}, { title: 'Token' })
export const TokenPage = Page(TokenSchema)

export const UserListQuery = Type.Object({
  ...PageQuery.properties,
  role: Type.Optional(RoleSchema),
  is_active: Type.Optional(Type.Boolean()),
  ordering: Ordering(USER_ORDERINGS)
}, { additionalProperties: false })
export const UserPage = Page(UserSchema)
export const AdminUserBody = Type.Object({ role: Type.Optional(RoleSchema), is_active: Type.Optional(Type.Boolean()) }, {
  additionalProperties: false, minProperties: 1, examples: [{ role: 'trainer' }, { is_active: false }]
})

export const CreateTokenBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, description: 'A label, e.g. "petstore script"' }),
  scopes: Type.Optional(Scopes),
  expires_in_days: Type.Optional(BoundedInteger(1, 3650, { description: 'At most TOKEN_TTL_DAYS; that is the default' }))
}, { additionalProperties: false, examples: [{ name: 'petstore script', scopes: ['read:pets', 'write:pets'] }] })
export const CreateTokenReply = Type.Object({
  token: Type.String({ description: 'Shown once: send it as "Authorization: Bearer <token>" or as the Petstore\'s api_key header' }),
  ...Type.Omit(TokenSchema, ['current']).properties
}, { title: 'NewToken' })
