import { Type } from '@sinclair/typebox'
import { AuthErrors, ErrorResponse, IntIdParams, NoContent, ObjectErrors, PageQuery, TokenSecurity } from '../../schemas/common.js'
import {
  AdminUserBody, CreateTokenBody, CreateTokenReply, LoginBody, LoginReply, MeSchema, PasswordBody, PasswordReply, RegisterBody, RegisterReply,
  ReplaceMeBody, TokenPage, UpdateMeBody, UserListQuery, UserPage, UserSchema
} from './schemas.js'

const tags = ['auth']
const PublicErrors = { 400: ErrorResponse, 429: ErrorResponse }

export const RegisterRoute = {
  summary: 'Create an account and its fitness profile; returns the first token',
  tags,
  security: [],
  body: RegisterBody,
  response: { 201: RegisterReply, ...PublicErrors, 409: ErrorResponse }
}

export const LoginRoute = {
  summary: 'Exchange a username (or email) and password for a new token',
  description: 'Unknown user, wrong password and disabled account all answer the same 401.',
  tags,
  security: [],
  body: LoginBody,
  response: { 200: LoginReply, ...PublicErrors, 401: ErrorResponse }
}

export const LogoutRoute = { summary: 'Revoke the token of this request', tags, security: TokenSecurity, response: { 204: NoContent, ...AuthErrors } }
export const LogoutAllRoute = { summary: 'Revoke every token of the caller, this one included', tags, security: TokenSecurity, response: { 204: NoContent, ...AuthErrors } }

export const GetMeRoute = { summary: 'The caller\'s account and fitness profile', tags, security: TokenSecurity, response: { 200: MeSchema, ...AuthErrors } }
export const ReplaceMeRoute = {
  summary: 'Replace the caller\'s username, email and whole profile',
  tags,
  security: TokenSecurity,
  body: ReplaceMeBody,
  response: { 200: MeSchema, ...AuthErrors, 409: ErrorResponse }
}
export const UpdateMeRoute = {
  summary: 'Change some of the caller\'s account and profile fields',
  tags,
  security: TokenSecurity,
  body: UpdateMeBody,
  response: { 200: MeSchema, ...AuthErrors, 409: ErrorResponse }
}

export const PasswordRoute = {
  summary: 'Change the password; every other token of the caller is revoked',
  tags,
  security: TokenSecurity,
  body: PasswordBody,
  response: { 200: PasswordReply, ...AuthErrors }
}

export const ListTokensRoute = {
  summary: 'The caller\'s unexpired tokens (never their values)',
  tags,
  security: TokenSecurity,
  querystring: Type.Object(PageQuery.properties, { additionalProperties: false }),
  response: { 200: TokenPage, ...AuthErrors }
}
export const CreateTokenRoute = {
  summary: 'Mint a named token for a script or an API client, optionally with Petstore scopes',
  description: 'The value is shown once. Scoped tokens authorize the Petstore\'s petstore_auth (/api/v3); any token also works as its api_key.',
  tags,
  security: TokenSecurity,
  body: CreateTokenBody,
  response: { 201: CreateTokenReply, ...AuthErrors }
}
export const RefreshTokenRoute = {
  summary: 'Exchange the token of this request for a new one with a fresh expiry',
  description: 'The new token keeps the name and scopes; the old one is revoked in the same transaction and answers 401 from then on ' +
    '(other replicas may accept it from their token cache for up to TOKEN_CACHE_TTL_MS). Of concurrent refreshes of one token exactly one succeeds; the others answer 401.',
  tags,
  security: TokenSecurity,
  response: { 200: CreateTokenReply, ...AuthErrors }
}
export const RevokeTokenRoute = {
  summary: 'Revoke one of the caller\'s tokens',
  tags,
  security: TokenSecurity,
  params: IntIdParams,
  response: { 204: NoContent, ...AuthErrors, 404: ErrorResponse }
}

export const ListUsersRoute = {
  summary: 'All accounts (admin only)',
  tags,
  security: TokenSecurity,
  querystring: UserListQuery,
  response: { 200: UserPage, ...AuthErrors, 403: ErrorResponse }
}
export const UpdateUserRoute = {
  summary: 'Change an account\'s role or deactivate it (admin only); its cached tokens are dropped',
  tags,
  security: TokenSecurity,
  params: IntIdParams,
  body: AdminUserBody,
  response: { 200: UserSchema, ...ObjectErrors, 409: ErrorResponse }
}

const DELETION = 'Removes the account and all of its data in both databases: profile, tokens, sessions, set logs, workouts, custom exercises, statistics, coaching links, gym membership and trainer profile. Sets the user logged for others keep their data, with entered_by_user_id null.'
export const DeleteMeRoute = {
  summary: 'Delete your account and all your data',
  description: `${DELETION} 409 for the last active admin.`,
  tags,
  security: TokenSecurity,
  response: { 204: NoContent, ...AuthErrors, 409: ErrorResponse }
}
export const DeleteUserRoute = {
  summary: 'Delete an account and all its data (admin only)',
  description: `${DELETION} 409 for your own account (use DELETE /api/auth/me).`,
  tags,
  security: TokenSecurity,
  params: IntIdParams,
  response: { 204: NoContent, ...ObjectErrors, 409: ErrorResponse }
}
export const GetUserRoute = {
  summary: 'One account: yourself, a client of yours (trainer), or anyone (admin)',
  description: '404 for anyone else. Never the fitness profile or tokens of another user.',
  tags,
  security: TokenSecurity,
  params: IntIdParams,
  response: { 200: UserSchema, ...ObjectErrors }
}
