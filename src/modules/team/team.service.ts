// The team of a master account (TEAM-1..TEAM-8, X-2): members and their API keys,
// permission profiles, invitations, and the owner's audit page.
//
// The access hook has already decided who may call each use case (the route's need).
// What it cannot know is *what* a Manage-Users member is about to grant or touch: every
// change here goes through checkGrant (src/kernel/access/access.rules.ts), once against
// the member as it is (may I touch it at all?) and once against what it would become
// (may I grant that?). Everything a change writes, its audit entries and its e-mails
// share one transaction.
import type { AppDeps } from '../../kernel/deps.ts';
import type { Db } from '../../db/client.ts';
import { checkGrant, type Grant, visibleTabs } from '../../kernel/access/access.rules.ts';
import { ALL_PERMISSIONS, GROUP_LABELS, PERMISSION_GROUPS, PERMISSION_LABELS, type Permission } from '../../kernel/access/permissions.ts';
import { type AuditActor, decodeAuditCursor, encodeAuditCursor } from '../../kernel/audit/index.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { newId, randomToken, sha256 } from '../../kernel/ids.ts';
import { hashSecret } from '../../kernel/secrets.ts';
import { type AccessContext, auditActorOf, grantOf, type TeamContext } from '../access/index.ts';
import { checkPassword } from '../auth/password.rules.ts';
import { createTokensRepository } from '../auth/tokens.repository.ts';
import { teamErrors } from './team.errors.ts';
import { addedToTeam, invitation as invitationMail, invitationAccepted, memberPasswordReset, memberPasswordSetup } from './team.mail.ts';
import { createTeamRepository, type InvitationRow, isUniqueViolation, type MemberRecord, type PersonRow, type ProfileRow } from './team.repository.ts';
import {
  API_KEY_PREFIX_LENGTH,
  chooseScope,
  choosePermissions,
  firstUnknown,
  fullName,
  INVITATION_TTL_MS,
  invitationStatus,
  knownPermissions,
  memberGrant,
  type PermissionSource,
  refusalError,
  sameSet,
  type Scope,
  splitName,
  visibleAccountIds,
} from './team.rules.ts';
import type { CreateMemberInput, InvitationView, MemberView, ProfileView, UpdateMemberInput } from './team.schemas.ts';

export type TeamDeps = Pick<AppDeps, 'database' | 'clock' | 'mailer' | 'audit' | 'config'>;
export type TeamService = ReturnType<typeof createTeamService>;

interface Caller {
  team: TeamContext;
  actor: AuditActor;
  userId: string;
}

