import type { Pool } from 'pg'
import { NotFoundError } from '../../errors.js'
import { mayView, relationOf, type Relation } from './audience.js'
import type { Account, AccountRepository } from './profile-repository.js'

/**
 * Who sees a profile's details (bio, stats, follow lists): the same rule as sessions and workouts,
 * with the account's privacy as the visibility — a public account is `public`, a private one `followers`.
 */
export const seesDetails = (relation: Relation, account: Pick<Account, 'is_private'>) =>
  mayView(relation, account.is_private ? 'followers' : 'public')

export const SELF = 'me'

/** Finds accounts by username for the social routes; every miss and every block is the same 404. */
export function createProfileAccess (pg: Pool, accounts: AccountRepository) {
  /** `me` (never a username: they have 3 characters or more) names the viewer. */
  async function account (username: string, viewerId: number): Promise<Account> {
    const found = username === SELF ? await accounts.byId(viewerId) : await accounts.byUsername(username)
    if (!found) throw new NotFoundError('User')
    return found
  }

  return {
    account,

    /** The account and the viewer's relation to it; 404 when either blocked the other (a block hides each from the other). */
    async visible (viewerId: number, username: string): Promise<{ account: Account, relation: Relation }> {
      const found = await account(username, viewerId)
      const relation = await relationOf(pg, viewerId, found.id)
      if (relation === 'blocked') throw new NotFoundError('User')
      return { account: found, relation }
    }
  }
}

export type ProfileAccess = ReturnType<typeof createProfileAccess>
