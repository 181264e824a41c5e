import { FieldError } from '../../errors.js'

/** Query lists: repeated values and comma-separated ones alike, trimmed, without blanks or repeats. */
export function splitList (values: string[]): string[] {
  return [...new Set(values.flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean))]
}

/** "calls per hour allowed" for X-Rate-Limit, from the per-IP limit and its window. */
export const callsPerHour = (max: number, windowMs: number) => Math.floor(max * (3_600_000 / windowMs))

export interface Problem { field: string, message: string }

/** Account rules the contract's schema leaves open: what an account needs and the password policy. */
export function accountProblems (input: { username?: string, email?: string, password?: string }, prefix: string, creating: boolean,
  passwordProblem: (password: string, account: { username: string, email: string }) => string | null): Problem[] {
  const problems: Problem[] = []
  if (creating) {
    for (const field of ['username', 'email', 'password'] as const) {
      if (input[field] === undefined) problems.push({ field: `${prefix}/${field}`, message: 'is required' })
    }
  }
  if (input.password !== undefined) {
    const tooShort = input.password.length < 8 ? 'must NOT have fewer than 8 characters' : null
    const problem = tooShort ?? passwordProblem(input.password, { username: input.username ?? '', email: input.email ?? '' })
    if (problem) problems.push({ field: `${prefix}/password`, message: problem })
  }
  return problems
}

const ID_PARAMS = ['petId', 'orderId', 'imageId']

/**
 * Path ids are plain decimal digits: the validator's coercion alone would also take `1e3` or
 * `0x10` as numbers (and answer for another pet than the one named). Runs before validation.
 */
export function assertDecimalIds (params: unknown): void {
  const values = params as Record<string, string | undefined>
  for (const name of ID_PARAMS) {
    const value = values?.[name]
    if (value !== undefined && !/^\d{1,20}$/.test(value)) throw new FieldError(`params/${name}`, 'must be a decimal integer')
  }
}
