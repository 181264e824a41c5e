import { Type } from '@sinclair/typebox'
import { AuthErrors, NoContent, ObjectErrors, Page, PageQuery, StringEnum, TokenSecurity } from '../../schemas/common.js'
import { MemberSchema, UserParams, UsernameParams } from './profile-schemas.js'

const tags = ['social']
const security = TokenSecurity
const Paged = Type.Object(PageQuery.properties, { additionalProperties: false })
const MemberPage = Page(MemberSchema)

export const FollowSchema = Type.Object({
  username: Type.String(),
  status: StringEnum(['requested', 'following'] as const, { description: 'requested: the account is private and must approve' })
}, { title: 'Follow' })

export const BlockSchema = Type.Object({ username: Type.String(), blocked: Type.Literal(true) }, { title: 'Block' })

export const FollowRoute = {
  summary: 'Follow a user, or ask to (private account)',
  description: [
    'A public account: an accepted follow (`following`); a private one: a request it approves or declines (`requested`).',
    '201 when made now, 200 when it already existed (idempotent; the status is the current one). The account is notified (follow or follow_request).',
    '400 `params/username` for yourself; 404 for an unknown username and when either of you blocked the other.'
  ].join(' '),
  tags,
  security,
  params: UsernameParams,
  response: { 200: FollowSchema, 201: FollowSchema, ...ObjectErrors }
}
export const UnfollowRoute = {
  summary: 'Unfollow a user, or withdraw a request',
  description: '204 whether or not you followed them (idempotent); 404 for an unknown username.',
  tags,
  security,
  params: UsernameParams,
  response: { 204: NoContent, ...ObjectErrors }
}
export const FollowersRoute = {
  summary: 'A user\'s approved followers, newest first',
  description: 'Hidden (403) for a private account unless you are the owner or an approved follower; 404 when either of you blocked the other. Accounts blocked with you are left out.',
  tags,
  security,
  params: UserParams,
  querystring: Paged,
  response: { 200: MemberPage, ...ObjectErrors }
}
export const FollowingRoute = { ...FollowersRoute, summary: 'The accounts a user follows, newest first' }
export const FollowRequestsRoute = {
  summary: 'Follow requests waiting for your answer, oldest first',
  tags,
  security,
  querystring: Paged,
  response: { 200: MemberPage, ...AuthErrors }
}
export const ApproveRequestRoute = {
  summary: 'Approve a follow request',
  description: '200 with the follower; 404 when that user has no pending request to you.',
  tags,
  security,
  params: UsernameParams,
  response: { 200: FollowSchema, ...ObjectErrors }
}
export const DeclineRequestRoute = {
  summary: 'Decline a follow request',
  description: '204; 404 when that user has no pending request to you.',
  tags,
  security,
  params: UsernameParams,
  response: { 204: NoContent, ...ObjectErrors }
}
export const RemoveFollowerRoute = {
  summary: 'Remove a follower (or their request)',
  description: '204 whether or not they followed you (idempotent); 404 for an unknown username.',
  tags,
  security,
  params: UsernameParams,
  response: { 204: NoContent, ...ObjectErrors }
}
export const BlockRoute = {
  summary: 'Block a user',
  description: 'Ends follows and requests both ways, in the same transaction; each of you then sees nothing of the other (404). 201 when new, 200 when already blocked; 400 for yourself; 404 for an unknown username.',
  tags,
  security,
  params: UsernameParams,
  response: { 200: BlockSchema, 201: BlockSchema, ...ObjectErrors }
}
export const UnblockRoute = {
  summary: 'Unblock a user',
  description: '204 whether or not you blocked them (idempotent); follows ended by the block are not restored. 404 for an unknown username.',
  tags,
  security,
  params: UsernameParams,
  response: { 204: NoContent, ...ObjectErrors }
}
export const BlocksRoute = { summary: 'The users you blocked, newest first', tags, security, querystring: Paged, response: { 200: MemberPage, ...AuthErrors } }
