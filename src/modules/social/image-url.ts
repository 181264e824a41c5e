/** Bytes of the hash in an image URL: enough that a new image never reuses a cached one. */
const VERSION_LENGTH = 16

/** The absolute URL of a profile image, carrying (part of) its hash so caches bust when it changes; null without one. */
export function imageUrlOf (origin: string, username: string, sha256: string | null): string | null {
  if (sha256 === null) return null
  return `${origin}/api/users/${encodeURIComponent(username)}/image?v=${sha256.slice(0, VERSION_LENGTH)}`
}
