// The one place the team module issues an e-mailed link of the auth module: the link to
// set a password (TEAM-1, TEAM-2), which the auth module completes. (Invitation links are
// the team's own: their token is kept hashed on the invitation, team.invitations.service.ts.)
import type { Db } from '../../db/client.ts';
import { defineLinkPurpose } from '../../kernel/links/index.ts';
import { passwordSetLink } from '../auth/index.ts';
import { INVITATION_TTL_MS } from './team.rules.ts';
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

export const teamLinks = [invitationLink] as const;
