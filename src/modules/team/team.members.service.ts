// Members of a team and their API keys (TEAM-1, TEAM-2, TEAM-4, TEAM-8). Every change is
// bounded by the grant rule (team.guards.ts); what it writes, its audit entries and its
// e-mails share one transaction. Someone who already exists is added awaiting their
// acceptance (issue 7; team.acceptance.service.ts).
import type { Db } from '../../db/client.ts';
import { visibleTabs } from '../../kernel/access/access.rules.ts';
import type { Permission } from '../../kernel/access/permissions.ts';
import type { AuditEntry } from '../../kernel/audit/index.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { newId } from '../../kernel/ids.ts';
import type { TeamContext } from '../access/index.ts';
import { apiKeyOf, type ApiKey, type Caller, ordered, randomSecrets, type TeamDeps } from './team.context.ts';
import { teamErrors } from './team.errors.ts';
import { accountsOf, asMember, findMember, grantOfRecord, ownerOf, permissionsOf, refuseTouch, refuseUnless } from './team.guards.ts';
import { passwordSetUrl } from './team.links.ts';
import { requestAcceptance } from './team.acceptance.service.ts';
import { acceptanceLink } from './team.links.ts';
import { memberPasswordReset, memberPasswordSetup } from './team.mail.ts';
import { createTeamRepository, type MembershipRow, type MemberRecord, type PersonRow, type ProfileRow } from './team.repository.ts';
import { chooseScope, choosePermissions, fullName, knownPermissions, memberStatus, type PermissionSource, sameSet, type Scope } from './team.rules.ts';
import type { CreateMemberInput, MemberView, UpdateMemberInput } from './team.schemas.ts';
import { memberView } from './team.views.ts';

export type MembersService = ReturnType<typeof createMembersService>;