/** Routes declared with kind 'team' always carry a team and an actor; a missing one is a wiring bug. */
function callerOf(access: AccessContext): Caller {
  if (!access.team || !access.actor) throw new Error('team: route declared without a team access rule');
  return { team: access.team, actor: auditActorOf(access), userId: access.actor.userId };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;
const ordered = (perms: Iterable<Permission>) => {
  const set = new Set(perms);
  return ALL_PERMISSIONS.filter((p) => set.has(p));
};

export function grantOfRecord(rec: MemberRecord): Grant {
  return grantOf({ membership: rec.membership, profilePermissions: rec.profile?.permissions ?? null, accountIds: rec.accountIds });
}

/** A new API key (TEAM-4): shown once, stored as SHA-256 with a visible prefix. */
function newApiKey(now: Date) {
  const key = `mst_${randomToken(24)}`;
  return { key, hash: sha256(key), prefix: key.slice(0, API_KEY_PREFIX_LENGTH), createdAt: now };
}

export function createTeamService(deps: TeamDeps) {
  const repo = createTeamRepository();
  const tokens = createTokensRepository();
  const { clock, mailer, audit, config } = deps;
  const db = deps.database.db;
  const now = () => clock.now();
  // The web app's Users tab (web/src/ui/tabs.ts); the team in use is chosen there.
  const usersPage = () => `${config.baseUrl}/users`;

  // --- the grant rule, applied ----------------------------------------------------------

  function refuseUnless(team: TeamContext, target: MemberRecord | null, next: { permissions: Iterable<Permission>; accounts: Scope }) {
    const refusal = checkGrant({
      actor: team.grant,
      actorMembershipId: team.membershipId,
      target: target ? { membershipId: target.membership.id, role: target.membership.role, current: grantOfRecord(target) } : null,
      next: { permissions: new Set(next.permissions), accounts: next.accounts },
    });
    if (refusal) throw refusalError(refusal);
  }

  /** May the caller touch this member at all (owner, self, someone holding more)? */
  function refuseTouch(team: TeamContext, target: MemberRecord) {
    const current = grantOfRecord(target);
    refuseUnless(team, target, { permissions: current.permissions, accounts: current.accounts });
  }

  /**
   * Profiles (TEAM-5) are bounded like grants: their old and new permission sets must be
   * the caller's; and, since an edit reaches every holder at once, no holder may hold an
   * account the caller lacks (it would be editing someone who holds more).
   */
  function refuseProfileChange(team: TeamContext, before: readonly Permission[] | null, after: readonly Permission[], holders: MemberRecord[]) {
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

  // --- what a request names must belong to the team --------------------------------------

  /** A profile named in a request body: one of another team is unknown here (400, not 404). */
  async function profileIn(tx: Db, teamId: string, profileId: string): Promise<ProfileRow> {
    const profile = await repo.findProfile(tx, teamId, profileId);
    if (!profile) throw teamErrors.unknown_profile({ field: 'profileId' });
    return profile;
  }

  async function permissionsOf(tx: Db, teamId: string, source: PermissionSource): Promise<{ permissions: Permission[]; profile: ProfileRow | null }> {
    if (source.profileId === null) return { permissions: source.permissions, profile: null };
    const profile = await profileIn(tx, teamId, source.profileId);
    return { permissions: knownPermissions(profile.permissions), profile };
  }

  async function accountsOf(tx: Db, teamId: string, ids: string[] | null): Promise<Scope> {
    if (ids === null) return 'all';
    const linked = await repo.linkedAccountIds(tx, teamId, ids);
    const bad = firstUnknown(ids, linked);
    if (bad >= 0) throw teamErrors.unknown_account({ field: `accountIds.${bad}` });
    return new Set(ids);
  }

  async function ownerOf(tx: Db, teamId: string): Promise<PersonRow> {
    const team = await repo.findTeamWithOwner(tx, teamId);
    if (!team) throw new Error(`team ${teamId} has no owner`);
    return team.owner;
  }

  async function findMember(tx: Db, teamId: string, memberId: string): Promise<MemberRecord> {
    const rec = await repo.findMember(tx, teamId, memberId);
    if (!rec) throw teamErrors.member_not_found();
    return rec;
  }

  // --- views ------------------------------------------------------------------------------

  function memberView(rec: MemberRecord, viewer: TeamContext): MemberView {
    const m = rec.membership;
    const grant = grantOfRecord(rec);
    const canEdit =
      checkGrant({
        actor: viewer.grant,
        actorMembershipId: viewer.membershipId,
        target: { membershipId: m.id, role: m.role, current: grant },
        next: { permissions: grant.permissions, accounts: grant.accounts },
      }) === null;
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
      canEdit,
    };
  }

  function invitationView(row: { invitation: InvitationRow; profileName: string }, viewer: TeamContext): InvitationView {
    const inv = row.invitation;
    return {
      id: inv.id,
      email: inv.email,
      name: inv.name,
      profileId: inv.profileId,
      profileName: row.profileName,
      allAccounts: inv.accountIds === null,
      accountIds: visibleAccountIds(inv.accountIds ?? [], viewer.grant.accounts),
      status: invitationStatus(inv, now()),
      expiresAt: inv.expiresAt.toISOString(),
      createdAt: inv.createdAt.toISOString(),
      acceptedAt: iso(inv.acceptedAt),
    };
  }

  function profileView(p: ProfileRow, counts: { members: number; invitations: number }): ProfileView {
    return {
      id: p.id,
      name: p.name,
      permissions: ordered(knownPermissions(p.permissions)),
      members: counts.members,
      pendingInvitations: counts.invitations,
      createdAt: p.createdAt.toISOString(),
    };
  }

  // --- e-mails ----------------------------------------------------------------------------

  /** A 'password_set' link (TEAM-1, TEAM-2); the auth module completes it. */
  async function sendPasswordLink(tx: Db, person: PersonRow, owner: PersonRow, kind: 'setup' | 'reset', description: string) {
    const token = await tokens.issue(tx, { purpose: 'password_set', userId: person.id, now: now() });
    const url = `${config.baseUrl}/password/set/${token}`;
    const teamOwnerName = fullName(owner);
    if (kind === 'setup') {
      await mailer.enqueue(tx, { template: memberPasswordSetup, params: { name: person.firstName, teamOwnerName, description, url }, to: person.email, locale: person.locale });
    } else {
      await mailer.enqueue(tx, { template: memberPasswordReset, params: { name: person.firstName, teamOwnerName, url }, to: person.email, locale: person.locale });
    }
  }

  async function sendInvitation(tx: Db, input: { email: string; name: string; profileName: string; locale: Locale; token: string; owner: PersonRow; inviter: PersonRow | null }) {
    await mailer.enqueue(tx, {
      template: invitationMail,
      params: {
        name: input.name,
        teamOwnerName: fullName(input.owner),
        inviterName: input.inviter ? fullName(input.inviter) : fullName(input.owner),
        profileName: input.profileName,
        url: `${config.baseUrl}/invitations/${input.token}`,
      },
      to: input.email,
      locale: input.locale,
    });
  }

  /**
   * Unique indexes are the last word when two requests race: a person created meanwhile
   * by another request (for this team or another) is reused by trying once more; a
   * membership created meanwhile means "already a member".
   */
  async function asMember<T>(work: () => Promise<T>): Promise<T> {
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

  return {
    // ===== members (TEAM-1, TEAM-2, TEAM-4, TEAM-8) =========================================

    async listMembers(access: AccessContext): Promise<MemberView[]> {
      const { team } = callerOf(access);
      return (await repo.listMembers(db, team.teamId)).map((rec) => memberView(rec, team));
    },

    async getMember(access: AccessContext, memberId: string): Promise<MemberView> {
      const { team } = callerOf(access);
      return memberView(await findMember(db, team.teamId, memberId), team);
    },

    /**
     * TEAM-1: one e-mail is one person, who may belong to several teams: a new e-mail
     * creates the person (no password), a known one is reused. The member gets its API key
     * (returned here, once) and, unless API-only, an e-mail: a link to create a password
     * if the person has none yet, else a note that they were added.
     */
    async createMember(access: AccessContext, input: CreateMemberInput, locale: Locale) {
      const { team, actor } = callerOf(access);
      // With no current member, neither choice can answer 'unchanged'.
      const source = choosePermissions(input, null) as Exclude<ReturnType<typeof choosePermissions>, 'unchanged'>;
      if (source instanceof Error) throw source;
      const scope = chooseScope(input, 'create') as Exclude<ReturnType<typeof chooseScope>, 'unchanged'>;
      if (scope instanceof Error) throw scope;

      return asMember(() =>
        db.transaction(async (tx) => {
          const at = now();
          const { permissions, profile } = await permissionsOf(tx, team.teamId, source);
          const accounts = await accountsOf(tx, team.teamId, scope.allAccounts ? null : scope.accountIds);
          refuseUnless(team, null, { permissions, accounts });

          let person = await repo.findPersonByEmail(tx, input.email);
          if (person && (await repo.findMemberByUser(tx, team.teamId, person.id))) throw teamErrors.already_member({ field: 'email' });
          const newPerson = !person;
          if (!person) {
            person = { id: newId(), email: input.email, firstName: input.firstName, lastName: input.lastName, locale: input.locale ?? locale, passwordSet: false };
            await repo.insertUser(tx, { ...person, passwordHash: null, createdAt: at });
          }

          const membershipId = newId();
          const key = newApiKey(at);
          await repo.insertMembership(tx, {
            id: membershipId,
            masterAccountId: team.teamId,
            userId: person.id,
            role: 'member',
            description: input.description,
            apiOnly: input.apiOnly,
            enabled: true,
            profileId: profile?.id ?? null,
            permissions: profile ? [] : permissions,
            allAccounts: accounts === 'all',
            apiKeyHash: key.hash,
            apiKeyPrefix: key.prefix,
            apiKeyCreatedAt: at,
            createdAt: at,
          });
          if (accounts !== 'all') await repo.replaceScope(tx, membershipId, [...accounts]);

          const owner = await ownerOf(tx, team.teamId);
          let emailSent: 'password_setup' | 'added_to_team' | 'none' = 'none';
          if (!input.apiOnly && !person.passwordSet) {
            await sendPasswordLink(tx, person, owner, 'setup', input.description);
            emailSent = 'password_setup';
          } else if (!input.apiOnly) {
            await mailer.enqueue(tx, {
              template: addedToTeam,
              params: { name: person.firstName, teamOwnerName: fullName(owner), description: input.description, url: `${config.baseUrl}/login` },
              to: person.email,
              locale: person.locale,
            });
            emailSent = 'added_to_team';
          }

          await audit.record(tx, {
            actor,
            action: 'member.created',
            entityType: 'membership',
            entityId: membershipId,
            masterAccountId: team.teamId,
            details: {
              email: person.email,
              newPerson,
              apiOnly: input.apiOnly,
              description: input.description,
              profileId: profile?.id ?? null,
              permissions: ordered(permissions),
              allAccounts: accounts === 'all',
              accountIds: accounts === 'all' ? [] : [...accounts],
              apiKeyPrefix: key.prefix,
              emailSent,
            },
          });
          const rec = await findMember(tx, team.teamId, membershipId);
          return { member: memberView(rec, team), apiKey: key.key, emailSent };
        }),
      );
    },

    /**
     * TEAM-2: permissions (a profile or a custom set), account scope, enabled, API only,
     * description, and the person's names while the team is the only one that knows them.
     * Disabling takes effect at the member's next request (the access check reads it).
     */
    async updateMember(access: AccessContext, memberId: string, input: UpdateMemberInput): Promise<MemberView> {
      const { team, actor } = callerOf(access);
      return db.transaction(async (tx) => {
        const rec = await findMember(tx, team.teamId, memberId);
        refuseTouch(team, rec);
        const m = rec.membership;
        const current = grantOfRecord(rec);
        const currentSource: PermissionSource = m.profileId ? { profileId: m.profileId } : { profileId: null, permissions: knownPermissions(m.permissions) };

        const source = choosePermissions(input, { source: currentSource, effective: ordered(current.permissions) });
        if (source instanceof Error) throw source;
        const scope = chooseScope(input, 'update');
        if (scope instanceof Error) throw scope;
        const next = source === 'unchanged' ? { permissions: ordered(current.permissions), profile: null } : await permissionsOf(tx, team.teamId, source);
        const nextAccounts = scope === 'unchanged' ? current.accounts : await accountsOf(tx, team.teamId, scope.allAccounts ? null : scope.accountIds);
        refuseUnless(team, rec, { permissions: next.permissions, accounts: nextAccounts });

        const entry = { actor, entityType: 'membership', entityId: m.id, masterAccountId: team.teamId };
        const who = { email: rec.user.email };

        // The person's names belong to the person once they have a login or other teams.
        const nameChanges: Record<string, { from: string; to: string }> = {};
        for (const f of ['firstName', 'lastName'] as const) {
          if (input[f] !== undefined && input[f] !== rec.user[f]) nameChanges[f] = { from: rec.user[f], to: input[f]! };
        }
        if (Object.keys(nameChanges).length > 0) {
          if (rec.user.passwordSet || (await repo.otherMembershipCount(tx, rec.user.id, team.teamId)) > 0) {
            throw teamErrors.names_managed_by_person({ field: Object.keys(nameChanges)[0] });
          }
          await repo.updateUser(tx, rec.user.id, Object.fromEntries(Object.entries(nameChanges).map(([k, v]) => [k, v.to])));
        }

        const patch: Parameters<typeof repo.updateMembership>[2] = {};
        const changes: Record<string, { from: unknown; to: unknown }> = { ...nameChanges };
        if (input.description !== undefined && input.description !== m.description) {
          patch.description = input.description;
          changes.description = { from: m.description, to: input.description };
        }
        if (input.apiOnly !== undefined && input.apiOnly !== m.apiOnly) {
          patch.apiOnly = input.apiOnly;
          changes.apiOnly = { from: m.apiOnly, to: input.apiOnly };
        }
        if (Object.keys(changes).length > 0) {
          await audit.record(tx, { ...entry, action: 'member.updated', details: { ...who, fields: Object.keys(changes), changes } });
        }

        if (source !== 'unchanged') {
          const nextProfileId = source.profileId;
          const nextOwn = source.profileId === null ? source.permissions : [];
          if (nextProfileId !== m.profileId || !sameSet(nextOwn, knownPermissions(m.permissions))) {
            patch.profileId = nextProfileId;
            patch.permissions = ordered(nextOwn);
          }
          if (nextProfileId !== m.profileId || !sameSet(next.permissions, current.permissions)) {
            await audit.record(tx, {
              ...entry,
              action: 'member.permissions_changed',
              details: {
                ...who,
                from: { profileId: m.profileId, permissions: ordered(current.permissions) },
                to: { profileId: nextProfileId, permissions: ordered(next.permissions) },
              },
            });
          }
        }

        if (scope !== 'unchanged') {
          const before = current.accounts === 'all' ? 'all' : [...current.accounts].sort();
          const after = scope.allAccounts ? 'all' : [...scope.accountIds].sort();
          if (JSON.stringify(before) !== JSON.stringify(after)) {
            patch.allAccounts = scope.allAccounts;
            await repo.replaceScope(tx, m.id, scope.allAccounts ? [] : scope.accountIds);
            await audit.record(tx, { ...entry, action: 'member.scope_changed', details: { ...who, from: before, to: after } });
          }
        }

        if (input.enabled !== undefined && input.enabled !== m.enabled) {
          patch.enabled = input.enabled;
          await audit.record(tx, { ...entry, action: input.enabled ? 'member.enabled' : 'member.disabled', details: who });
        }

        await repo.updateMembership(tx, m.id, patch);

        // Someone who becomes a web user without a password needs the TEAM-1 link now.
        const becomesWebUser = patch.apiOnly === false && !rec.user.passwordSet && (patch.enabled ?? m.enabled);
        if (becomesWebUser) {
          await sendPasswordLink(tx, rec.user, await ownerOf(tx, team.teamId), 'setup', patch.description ?? m.description);
          await audit.record(tx, { ...entry, action: 'member.password_link_sent', details: { ...who, reason: 'no_longer_api_only' } });
        }
        return memberView(await findMember(tx, team.teamId, m.id), team);
      });
    },

    /** TEAM-2: the person stays (other teams, the audit log); only their place here goes. */
    async deleteMember(access: AccessContext, memberId: string): Promise<{ memberId: string }> {
      const { team, actor } = callerOf(access);
      return db.transaction(async (tx) => {
        const rec = await findMember(tx, team.teamId, memberId);
        refuseTouch(team, rec);
        if (!(await repo.deleteMembership(tx, team.teamId, memberId))) throw teamErrors.member_not_found();
        const grant = grantOfRecord(rec);
        await audit.record(tx, {
          actor,
          action: 'member.deleted',
          entityType: 'membership',
          entityId: memberId,
          masterAccountId: team.teamId,
          details: {
            email: rec.user.email,
            profileId: rec.membership.profileId,
            permissions: ordered(grant.permissions),
            allAccounts: grant.accounts === 'all',
            accountIds: grant.accounts === 'all' ? [] : [...grant.accounts],
          },
        });
        return { memberId };
      });
    },

    /** TEAM-2 "reset password": a new single-use link to set one (a setup link if they never had one). */
    async sendPasswordReset(access: AccessContext, memberId: string): Promise<{ sentTo: string }> {
      const { team, actor } = callerOf(access);
      return db.transaction(async (tx) => {
        const rec = await findMember(tx, team.teamId, memberId);
        refuseTouch(team, rec);
        if (rec.membership.apiOnly) throw teamErrors.member_api_only();
        await sendPasswordLink(tx, rec.user, await ownerOf(tx, team.teamId), rec.user.passwordSet ? 'reset' : 'setup', rec.membership.description);
        await audit.record(tx, {
          actor,
          action: 'member.password_link_sent',
          entityType: 'membership',
          entityId: memberId,
          masterAccountId: team.teamId,
          details: { email: rec.user.email, reason: rec.user.passwordSet ? 'reset' : 'setup' },
        });
        return { sentTo: rec.user.email };
      });
    },

    /** TEAM-4: a new key for a member; the old one stops working at once. */
    async renewMemberKey(access: AccessContext, memberId: string) {
      const { team, actor } = callerOf(access);
      return db.transaction(async (tx) => {
        const rec = await findMember(tx, team.teamId, memberId);
        refuseTouch(team, rec);
        const key = newApiKey(now());
        await repo.setApiKey(tx, memberId, key);
        await audit.record(tx, {
          actor,
          action: 'api_key.renewed',
          entityType: 'membership',
          entityId: memberId,
          masterAccountId: team.teamId,
          details: { email: rec.user.email, previousPrefix: rec.membership.apiKeyPrefix, prefix: key.prefix },
        });
        return { apiKey: key.key, apiKeyPrefix: key.prefix, apiKeyCreatedAt: key.createdAt.toISOString() };
      });
    },

    /** The caller's own place in the team: permissions, scope, tabs (MA-8) and key (TEAM-4). */
    async me(access: AccessContext) {
      const { team } = callerOf(access);
      const rec = await findMember(db, team.teamId, team.membershipId);
      const view = memberView(rec, team);
      return {
        teamId: team.teamId,
        membershipId: rec.membership.id,
        role: rec.membership.role,
        description: rec.membership.description,
        apiOnly: rec.membership.apiOnly,
        profileId: view.profileId,
        profileName: view.profileName,
        permissions: view.permissions,
        allAccounts: view.allAccounts,
        accountIds: view.accountIds,
        tabs: visibleTabs(team.grant),
        apiKeyPrefix: view.apiKeyPrefix,
        apiKeyCreatedAt: view.apiKeyCreatedAt,
        apiKeyLastUsedAt: view.apiKeyLastUsedAt,
      };
    },

    /** TEAM-4: any member (the owner too) renews its own key. */
    async renewMyKey(access: AccessContext) {
      const { team, actor } = callerOf(access);
      return db.transaction(async (tx) => {
        const rec = await findMember(tx, team.teamId, team.membershipId);
        const key = newApiKey(now());
        await repo.setApiKey(tx, team.membershipId, key);
        await audit.record(tx, {
          actor,
          action: 'api_key.renewed',
          entityType: 'membership',
          entityId: team.membershipId,
          masterAccountId: team.teamId,
          details: { email: rec.user.email, own: true, previousPrefix: rec.membership.apiKeyPrefix, prefix: key.prefix },
        });
        return { apiKey: key.key, apiKeyPrefix: key.prefix, apiKeyCreatedAt: key.createdAt.toISOString() };
      });
    },

    // ===== profiles (TEAM-5, TEAM-6) ==========================================================

    /** TEAM-6: the catalog, grouped as Hotmart does, with both languages' labels. */
    permissionCatalog() {
      return {
        groups: (Object.keys(PERMISSION_GROUPS) as Array<keyof typeof PERMISSION_GROUPS>).map((group) => ({
          id: group,
          label: GROUP_LABELS[group],
          permissions: PERMISSION_GROUPS[group].map((id) => ({ id, label: PERMISSION_LABELS[id] })),
        })),
      };
    },

    async listProfiles(access: AccessContext): Promise<ProfileView[]> {
      const { team } = callerOf(access);
      return (await repo.listProfiles(db, team.teamId)).map((r) => profileView(r.profile, r));
    },

    async createProfile(access: AccessContext, input: { name: string; permissions: Permission[] }): Promise<ProfileView> {
      const { team, actor } = callerOf(access);
      const permissions = ordered(input.permissions);
      refuseProfileChange(team, null, permissions, []);
      return asProfile(() =>
        db.transaction(async (tx) => {
          if (await repo.findProfileByName(tx, team.teamId, input.name)) throw teamErrors.profile_name_taken({ field: 'name' });
          const row: ProfileRow = { id: newId(), masterAccountId: team.teamId, name: input.name, permissions, createdAt: now() };
          await repo.insertProfile(tx, row);
          await audit.record(tx, {
            actor,
            action: 'profile.created',
            entityType: 'profile',
            entityId: row.id,
            masterAccountId: team.teamId,
            details: { name: row.name, permissions },
          });
          return profileView(row, { members: 0, invitations: 0 });
        }),
      );
    },

    /** TEAM-5: every holder's access changes at once (the access check reads the profile). */
    async updateProfile(access: AccessContext, profileId: string, input: { name?: string; permissions?: Permission[] }): Promise<ProfileView> {
      const { team, actor } = callerOf(access);
      return asProfile(() =>
        db.transaction(async (tx) => {
          const profile = await repo.findProfile(tx, team.teamId, profileId);
          if (!profile) throw teamErrors.profile_not_found();
          const before = ordered(knownPermissions(profile.permissions));
          const after = input.permissions ? ordered(input.permissions) : before;
          const holders = await repo.profileHolders(tx, team.teamId, profileId);
          refuseProfileChange(team, before, after, holders);

          const changes: Record<string, { from: unknown; to: unknown }> = {};
          const patch: { name?: string; permissions?: Permission[] } = {};
          if (input.name !== undefined && input.name !== profile.name) {
            const clash = await repo.findProfileByName(tx, team.teamId, input.name);
            if (clash && clash.id !== profileId) throw teamErrors.profile_name_taken({ field: 'name' });
            patch.name = input.name;
            changes.name = { from: profile.name, to: input.name };
          }
          if (!sameSet(before, after)) {
            patch.permissions = after;
            changes.permissions = { from: before, to: after };
          }
          const updated = Object.keys(patch).length > 0 ? await repo.updateProfile(tx, profileId, patch) : profile;
          if (!updated) throw teamErrors.profile_not_found();
          if (Object.keys(changes).length > 0) {
            await audit.record(tx, {
              actor,
              action: 'profile.updated',
              entityType: 'profile',
              entityId: profileId,
              masterAccountId: team.teamId,
              details: { name: updated.name, fields: Object.keys(changes), changes, holders: holders.length },
            });
          }
          return profileView(updated, await repo.profileUsage(tx, profileId));
        }),
      );
    },

    /** Refused while a member or a pending invitation holds the profile: nobody is left without permissions by surprise. */
    async deleteProfile(access: AccessContext, profileId: string): Promise<{ profileId: string }> {
      const { team, actor } = callerOf(access);
      return db.transaction(async (tx) => {
        const profile = await repo.findProfile(tx, team.teamId, profileId);
        if (!profile) throw teamErrors.profile_not_found();
        refuseProfileChange(team, ordered(knownPermissions(profile.permissions)), [], []);
        const usage = await repo.profileUsage(tx, profileId);
        if (usage.members > 0 || usage.invitations > 0) throw teamErrors.profile_in_use({ params: { members: usage.members, invitations: usage.invitations } });
        await repo.deleteProfile(tx, profileId);
        await audit.record(tx, {
          actor,
          action: 'profile.deleted',
          entityType: 'profile',
          entityId: profileId,
          masterAccountId: team.teamId,
          details: { name: profile.name, permissions: ordered(knownPermissions(profile.permissions)) },
        });
        return { profileId };
      });
    },

    // ===== invitations (TEAM-7) ================================================================

    async listInvitations(access: AccessContext): Promise<InvitationView[]> {
      const { team } = callerOf(access);
      return (await repo.listInvitations(db, team.teamId)).map((r) => invitationView(r, team));
    },

    /** Bounded like a grant: the profile's permissions and the accounts must be the caller's. */
    async createInvitation(
      access: AccessContext,
      input: { email: string; name: string; profileId: string; accountIds?: string[] | null },
      locale: Locale,
    ): Promise<InvitationView> {
      const { team, actor, userId } = callerOf(access);
      return db.transaction(async (tx) => {
        const at = now();
        const profile = await profileIn(tx, team.teamId, input.profileId);
        const permissions = knownPermissions(profile.permissions);
        const accountIds = input.accountIds ? [...new Set(input.accountIds)] : null;
        const accounts = await accountsOf(tx, team.teamId, accountIds);
        refuseUnless(team, null, { permissions, accounts });

        const person = await repo.findPersonByEmail(tx, input.email);
        if (person && (await repo.findMemberByUser(tx, team.teamId, person.id))) throw teamErrors.already_member({ field: 'email' });
        if (await repo.findPendingInvitationFor(tx, team.teamId, input.email, at)) throw teamErrors.invitation_pending({ field: 'email' });

        const token = randomToken();
        const id = newId();
        const row = {
          id,
          masterAccountId: team.teamId,
          email: input.email,
          name: input.name,
          profileId: profile.id,
          accountIds,
          status: 'pending' as const,
          tokenHash: sha256(token),
          expiresAt: new Date(at.getTime() + INVITATION_TTL_MS),
          invitedByUserId: userId,
          createdAt: at,
          acceptedAt: null,
        };
        await repo.insertInvitation(tx, row);
        await sendInvitation(tx, {
          email: input.email,
          name: input.name,
          profileName: profile.name,
          locale: person?.locale ?? locale,
          token,
          owner: await ownerOf(tx, team.teamId),
          inviter: await repo.findPersonById(tx, userId),
        });
        await audit.record(tx, {
          actor,
          action: 'invitation.created',
          entityType: 'invitation',
          entityId: id,
          masterAccountId: team.teamId,
          details: { email: input.email, name: input.name, profileId: profile.id, profileName: profile.name, allAccounts: accountIds === null, accountIds: accountIds ?? [] },
        });
        return invitationView({ invitation: row, profileName: profile.name }, team);
      });
    },

    /** A new token and 7 more days; the link of the earlier e-mail stops working. */
    async resendInvitation(access: AccessContext, invitationId: string, locale: Locale): Promise<InvitationView> {
      const { team, actor, userId } = callerOf(access);
      return db.transaction(async (tx) => {
        const found = await repo.findInvitation(tx, team.teamId, invitationId);
        if (!found) throw teamErrors.invitation_not_found();
        const inv = found.invitation;
        if (inv.status !== 'pending') throw teamErrors.invitation_not_pending();
        refuseUnless(team, null, { permissions: knownPermissions(found.profilePermissions), accounts: inv.accountIds ? new Set(inv.accountIds) : 'all' });
        const person = await repo.findPersonByEmail(tx, inv.email);
        if (person && (await repo.findMemberByUser(tx, team.teamId, person.id))) throw teamErrors.already_member({ field: 'email' });
        // An expired invitation may have been replaced by a newer one: one live invitation per address.
        const live = await repo.findPendingInvitationFor(tx, team.teamId, inv.email, now());
        if (live && live.id !== inv.id) throw teamErrors.invitation_pending({ field: 'email' });

        const token = randomToken();
        const expiresAt = new Date(now().getTime() + INVITATION_TTL_MS);
        if (!(await repo.renewInvitationToken(tx, inv.id, sha256(token), expiresAt))) throw teamErrors.invitation_not_pending();
        await sendInvitation(tx, {
          email: inv.email,
          name: inv.name,
          profileName: found.profileName,
          locale: person?.locale ?? locale,
          token,
          owner: await ownerOf(tx, team.teamId),
          inviter: await repo.findPersonById(tx, userId),
        });
        await audit.record(tx, {
          actor,
          action: 'invitation.resent',
          entityType: 'invitation',
          entityId: inv.id,
          masterAccountId: team.teamId,
          details: { email: inv.email, expiresAt: expiresAt.toISOString() },
        });
        return invitationView({ invitation: { ...inv, expiresAt }, profileName: found.profileName }, team);
      });
    },

    async revokeInvitation(access: AccessContext, invitationId: string): Promise<InvitationView> {
      const { team, actor } = callerOf(access);
      return db.transaction(async (tx) => {
        const found = await repo.findInvitation(tx, team.teamId, invitationId);
        if (!found) throw teamErrors.invitation_not_found();
        const inv = found.invitation;
        if (inv.status !== 'pending') throw teamErrors.invitation_not_pending();
        refuseUnless(team, null, { permissions: knownPermissions(found.profilePermissions), accounts: inv.accountIds ? new Set(inv.accountIds) : 'all' });
        if (!(await repo.revokeInvitation(tx, inv.id))) throw teamErrors.invitation_not_pending();
        await audit.record(tx, {
          actor,
          action: 'invitation.revoked',
          entityType: 'invitation',
          entityId: inv.id,
          masterAccountId: team.teamId,
          details: { email: inv.email },
        });
        return invitationView({ invitation: { ...inv, status: 'revoked' }, profileName: found.profileName }, team);
      });
    },

    /** What the invitation page shows, whatever the invitation's state. */
    async invitationInfo(token: string) {
      const found = await repo.findInvitationByToken(db, sha256(token));
      if (!found) throw teamErrors.invitation_invalid();
      const inv = found.invitation;
      const [owner, person] = await Promise.all([ownerOf(db, inv.masterAccountId), repo.findPersonByEmail(db, inv.email)]);
      return {
        teamOwnerName: fullName(owner),
        email: inv.email,
        name: inv.name,
        profileName: found.profileName,
        status: invitationStatus(inv, now()),
        needsPassword: !person?.passwordSet,
      };
    },

    /**
     * TEAM-7: the e-mailed token proves the address. Someone new creates a password
     * (MA-3); someone with a login just accepts (any password sent is ignored: an
     * invitation never changes an existing password). Single use: the invitation moves
     * from pending to accepted by compare-and-set, in the same transaction that creates
     * the membership.
     */
    async acceptInvitation(
      token: string,
      input: { password?: string; firstName?: string; lastName?: string },
      client: { ip: string | null; locale: Locale },
    ) {
      const tokenHash = sha256(token);
      const found = await repo.findInvitationByToken(db, tokenHash);
      if (!found) throw teamErrors.invitation_invalid();
      const status = invitationStatus(found.invitation, now());
      if (status === 'expired') throw teamErrors.invitation_expired();
      if (status === 'accepted') throw teamErrors.invitation_used();
      if (status === 'revoked') throw teamErrors.invitation_revoked();

      const email = found.invitation.email;
      const existing = await repo.findPersonByEmail(db, email);
      let passwordHash: string | null = null;
      if (!existing?.passwordSet) {
        if (!input.password) throw teamErrors.password_required({ field: 'password' });
        const check = checkPassword(input.password);
        if (!check.ok) throw teamErrors.password_policy({ field: 'password', details: { failed: check.failed } });
        passwordHash = await hashSecret(input.password);
      }

      return asMember(() =>
        db.transaction(async (tx) => {
          const at = now();
          const inv = await repo.acceptInvitation(tx, tokenHash, at);
          if (!inv) throw teamErrors.invitation_used(); // another click won the race
          const teamId = inv.masterAccountId;

          let person = await repo.findPersonByEmail(tx, email);
          let passwordCreated = false;
          if (!person) {
            const fromInvitation = splitName(inv.name);
            person = {
              id: newId(),
              email,
              firstName: input.firstName ?? (fromInvitation.firstName || email.split('@')[0]),
              lastName: input.lastName ?? fromInvitation.lastName,
              locale: client.locale,
              passwordSet: true,
            };
            await repo.insertUser(tx, { ...person, passwordHash, createdAt: at });
            passwordCreated = true;
          } else if (!person.passwordSet && passwordHash) {
            await repo.updateUser(tx, person.id, {
              passwordHash,
              ...(input.firstName ? { firstName: input.firstName } : {}),
              ...(input.lastName !== undefined ? { lastName: input.lastName } : {}),
            });
            passwordCreated = true;
          }
          if (await repo.findMemberByUser(tx, teamId, person.id)) throw teamErrors.already_member({ field: 'email' });

          // Accounts unlinked since the invitation was sent are not granted.
          const accountIds = inv.accountIds ? [...(await repo.linkedAccountIds(tx, teamId, inv.accountIds))] : null;
          const membershipId = newId();
          const key = newApiKey(at);
          await repo.insertMembership(tx, {
            id: membershipId,
            masterAccountId: teamId,
            userId: person.id,
            role: 'member',
            profileId: inv.profileId,
            permissions: [],
            allAccounts: accountIds === null,
            apiKeyHash: key.hash,
            apiKeyPrefix: key.prefix,
            apiKeyCreatedAt: at,
            createdAt: at,
          });
          if (accountIds) await repo.replaceScope(tx, membershipId, accountIds);

          const actor: AuditActor = { userId: person.id, label: email, via: 'link', ip: client.ip };
          await audit.record(tx, {
            actor,
            action: 'invitation.accepted',
            entityType: 'invitation',
            entityId: inv.id,
            masterAccountId: teamId,
            details: { email, membershipId, passwordCreated },
          });
          await audit.record(tx, {
            actor,
            action: 'member.created',
            entityType: 'membership',
            entityId: membershipId,
            masterAccountId: teamId,
            details: {
              email,
              viaInvitation: inv.id,
              profileId: inv.profileId,
              allAccounts: accountIds === null,
              accountIds: accountIds ?? [],
              apiKeyPrefix: key.prefix,
            },
          });

          const owner = await ownerOf(tx, teamId);
          const inviter = (inv.invitedByUserId && (await repo.findPersonById(tx, inv.invitedByUserId))) || owner;
          await mailer.enqueue(tx, {
            template: invitationAccepted,
            params: { name: inviter.firstName, inviteeName: fullName(person) || email, inviteeEmail: email, profileName: found.profileName, url: usersPage() },
            to: inviter.email,
            locale: inviter.locale,
          });
          return { status: 'accepted' as const, teamId, teamOwnerName: fullName(owner), email, passwordCreated };
        }),
      );
    },

    // ===== audit page (X-2) =====================================================================

    /** Owner only (declared on the route): newest first, a page at a time. */
    async auditPage(access: AccessContext, query: { before?: string; limit: number }) {
      const { team } = callerOf(access);
      const after = query.before ? decodeAuditCursor(query.before) : null;
      if (query.before && !after) throw teamErrors.invalid_cursor({ field: 'before' });
      const rows = await audit.listForMaster(db, team.teamId, { after: after ?? undefined, limit: query.limit + 1 });
      const entries = rows.slice(0, query.limit);
      return {
        entries: entries.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actorUserId: r.actorUserId,
          actorLabel: r.actorLabel,
          via: r.via,
          apiKeyId: r.apiKeyId,
          ip: r.ip,
          action: r.action,
          entityType: r.entityType,
          entityId: r.entityId,
          accountId: r.accountId,
          details: r.details,
        })),
        nextBefore: rows.length > query.limit ? encodeAuditCursor(entries[entries.length - 1]) : null,
      };
    },
  };

  async function asProfile<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (isUniqueViolation(e, 'profiles_master_name_idx')) throw teamErrors.profile_name_taken({ field: 'name' });
      throw e;
    }
  }
}
