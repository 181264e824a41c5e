import { Type, type Static } from '@sinclair/typebox'
import { AuthErrors, BoundedInteger, Nullable, ObjectIdString, StringEnum, TokenSecurity } from '../../schemas/common.js'
import { SessionSchema } from '../sessions/schemas.js'
import { UserRefSchema } from './reactions-schemas.js'

export const FEED_MAX_LIMIT = 50

export const PersonalRecordSchema = Type.Object({
  exercise_id: ObjectIdString,
  exercise_name: Nullable(Type.String({ description: 'null for an exercise you may not see' })),
  record: StringEnum(['heaviest_weight', 'best_e1rm', 'best_session_volume'] as const, { description: 'As in GET /api/stats/records (e1RM by Epley)' }),
  value: Type.Number({ description: 'kg (weight, e1RM) or kg × reps (volume)' })
}, { title: 'PersonalRecord' })
export type PersonalRecord = Static<typeof PersonalRecordSchema>

export const FeedSummarySchema = Type.Object({
  duration_minutes: Nullable(Type.Integer({ minimum: 0 })),
  volume: Type.Number({ description: 'Σ reps × weight of the working sets' }),
  sets: Type.Integer({ description: 'Working sets' }),
  reps: Type.Integer(),
  personal_records: Type.Array(PersonalRecordSchema, { description: 'Records the owner still holds that were set in this session' }),
  top_exercises: Type.Array(Type.Object({
    exercise_id: ObjectIdString,
    exercise_name: Nullable(Type.String()),
    sets: Type.Integer(),
    volume: Type.Number()
  }), { description: 'Up to 3, by working sets, then volume' })
}, { title: 'FeedSummary' })
export type FeedSummary = Static<typeof FeedSummarySchema>

export const FeedItemSchema = Type.Object({
  ...SessionSchema.properties,
  owner: UserRefSchema,
  summary: FeedSummarySchema,
  liked_by_me: Type.Boolean()
}, { title: 'FeedItem' })
export type FeedItem = Static<typeof FeedItemSchema>

export const FeedQuerySchema = Type.Object({
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$', description: 'Opaque; from the previous page\'s next link' })),
  limit: Type.Optional(BoundedInteger(1, FEED_MAX_LIMIT, { default: 20 }))
}, { additionalProperties: false })

export const FeedRoute = {
  summary: 'Your feed: completed sessions of the people you follow, and your own, newest first',
  description: 'Sessions of accepted follows (not blocked either way) with visibility followers or public, and all of yours; ordered by end_time then id, newest first. Keyset paging: follow `next` (null on the last page); sessions completed meanwhile never shift later pages. 400 `querystring/cursor` for a cursor this API did not give out. Pages are cached for up to 5 minutes and invalidated by every write that changes them (docs/social.md "Feed").',
  tags: ['social'],
  security: TokenSecurity,
  querystring: FeedQuerySchema,
  response: {
    200: Type.Object({
      next: Nullable(Type.String({ format: 'uri' })),
      results: Type.Array(FeedItemSchema)
    }),
    ...AuthErrors
  }
}
