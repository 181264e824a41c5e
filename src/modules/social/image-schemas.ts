import { Type } from '@sinclair/typebox'
import { AuthErrors, DateTime, ErrorResponse, NoContent, TokenSecurity } from '../../schemas/common.js'
import { UsernameParams } from './profile-schemas.js'

const tags = ['social']

export const ImageSchema = Type.Object({
  image_url: Type.String({ format: 'uri' }),
  content_type: Type.String({ enum: ['image/png', 'image/jpeg', 'image/webp'] }),
  size: Type.Integer({ minimum: 1 }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  updated_at: DateTime
}, { title: 'ProfileImage' })

export const PutImageRoute = {
  summary: 'Upload your profile image (PNG, JPEG or WebP, at most 2 MiB)',
  description: [
    'The raw image is the body, with Content-Type image/png, image/jpeg or image/webp. The type is read from the file\'s own bytes:',
    '415 `UNSUPPORTED_MEDIA_TYPE` for anything else, or when the bytes and the Content-Type disagree; 413 `BODY_TOO_LARGE` beyond 2 MiB;',
    '400 for an empty body. Replaces the previous image; its URL changes with it.'
  ].join(' '),
  tags,
  security: TokenSecurity,
  response: { 200: ImageSchema, ...AuthErrors, 413: ErrorResponse, 415: ErrorResponse }
}

export const DeleteImageRoute = {
  summary: 'Remove your profile image',
  description: '204 whether or not there was one.',
  tags,
  security: TokenSecurity,
  response: { 204: NoContent, ...AuthErrors }
}

export const GetImageRoute = {
  summary: 'A user\'s profile image',
  description: [
    'Public, like the username, so that <img> tags (which cannot send a token) show it — for private accounts too.',
    'With a token, 404 when either of you blocked the other (401 for an invalid token). 404 for an unknown user or one without an image.',
    'Cache-Control: public, max-age=86400, Vary: Authorization; ETag is the SHA-256 of the bytes, If-None-Match answers 304.',
    'The profile\'s image_url adds ?v=<hash> so a new image is a new URL.'
  ].join(' '),
  tags,
  security: [{}, ...TokenSecurity],
  params: UsernameParams,
  querystring: Type.Object({ v: Type.Optional(Type.String({ pattern: '^[0-9a-f]{1,64}$', description: 'Version (hash prefix) for cache busting; any value serves the current image' })) }),
  response: {
    200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'PNG, JPEG or WebP' }),
    304: Type.Null({ description: 'Not modified: the client holds this version' }),
    400: ErrorResponse,
    401: ErrorResponse,
    404: ErrorResponse,
    429: ErrorResponse
  }
}
