// Rows as the team API shows them (team.schemas.ts), always as one viewer sees them:
// accounts outside the viewer's own scope are not listed.
import type { TeamContext } from '../access/index.ts';
import { iso, ordered } from './team.context.ts';
import { grantOfRecord, mayEdit } from './team.guards.ts';
import type { InvitationRow, MemberRecord, ProfileRow } from './team.repository.ts';
import { invitationStatus, knownPermissions, visibleAccountIds } from './team.rules.ts';
import type { InvitationView, MemberView, ProfileView } from './team.schemas.ts';

export function memberView(rec: MemberRecord, viewer: TeamContext): MemberView {
  const m = rec.membership;
  const grant = grantOfRecord(rec);
  return {
    id: m.id,
    userId: rec.user.id,
    email: rec.user.email,
    firstName: rec.user.firstName,
    lastName: rec.user.lastName,
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
    passwordSet: rec.user.passwordSet,
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