type EmailSent = 'password_setup' | 'acceptance_requested' | 'none';
type MembershipPatch = Partial<Pick<MembershipRow, 'description' | 'apiOnly' | 'enabled' | 'profileId' | 'permissions' | 'allAccounts' | 'typedFirstName' | 'typedLastName'>>;
type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** What a member is granted: its permissions (a profile's or its own) and its accounts. */
interface Granted {
  permissions: Permission[];
  profile: ProfileRow | null;
  accounts: Scope;
}

/** What an edit asks for, already checked against the grant rule. */
interface UpdatePlan {
  current: ReturnType<typeof grantOfRecord>;
  source: Exclude<ReturnType<typeof choosePermissions>, Error>;
  scope: Exclude<ReturnType<typeof chooseScope>, Error>;
  nextPermissions: Permission[];
}

/** One edit in progress: the member as it was, the membership patch being built, and its audit entries. */
interface Edit {
  tx: Db;
  rec: MemberRecord;
  patch: MembershipPatch;
  record(action: AuditEntry['action'], details: Record<string, unknown>): Promise<void>;
}

/** A new member's request: with no current member, neither choice can answer 'unchanged'. */
function creationRequest(input: CreateMemberInput) {
  const source = choosePermissions(input, null) as Exclude<ReturnType<typeof choosePermissions>, 'unchanged'>;
  if (source instanceof Error) throw source;
  const scope = chooseScope(input, 'create') as Exclude<ReturnType<typeof chooseScope>, 'unchanged'>;
  if (scope instanceof Error) throw scope;
  return { source, scope };
}

export function createMembersService(deps: TeamDeps) {
  const repo = createTeamRepository();
  const { clock, mailer, audit, links } = deps;
  const secrets = deps.secrets ?? randomSecrets;
  const db = deps.database.db;
  const now = () => clock.now();

  // --- steps of the use cases ----------------------------------------------------------

  const newKey = (teamId: string, email: string, at: Date) => apiKeyOf(secrets.apiKey({ teamId, email }), at);

  /**
   * A 'password_set' link (TEAM-1, TEAM-2), as a setup (never had one) or a reset; the auth
   * module completes it. A setup goes to someone who never acted yet: no text the team typed.
   */
  async function sendPasswordLink(tx: Db, person: PersonRow, teamId: string, kind: 'setup' | 'reset') {
    const teamOwnerName = fullName(await ownerOf(tx, teamId));
    const url = await passwordSetUrl(tx, deps, person.id);
    const to = { to: person.email, locale: person.locale };
    if (kind === 'setup') await mailer.enqueue(tx, { template: memberPasswordSetup, params: { teamOwnerName, url }, ...to });
    else await mailer.enqueue(tx, { template: memberPasswordReset, params: { name: person.firstName, teamOwnerName, url }, ...to });
  }

  /** The permissions and accounts a new member asks for, within what the caller may grant. */
  async function grantAsked(tx: Db, team: TeamContext, { source, scope }: ReturnType<typeof creationRequest>): Promise<Granted> {
    const { permissions, profile } = await permissionsOf(tx, team.teamId, source);
    const accounts = await accountsOf(tx, team, scope.allAccounts ? null : scope.accountIds);
    refuseUnless(team, null, { permissions, accounts });
    return { permissions, profile, accounts };
  }

  /**
   * TEAM-1: one e-mail is one person: a new one is created without a password; a known one
   * (whatever they have: a login, other teams, or only a row) is reused, and the answer
   * tells nothing about them (issue 7: the membership awaits their acceptance).
   */
  async function personFor(tx: Db, teamId: string, input: CreateMemberInput, locale: Locale, at: Date): Promise<{ person: PersonRow; newPerson: boolean }> {
    const known = await repo.findPersonByEmail(tx, input.email);
    if (known && (await repo.findMemberByUser(tx, teamId, known.id))) throw teamErrors.already_member({ field: 'email' });
    if (known) return { person: known, newPerson: false };
    const person: PersonRow = { id: newId(), email: input.email, firstName: input.firstName, lastName: input.lastName, locale: input.locale ?? locale, passwordSet: false };
    await repo.insertUser(tx, { ...person, passwordHash: null, createdAt: at });
    return { person, newPerson: true };
  }

  async function insertMember(tx: Db, teamId: string, { person, newPerson }: { person: PersonRow; newPerson: boolean }, input: CreateMemberInput, granted: Granted, at: Date) {
    const membershipId = newId();
    const key = newKey(teamId, person.email, at);
    await repo.insertMembership(tx, {
      // Someone the team creates is live at once (TEAM-1); someone who existed accepts first.
      acceptedAt: newPerson ? at : null,
      typedFirstName: newPerson ? null : input.firstName,
      typedLastName: newPerson ? null : input.lastName,
      id: membershipId,
      masterAccountId: teamId,
      userId: person.id,
      role: 'member',
      description: input.description,
      apiOnly: input.apiOnly,
      enabled: true,
      profileId: granted.profile?.id ?? null,
      permissions: granted.profile ? [] : granted.permissions,
      allAccounts: granted.accounts === 'all',
      apiKeyHash: key.hash,
      apiKeyPrefix: key.prefix,
      apiKeyCreatedAt: at,
      createdAt: at,
    });
    if (granted.accounts !== 'all') await repo.replaceScope(tx, membershipId, [...granted.accounts]);
    return { membershipId, key };
  }

  /**
   * TEAM-1: someone the team creates gets a link to create a password (nothing if API-only);
   * someone who already existed gets the link to accept, API-only too: nobody is attached
   * to a team without knowing (issue 7).
   */
  async function welcome(tx: Db, teamId: string, m: { membershipId: string; person: PersonRow; newPerson: boolean }, input: CreateMemberInput): Promise<EmailSent> {
    if (!m.newPerson) {
      await requestAcceptance(tx, deps, { membershipId: m.membershipId, teamId, apiOnly: input.apiOnly, person: m.person });
      return 'acceptance_requested';
    }
    if (input.apiOnly) return 'none';
    await sendPasswordLink(tx, m.person, teamId, 'setup');
    return 'password_setup';
  }

  async function recordCreated(tx: Db, caller: Caller, m: { membershipId: string; key: ApiKey; person: PersonRow; newPerson: boolean; emailSent: EmailSent }, input: CreateMemberInput, granted: Granted) {
    await audit.record(tx, {
      actor: caller.actor,
      action: 'member.created',
      entityType: 'membership',
      entityId: m.membershipId,
      masterAccountId: caller.team.teamId,
      details: {
        email: m.person.email,
        newPerson: m.newPerson,
        apiOnly: input.apiOnly,
        description: input.description,
        profileId: granted.profile?.id ?? null,
        permissions: ordered(granted.permissions),
        allAccounts: granted.accounts === 'all',
        accountIds: granted.accounts === 'all' ? [] : [...granted.accounts],
        apiKeyPrefix: m.key.prefix,
        emailSent: m.emailSent,
      },
    });
  }

  /** An edit's permissions and accounts, checked against the grant rule before anything is written. */
  async function planUpdate(tx: Db, team: TeamContext, rec: MemberRecord, input: UpdateMemberInput): Promise<UpdatePlan> {
    const m = rec.membership;
    const current = grantOfRecord(rec);
    const currentSource: PermissionSource = m.profileId ? { profileId: m.profileId } : { profileId: null, permissions: knownPermissions(m.permissions) };
    const source = choosePermissions(input, { source: currentSource, effective: ordered(current.permissions) });
    if (source instanceof Error) throw source;
    const scope = chooseScope(input, 'update');
    if (scope instanceof Error) throw scope;
    const next = source === 'unchanged' ? { permissions: ordered(current.permissions) } : await permissionsOf(tx, team.teamId, source);
    const nextAccounts = scope === 'unchanged' ? current.accounts : await accountsOf(tx, team, scope.allAccounts ? null : scope.accountIds);
    refuseUnless(team, rec, { permissions: next.permissions, accounts: nextAccounts });
    return { current, source, scope, nextPermissions: next.permissions };
  }

  /**
   * The person's names belong to the person once they have a login or other teams. Until
   * someone who existed accepts, the team edits only the names it typed (issue 7).
   */
  async function rename(edit: Edit, teamId: string, input: UpdateMemberInput): Promise<FieldChanges> {
    const { tx, rec } = edit;
    const awaiting = memberStatus(rec.membership) === 'awaiting_acceptance';
    const current = awaiting ? { firstName: rec.membership.typedFirstName ?? '', lastName: rec.membership.typedLastName ?? '' } : rec.user;
    const changes: Record<string, { from: string; to: string }> = {};
    for (const f of ['firstName', 'lastName'] as const) {
      if (input[f] !== undefined && input[f] !== current[f]) changes[f] = { from: current[f], to: input[f]! };
    }
    if (Object.keys(changes).length === 0) return changes;
    if (awaiting) {
      if (changes.firstName) edit.patch.typedFirstName = changes.firstName.to;
      if (changes.lastName) edit.patch.typedLastName = changes.lastName.to;
      return changes;
    }
    if (rec.user.passwordSet || (await repo.otherMembershipCount(tx, rec.user.id, teamId)) > 0) {
      throw teamErrors.names_managed_by_person({ field: Object.keys(changes)[0] });
    }
    await repo.updateUser(tx, rec.user.id, Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.to])));
    return changes;
  }

  /** Names, description and API only: one 'member.updated' entry listing what changed. */
  async function changeDetails(edit: Edit, teamId: string, input: UpdateMemberInput) {
    const m = edit.rec.membership;
    const changes: FieldChanges = { ...(await rename(edit, teamId, input)) };
    if (input.description !== undefined && input.description !== m.description) {
      edit.patch.description = input.description;
      changes.description = { from: m.description, to: input.description };
    }
    if (input.apiOnly !== undefined && input.apiOnly !== m.apiOnly) {
      edit.patch.apiOnly = input.apiOnly;
      changes.apiOnly = { from: m.apiOnly, to: input.apiOnly };
    }
    if (Object.keys(changes).length > 0) await edit.record('member.updated', { fields: Object.keys(changes), changes });
  }

  async function changePermissions(edit: Edit, plan: UpdatePlan) {
    const { source, current, nextPermissions } = plan;
    if (source === 'unchanged') return;
    const m = edit.rec.membership;
    const nextOwn = source.profileId === null ? source.permissions : [];
    if (source.profileId !== m.profileId || !sameSet(nextOwn, knownPermissions(m.permissions))) {
      edit.patch.profileId = source.profileId;
      edit.patch.permissions = ordered(nextOwn);
    }
    if (source.profileId === m.profileId && sameSet(nextPermissions, current.permissions)) return;
    await edit.record('member.permissions_changed', {
      from: { profileId: m.profileId, permissions: ordered(current.permissions) },
      to: { profileId: source.profileId, permissions: ordered(nextPermissions) },
    });
  }

  async function changeScope(edit: Edit, plan: UpdatePlan) {
    const { scope, current } = plan;
    if (scope === 'unchanged') return;
    const before = current.accounts === 'all' ? 'all' : [...current.accounts].sort();
    const after = scope.allAccounts ? 'all' : [...scope.accountIds].sort();
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    edit.patch.allAccounts = scope.allAccounts;
    await repo.replaceScope(edit.tx, edit.rec.membership.id, scope.allAccounts ? [] : scope.accountIds);
    await edit.record('member.scope_changed', { from: before, to: after });
  }

  /** Disabling takes effect at the member's next request (the access check reads it). */
  async function changeEnabled(edit: Edit, input: UpdateMemberInput) {
    if (input.enabled === undefined || input.enabled === edit.rec.membership.enabled) return;
    edit.patch.enabled = input.enabled;
    await edit.record(input.enabled ? 'member.enabled' : 'member.disabled', {});
  }

  /**
   * Someone who becomes a web user without a password needs the TEAM-1 link now. Not someone
   * who has not accepted yet: the acceptance page asks for the password (issue 7).
   */
  async function setUpIfNowWebUser(edit: Edit, teamId: string) {
    const { rec, patch } = edit;
    if (memberStatus(rec.membership) === 'awaiting_acceptance') return;
    if (!(patch.apiOnly === false && !rec.user.passwordSet && (patch.enabled ?? rec.membership.enabled))) return;
    await sendPasswordLink(edit.tx, rec.user, teamId, 'setup');
    await edit.record('member.password_link_sent', { reason: 'no_longer_api_only' });
  }

  function editOf(tx: Db, caller: Caller, rec: MemberRecord): Edit {
    const entry = { actor: caller.actor, entityType: 'membership', entityId: rec.membership.id, masterAccountId: caller.team.teamId };
    return { tx, rec, patch: {}, record: (action, details) => audit.record(tx, { ...entry, action, details: { email: rec.user.email, ...details } }) };
  }

  async function renewKey(caller: Caller, memberId: string, own: boolean) {
    const { team, actor } = caller;
    return db.transaction(async (tx) => {
      const rec = await findMember(tx, team.teamId, memberId);
      if (!own) refuseTouch(team, rec);
      const key = newKey(team.teamId, rec.user.email, now());
      await repo.setApiKey(tx, memberId, key);
      await audit.record(tx, {
        actor,
        action: 'api_key.renewed',
        entityType: 'membership',
        entityId: memberId,
        masterAccountId: team.teamId,
        details: { email: rec.user.email, ...(own ? { own: true } : {}), previousPrefix: rec.membership.apiKeyPrefix, prefix: key.prefix },
      });
      return { apiKey: key.key, apiKeyPrefix: key.prefix, apiKeyCreatedAt: key.createdAt.toISOString() };
    });
  }

  // --- the use cases ----------------------------------------------------------------------

  return {
    async listMembers({ team }: Caller): Promise<MemberView[]> {
      return (await repo.listMembers(db, team.teamId)).map((rec) => memberView(rec, team));
    },

    async getMember({ team }: Caller, memberId: string): Promise<MemberView> {
      return memberView(await findMember(db, team.teamId, memberId), team);
    },

    /**
     * TEAM-1: one e-mail is one person, who may belong to several teams: a new e-mail
     * creates the person (no password) and the member is live at once, with an e-mail to
     * create a password unless API-only. A known e-mail gets a membership awaiting the
     * person's acceptance and the link to accept (issue 7); the answer shows only what the
     * team typed. The member's API key is returned here, once.
     */
    async createMember(caller: Caller, input: CreateMemberInput, locale: Locale) {
      const { team } = caller;
      const request = creationRequest(input);
      return asMember(() =>
        db.transaction(async (tx) => {
          const at = now();
          const granted = await grantAsked(tx, team, request);
          const { person, newPerson } = await personFor(tx, team.teamId, input, locale, at);
          const { membershipId, key } = await insertMember(tx, team.teamId, { person, newPerson }, input, granted, at);
          const emailSent = await welcome(tx, team.teamId, { membershipId, person, newPerson }, input);
          await recordCreated(tx, caller, { membershipId, key, person, newPerson, emailSent }, input, granted);
          const rec = await findMember(tx, team.teamId, membershipId);
          return { member: memberView(rec, team), apiKey: key.key, emailSent };
        }),
      );
    },

    /**
     * TEAM-2: permissions (a profile or a custom set), account scope, enabled, API only,
     * description, and the person's names while the team is the only one that knows them.
     */
    async updateMember(caller: Caller, memberId: string, input: UpdateMemberInput): Promise<MemberView> {
      const { team } = caller;
      return db.transaction(async (tx) => {
        const rec = await findMember(tx, team.teamId, memberId);
        refuseTouch(team, rec);
        const plan = await planUpdate(tx, team, rec, input);
        const edit = editOf(tx, caller, rec);
        await changeDetails(edit, team.teamId, input);
        await changePermissions(edit, plan);
        await changeScope(edit, plan);
        await changeEnabled(edit, input);
        await repo.updateMembership(tx, rec.membership.id, edit.patch);
        await setUpIfNowWebUser(edit, team.teamId);
        return memberView(await findMember(tx, team.teamId, rec.membership.id), team);
      });
    },

    /**
     * TEAM-2: the person stays (other teams, the audit log); only their place here goes, with
     * any acceptance link still out (a person with no password and no team of their own can
     * still sign up: the auth module reuses their row).
     */
    async deleteMember(caller: Caller, memberId: string): Promise<{ memberId: string }> {
      const { team, actor } = caller;
      return db.transaction(async (tx) => {
        const rec = await findMember(tx, team.teamId, memberId);
        refuseTouch(team, rec);
        if (!(await repo.deleteMembership(tx, team.teamId, memberId))) throw teamErrors.member_not_found();
        await links.revoke(tx, { type: 'membership', id: memberId }, acceptanceLink);
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
    async sendPasswordReset(caller: Caller, memberId: string): Promise<{ sentTo: string }> {
      const { team } = caller;
      return db.transaction(async (tx) => {
        const rec = await findMember(tx, team.teamId, memberId);
        refuseTouch(team, rec);
        if (memberStatus(rec.membership) === 'awaiting_acceptance') throw teamErrors.member_awaiting_acceptance();
        if (rec.membership.apiOnly) throw teamErrors.member_api_only();
        const kind = rec.user.passwordSet ? 'reset' : 'setup';
        await sendPasswordLink(tx, rec.user, team.teamId, kind);
        await editOf(tx, caller, rec).record('member.password_link_sent', { reason: kind });
        return { sentTo: rec.user.email };
      });
    },

    /** Issue 7: the link to accept, again (a new one: the earlier e-mail's stops working). */
    async resendAcceptance(caller: Caller, memberId: string): Promise<{ sentTo: string }> {
      const { team } = caller;
      return db.transaction(async (tx) => {
        const rec = await findMember(tx, team.teamId, memberId);
        refuseTouch(team, rec);
        if (memberStatus(rec.membership) !== 'awaiting_acceptance') throw teamErrors.member_already_accepted();
        const m = rec.membership;
        await requestAcceptance(tx, deps, { membershipId: m.id, teamId: team.teamId, apiOnly: m.apiOnly, person: rec.user });
        await editOf(tx, caller, rec).record('member.acceptance_sent', {});
        return { sentTo: rec.user.email };
      });
    },

    /** TEAM-4: a new key for a member; the old one stops working at once. */
    renewMemberKey: (caller: Caller, memberId: string) => renewKey(caller, memberId, false),

    /** TEAM-4: any member (the owner too) renews its own key. */
    renewMyKey: (caller: Caller) => renewKey(caller, caller.team.membershipId, true),

    /** The caller's own place in the team: permissions, scope, tabs (MA-8) and key (TEAM-4). */
    async me({ team }: Caller) {
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
  };
}
