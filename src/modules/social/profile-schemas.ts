import { Type, type Static } from '@sinclair/typebox'
import { Username } from '../auth/schemas.js'
import { VISIBILITIES } from './audience.js'
import {
  AuthErrors, BoundedNumber, DateTime, ErrorResponse, IntId, Nullable, ObjectErrors, StringEnum, TokenSecurity
} from '../../schemas/common.js'

const tags = ['social']
const security = TokenSecurity

export const UsernameParams = Type.Object({ username: Username })
/** A username, or `me` for yourself (usernames have at least 3 characters, so none is `me`). */
export const UserParams = Type.Object({ username: Type.String({ pattern: '^(me|[A-Za-z0-9_.+-]{3,150})$', description: 'A username, or me' }) })
export type UsernameParamsType = Static<typeof UsernameParams>

const ImageUrl = Nullable(Type.String({ format: 'uri', description: 'The profile image; the URL changes with the image (it carries its hash)' }))

/** Another account in a list: followers, following, requests, blocks. */
export const MemberSchema = Type.Object({
  id: IntId,
  username: Type.String(),
  image_url: ImageUrl,
  since: { ...DateTime, description: 'When the follow was accepted, the request made or the block set' }
}, { title: 'SocialMember' })
export type Member = Static<typeof MemberSchema>

export const FOLLOWING_STATES = ['none', 'requested', 'following'] as const

export const ProfileStatsSchema = Type.Object({
  completed_workouts: Type.Integer({ minimum: 0 }),
  current_streak_days: Type.Integer({ minimum: 0, description: 'Consecutive local days (the user\'s time zone) with a completed session, ending today or yesterday' }),
  last_workout_at: Nullable(DateTime),
  total_volume: BoundedNumber(0, Number.MAX_VALUE, { description: 'Σ reps × weight (kg) of the working sets of completed sessions' })
})

export const PublicProfileSchema = Type.Object({
  id: IntId,
  username: Type.String(),
  is_private: Type.Boolean(),
  restricted: Type.Boolean({ description: 'A private account you are not an approved follower of: bio and stats are withheld (null)' }),
  image_url: ImageUrl,
  bio: Nullable(Type.String()),
  stats: Nullable(ProfileStatsSchema),
  follower_count: Type.Integer({ minimum: 0 }),
  following_count: Type.Integer({ minimum: 0 }),
  viewer: Type.Object({
    following: StringEnum(FOLLOWING_STATES, { description: 'Your follow of this account: none, a pending request, or an accepted follow' }),
    follows_you: Type.Boolean({ description: 'This account is an approved follower of yours' })
  })
}, { title: 'PublicProfile' })
export type PublicProfile = Static<typeof PublicProfileSchema>

export const SettingsSchema = Type.Object({
  is_private: Type.Boolean({ description: 'Follows become requests you approve; bio, stats and follow lists are for approved followers only' }),
  default_visibility: StringEnum(VISIBILITIES, { description: 'Visibility given to your new sessions and workouts when they do not name one' })
}, { title: 'SocialSettings' })

export const SettingsChangesSchema = Type.Partial(SettingsSchema, {
  additionalProperties: false,
  minProperties: 1,
  examples: [{ is_private: true, default_visibility: 'followers' }]
})

export const GetProfileRoute = {
  summary: 'A user\'s public profile',
  description: [
    'Username, image, bio, stats (completed workouts, current streak in the user\'s time zone, last workout, total volume; cached for up to an hour',
    'and refreshed on every completion or deletion), live follower and following counts, and your relation to the account.',
    'A private account you are not an approved follower of shows its name, image and counts only (`restricted`: true, bio and stats null).',
    '404 for an unknown or deactivated username, and when either of you blocked the other.'
  ].join(' '),
  tags,
  security,
  params: UserParams,
  response: { 200: PublicProfileSchema, ...ObjectErrors }
}

export const GetSettingsRoute = { summary: 'Your privacy settings', tags, security, response: { 200: SettingsSchema, ...AuthErrors } }
export const UpdateSettingsRoute = {
  summary: 'Change your privacy settings',
  description: 'Turning an account public accepts every pending follow request at once. Turning it private keeps the followers you have.',
  tags,
  security,
  body: SettingsChangesSchema,
  response: { 200: SettingsSchema, ...AuthErrors, 404: ErrorResponse }
}
