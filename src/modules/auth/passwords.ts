import argon2 from 'argon2'
import type { Config } from '../../config.js'

export type Argon2Config = Pick<Config, 'ARGON2_MEMORY_KIB' | 'ARGON2_TIME_COST' | 'ARGON2_PARALLELISM'>

export interface PasswordCheck {
  ok: boolean
  /** The stored hash was made with other parameters (or another algorithm): store a fresh one. */
  needsRehash: boolean
}

/**
 * One dummy hash per cost, shared by every hasher in the process (auth's and the Petstore's): each
 * takes ARGON2_MEMORY_KIB (64 MiB by default) while it is computed, and two at once showed as 130 MB
 * more RSS when /api/health first answered.
 */
const dummies = new Map<string, Promise<string>>()

/**
 * argon2id with the configured cost. Unknown accounts are verified against a dummy hash of the
 * same cost, so "no such user" takes as long as "wrong password".
 */
export function createPasswordHasher (config: Argon2Config) {
  const options = {
    type: argon2.argon2id,
    memoryCost: config.ARGON2_MEMORY_KIB,
    timeCost: config.ARGON2_TIME_COST,
    parallelism: config.ARGON2_PARALLELISM
  } as const
  const hash = (password: string) => argon2.hash(password, options)
  const dummyHash = () => {
    const cost = `${options.memoryCost},${options.timeCost},${options.parallelism}`
    let dummy = dummies.get(cost)
    if (dummy === undefined) {
      dummy = hash('dummy password that nobody has')
      dummies.set(cost, dummy)
      dummy.catch(() => dummies.delete(cost)) // the next unknown login tries again
    }
    return dummy
  }
  /**
   * Starts the dummy hash ahead of time, on libuv's pool while the app goes on starting, so the first
   * unknown login is not slower than the rest. Not awaited: start-up need not wait ~250 ms for it. A
   * failure is the first unknown login's to report.
   */
  const prepare = (): void => { dummyHash().catch(() => {}) }

  async function verify (stored: string, password: string): Promise<PasswordCheck> {
    let ok = false
    try {
      ok = await argon2.verify(stored, password)
    } catch {
      // A malformed stored hash never matches; it is not the client's fault, so no 5xx.
      return { ok: false, needsRehash: false }
    }
    return { ok, needsRehash: ok && (!stored.startsWith('$argon2id$') || argon2.needsRehash(stored, options)) }
  }

  /** Spends the time of one verification and fails; for logins of unknown or disabled accounts. */
  async function verifyNothing (password: string): Promise<PasswordCheck> {
    await verify(await dummyHash(), password)
    return { ok: false, needsRehash: false }
  }

  return { hash, verify, verifyNothing, prepare }
}

export type PasswordHasher = ReturnType<typeof createPasswordHasher>
