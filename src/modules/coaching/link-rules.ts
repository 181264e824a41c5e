/** The trainer–client link life cycle, without a database: pending → active | declined | ended; active → ended. */
export type LinkStatus = 'pending' | 'active' | 'declined' | 'ended'
export type Side = 'trainer' | 'client'
export type LinkAction = 'accept' | 'decline' | 'end'

export interface LinkParties { trainer_id: number, client_id: number, initiated_by: Side, status: LinkStatus }

export const LINK_STATUSES: readonly LinkStatus[] = ['pending', 'active', 'declined', 'ended']

export const TRANSITIONS: Record<LinkAction, { from: readonly LinkStatus[], to: LinkStatus }> = {
  accept: { from: ['pending'], to: 'active' },
  decline: { from: ['pending'], to: 'declined' },
  end: { from: ['pending', 'active'], to: 'ended' }
}

/** Which side of the link the user is on, or null when it is not theirs. */
export function sideOf (link: LinkParties, userId: number): Side | null {
  if (link.trainer_id === userId) return 'trainer'
  if (link.client_id === userId) return 'client'
  return null
}

/**
 * Why this party may not take the action on the link (a 403 or 409 message), or null when allowed.
 * Only the side that was asked answers a request; either side ends a link.
 */
export function refusal (link: LinkParties, side: Side, action: LinkAction): { status: 403 | 409, message: string } | null {
  if (action !== 'end' && side === link.initiated_by) {
    return { status: 403, message: `Only the ${side === 'trainer' ? 'client' : 'trainer'} answers this request; you may end it instead` }
  }
  if (!TRANSITIONS[action].from.includes(link.status)) {
    return { status: 409, message: `Cannot ${action} a link that is ${link.status}` }
  }
  return null
}
