// Rows as the team API shows them (team.schemas.ts), always as one viewer sees them:
// accounts outside the viewer's own scope are not listed.
import type { TeamContext } from '../access/index.ts';
import { iso, ordered } from './team.context.ts';
import { grantOfRecord, mayEdit } from './team.guards.ts';
import type { InvitationRow, MemberRecord, ProfileRow } from './team.repository.ts';
import { invitationStatus, knownPermissions, memberStatus, visibleAccountIds } from './team.rules.ts';
import type { InvitationView, MemberView, ProfileView } from './team.schemas.ts';

/**
 * Until the person accepts (issue 7, finding 6), the team sees only what it typed: the
 * names as typed, the e-mail; never the person's id, stored names or whether they have a
 * password. (The e-mail is the address the team typed, normalized.)
 */
export function memberView(rec: MemberRecord, viewer: TeamContext): MemberView {
  const m = rec.membership;
  const grant = grantOfRecord(rec);
  const status = memberStatus(m);
  const accepted = status === 'active';
  return {
    id: m.id,
    status,
    userId: accepted ? rec.user.id : null,
    email: rec.user.email,
    firstName: accepted ? rec.user.firstName : (m.typedFirstName ?? ''),
    lastName: accepted ? rec.user.lastName : (m.typedLastName ?? ''),
    description: m.description,
    role: m.role,
    apiOnly: m.apiOnly,
    enabled: m.enabled,
    profileId: rec.profile?.id ?? null,
    profileName: rec.profile?.name ?? null,
    permissions: ordered(grant.permissions),
    allAccounts: grant.accounts === 'all',
    accountIds: grant.accounts === 'all' ? [] : visibleAccountIds([...grant.accounts], viewer.grant.accounts),
    apiKeyPrefix: m.apiKeyPrefix,
    apiKeyCreatedAt: iso(m.apiKeyCreatedAt),
    apiKeyLastUsedAt: iso(m.apiKeyLastUsedAt),
    createdAt: m.createdAt.toISOString(),
    passwordSet: accepted ? rec.user.passwordSet : null,
    canEdit: mayEdit(viewer, rec),
  };
}

export function invitationView(row: { invitation: InvitationRow; profileName: string }, viewer: TeamContext, now: Date): InvitationView {
  const inv = row.invitation;
  return {
    id: inv.id,
    email: inv.email,
    name: inv.name,
    profileId: inv.profileId,
    profileName: row.profileName,
    allAccounts: inv.accountIds === null,
    accountIds: visibleAccountIds(inv.accountIds ?? [], viewer.grant.accounts),
    status: invitationStatus(inv, now),
    expiresAt: inv.expiresAt.toISOString(),
    createdAt: inv.createdAt.toISOString(),
    acceptedAt: iso(inv.acceptedAt),
  };
}

export function profileView(p: ProfileRow, counts: { members: number; invitations: number }): ProfileView {
  return {
    id: p.id,
    name: p.name,
    permissions: ordered(knownPermissions(p.permissions)),
    members: counts.members,
    pendingInvitations: counts.invitations,
    createdAt: p.createdAt.toISOString(),
  };
}
