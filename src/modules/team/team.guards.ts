// The checks every team change goes through before it writes anything.
//
// The access hook has already decided who may call each use case (the route's need).
// What it cannot know is *what* a Manage-Users member is about to grant or touch: every
// change goes through checkGrant (src/kernel/access/access.rules.ts), once against the
// member as it is (may I touch it at all?) and once against what it would become (may I
// grant that?). And whatever a request names (a profile, an account, a member) must
// belong to the caller's team.
import type { Db } from '../../db/client.ts';
import { checkGrant, type Grant } from '../../kernel/access/access.rules.ts';
import type { Permission } from '../../kernel/access/permissions.ts';
import { grantOf, type TeamContext } from '../access/index.ts';
import { teamErrors } from './team.errors.ts';
import { createTeamRepository, isUniqueViolation, type MemberRecord, type PersonRow, type ProfileRow } from './team.repository.ts';
import { firstUnknown, knownPermissions, memberGrant, type PermissionSource, refusalError, type Scope } from './team.rules.ts';

const repo = createTeamRepository();

export function grantOfRecord(rec: MemberRecord): Grant {
  return grantOf({ membership: rec.membership, profilePermissions: rec.profile?.permissions ?? null, accountIds: rec.accountIds });
}

// --- the grant rule, applied ------------------------------------------------------------

/** May the caller give `target` (null: someone new) these permissions and accounts? */
export function refuseUnless(team: TeamContext, target: MemberRecord | null, next: { permissions: Iterable<Permission>; accounts: Scope }) {
  const refusal = checkGrant({
    actor: team.grant,
    actorMembershipId: team.membershipId,
    target: target ? { membershipId: target.membership.id, role: target.membership.role, current: grantOfRecord(target) } : null,
    next: { permissions: new Set(next.permissions), accounts: next.accounts },
  });
  if (refusal) throw refusalError(refusal);
}

/** May the caller touch this member at all (owner, self, someone holding more)? */
export function refuseTouch(team: TeamContext, target: MemberRecord) {
  const current = grantOfRecord(target);
  refuseUnless(team, target, { permissions: current.permissions, accounts: current.accounts });
}

/** Whether the viewer may change the member (the views' canEdit). */
export function mayEdit(viewer: TeamContext, rec: MemberRecord): boolean {
  const grant = grantOfRecord(rec);
  return (
    checkGrant({
      actor: viewer.grant,
      actorMembershipId: viewer.membershipId,
      target: { membershipId: rec.membership.id, role: rec.membership.role, current: grant },
      next: { permissions: grant.permissions, accounts: grant.accounts },
    }) === null
  );
}

/**
 * Profiles (TEAM-5) are bounded like grants: their old and new permission sets must be
 * the caller's; and, since an edit reaches every holder at once, no holder may hold an
 * account the caller lacks (it would be editing someone who holds more).
 */
export function refuseProfileChange(team: TeamContext, before: readonly Permission[] | null, after: readonly Permission[], holders: MemberRecord[]) {
  const none: Scope = new Set<string>();
  const refusal = checkGrant({
    actor: team.grant,
    actorMembershipId: team.membershipId,
    target: before ? { membershipId: 'profile', role: 'member', current: memberGrant(before, none) } : null,
    next: { permissions: new Set(after), accounts: none },
  });
  if (refusal) throw refusalError(refusal);
  for (const holder of holders) {
    if (holder.membership.id === team.membershipId) continue; // changing one's own profile within one's own permissions
    refuseUnless(team, holder, { permissions: after, accounts: grantOfRecord(holder).accounts });
  }
}

// --- what a request names must belong to the team ----------------------------------------

/** A profile named in a request body: one of another team is unknown here (400, not 404). */
export async function profileIn(tx: Db, teamId: string, profileId: string): Promise<ProfileRow> {
  const profile = await repo.findProfile(tx, teamId, profileId);
  if (!profile) throw teamErrors.unknown_profile({ field: 'profileId' });
  return profile;
}

export async function permissionsOf(tx: Db, teamId: string, source: PermissionSource): Promise<{ permissions: Permission[]; profile: ProfileRow | null }> {
  if (source.profileId === null) return { permissions: source.permissions, profile: null };
  const profile = await profileIn(tx, teamId, source.profileId);
  return { permissions: knownPermissions(profile.permissions), profile };
}

/** Accounts named in a request body: each must be linked to the team (null: every account). */
/**
 * The accounts a request names, each linked to the team and within what the caller sees:
 * an account out of a scoped caller's reach answers `unknown_account` exactly like one that does
 * not exist, so a manager cannot learn the team's other accounts by naming them.
 */
export async function accountsOf(tx: Db, team: Pick<TeamContext, 'teamId' | 'grant'>, ids: string[] | null): Promise<Scope> {
  if (ids === null) return 'all';
  const linked = await repo.linkedAccountIds(tx, team.teamId, ids);
  const seen = team.grant.accounts;
  const visible = seen === 'all' ? linked : new Set([...linked].filter((id) => seen.has(id)));
  const bad = firstUnknown(ids, visible);
  if (bad >= 0) throw teamErrors.unknown_account({ field: `accountIds.${bad}` });
  return new Set(ids);
}

export async function ownerOf(tx: Db, teamId: string): Promise<PersonRow> {
  const team = await repo.findTeamWithOwner(tx, teamId);
  if (!team) throw new Error(`team ${teamId} has no owner`);
  return team.owner;
}

/** A member of this team; one of another team answers like a missing one. */
export async function findMember(tx: Db, teamId: string, memberId: string): Promise<MemberRecord> {
  const rec = await repo.findMember(tx, teamId, memberId);
  if (!rec) throw teamErrors.member_not_found();
  return rec;
}

/**
 * Unique indexes are the last word when two requests race: a person created meanwhile
 * by another request (for this team or another) is reused by trying once more; a
 * membership created meanwhile means "already a member".
 */
export async function asMember<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (isUniqueViolation(e, 'users_email_idx') && attempt === 0) continue;
      if (isUniqueViolation(e, 'memberships_master_user_idx') || isUniqueViolation(e, 'users_email_idx')) throw teamErrors.already_member({ field: 'email' });
      throw e;
    }
  }
}
