// The team's e-mailed links: the link to set a password (TEAM-1, TEAM-2), a purpose of the
// auth module, which completes it; and the team's own purposes: invitations (TEAM-7) and the
// link that asks someone who already exists to accept a membership (issue 7, finding 6).
import type { Db } from '../../db/client.ts';
import { defineLinkPurpose } from '../../kernel/links/index.ts';
import { passwordSetLink } from '../auth/index.ts';
import { ACCEPTANCE_TTL_MS, INVITATION_TTL_MS } from './team.rules.ts';
import type { TeamDeps } from './team.context.ts';

/** A new single-use link for the person to set a password; earlier ones stop working. */
export async function passwordSetUrl(tx: Db, deps: Pick<TeamDeps, 'links' | 'config'>, userId: string): Promise<string> {
  const token = await deps.links.issue(tx, passwordSetLink, { about: userId });
  return `${deps.config.baseUrl}/password/set/${token}`;
}

/** TEAM-7: the invitation's own link; a resend replaces it, a revocation revokes it. */
export const invitationLink = defineLinkPurpose({
  name: 'team.invitation',
  ttlMs: INVITATION_TTL_MS,
  singleUse: true,
  grants: 'none',
  about: 'invitation',
  replacesEarlier: true,
});

/**
 * Issue 7: a person who already exists joins a team only by following this link; a resend
 * replaces it, deleting the membership revokes it.
 */
export const acceptanceLink = defineLinkPurpose({
  name: 'team.acceptance',
  ttlMs: ACCEPTANCE_TTL_MS,
  singleUse: true,
  grants: 'none',
  about: 'membership',
  replacesEarlier: true,
});

export const teamLinks = [invitationLink, acceptanceLink] as const;
