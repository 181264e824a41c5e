import { hash, randomBytes } from 'node:crypto'

export const TOKEN_BYTES = 32

/** A fresh 256-bit token, URL-safe. Shown to the client once; only its hash is stored. */
export function newToken (): string {
  return randomBytes(TOKEN_BYTES).toString('base64url')
}

export function hashToken (token: string): string {
  // The one-shot form: every authenticated request hashes its token, and a Hash object per call costs twice as much.
  return hash('sha256', token, 'hex')
}

const SCHEME = /^(?:Token|Bearer) ([A-Za-z0-9_-]{20,128})$/i

/** The token from `Authorization: Token <key>` or `Bearer <key>`, or null. */
export function tokenFromHeader (header: string | undefined): string | null {
  const match = header ? SCHEME.exec(header.trim()) : null
  return match ? match[1] : null
}
