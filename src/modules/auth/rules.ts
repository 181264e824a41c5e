import { FieldError } from '../../errors.js'

/** Usernames and emails are unique whatever their case; this is the key they are compared by. */
export const accountKey = (name: string) => name.trim().toLowerCase()

/** Login accepts a username or an email; usernames cannot contain '@', so the two never collide. */
export const looksLikeEmail = (login: string) => login.includes('@')

/**
 * Password rules beyond the schema's 8–256 characters (Django's validators, minus the common-password
 * list): not all digits, and not the username, the email or the email's local part.
 * Returns the reason it is refused, or null.
 */
export function passwordProblem (password: string, account: { username: string, email: string }): string | null {
  if (/^\d+$/.test(password)) return 'must not be entirely numeric'
  const lower = password.toLowerCase()
  const email = account.email.toLowerCase()
  const similar = [account.username.toLowerCase(), email, email.split('@')[0]]
  if (similar.includes(lower)) return 'is too similar to the username or email'
  return null
}

export function assertPasswordAllowed (field: string, password: string, account: { username: string, email: string }): void {
  const problem = passwordProblem(password, account)
  if (problem) throw new FieldError(field, problem)
}

/** The canonical IANA name of a time zone (`europe/paris` → `Europe/Paris`), or null when unknown. */
export function canonicalTimeZone (zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone
  } catch {
    return null
  }
}

/** A birth date is a real calendar day, not in the future and not before 1900. */
export function birthDateProblem (date: string, today = new Date()): string | null {
  const parsed = new Date(`${date}T00:00:00Z`)
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) return 'is not a valid date'
  if (date < '1900-01-01') return 'must be on or after 1900-01-01'
  if (date > today.toISOString().slice(0, 10)) return 'must not be in the future'
  return null
}

/** Fixed-window counter state for one key of the attempt throttle. */
export interface Window { count: number, resetAt: number }

/** Seconds a blocked client should wait, rounded up, at least 1 (the Retry-After value). */
export const retryAfterSeconds = (window: Window, now: number) => Math.max(1, Math.ceil((window.resetAt - now) / 1000))

/**
 * The checks a schema cannot express: a real, past birth date and a time zone the runtime knows
 * (stored under its canonical name). Throws a 400 naming the field; returns the fields to store.
 */
export function checkedProfile<T extends { date_of_birth?: string | null, timezone?: string }> (profile: T, prefix: string, today = new Date()): T {
  if (profile.date_of_birth) {
    const problem = birthDateProblem(profile.date_of_birth, today)
    if (problem) throw new FieldError(`${prefix}/date_of_birth`, problem)
  }
  if (profile.timezone === undefined) return profile
  const timezone = canonicalTimeZone(profile.timezone)
  if (!timezone) throw new FieldError(`${prefix}/timezone`, 'is not a known IANA time zone')
  return { ...profile, timezone }
}
