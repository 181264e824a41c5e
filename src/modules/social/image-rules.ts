import { sniffImage } from '../../lib/images.js'
import type { ProfileImageType } from './image-repository.js'

/** Uploads larger than this answer 413. */
export const PROFILE_IMAGE_MAX_BYTES = 2 * 1024 * 1024
export const PROFILE_IMAGE_TYPES: readonly ProfileImageType[] = ['image/png', 'image/jpeg', 'image/webp']

export type ImageCheck = { contentType: ProfileImageType } | { status: 400 | 415, message: string }

const mediaType = (header: string | undefined) => header?.split(';')[0].trim().toLowerCase() ?? ''

/**
 * The upload's type, from its own bytes: it must be a PNG, JPEG or WebP, and what the Content-Type
 * says it is (a PNG labelled image/jpeg would be served under the wrong type).
 */
export function checkImage (body: unknown, contentTypeHeader: string | undefined): ImageCheck {
  if (!Buffer.isBuffer(body)) return { status: 415, message: `Send the image itself as the body, with Content-Type ${PROFILE_IMAGE_TYPES.join(', ')}` }
  if (body.length === 0) return { status: 400, message: 'The body is empty; send the image' }
  const sniffed = sniffImage(body)
  if (sniffed === null || sniffed === 'image/gif') return { status: 415, message: 'The body is not a PNG, JPEG or WebP image' }
  const labelled = mediaType(contentTypeHeader)
  if (labelled !== sniffed) return { status: 415, message: `The body is ${sniffed} but is labelled ${labelled.slice(0, 100)}` }
  return { contentType: sniffed }
}

/** The hashes a client says it holds (If-None-Match: "a", W/"b"), or 'any' for `*`. */
export function cachedVersions (ifNoneMatch: string | undefined): string[] | 'any' {
  if (ifNoneMatch === undefined) return []
  if (ifNoneMatch.trim() === '*') return 'any'
  return ifNoneMatch.split(',').slice(0, 20)
    .map((tag) => /^\s*(?:W\/)?"([0-9a-f]{64})"\s*$/.exec(tag)?.[1])
    .filter((hash): hash is string => hash !== undefined)
}
