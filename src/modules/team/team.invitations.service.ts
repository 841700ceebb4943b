// Invitations (TEAM-7): a collaborator is invited by name, e-mail and profile, and joins
// by following the e-mailed link (the links service's `team.invitation`: single use,
// replaced when the invitation is sent again, revoked with it). Accepting spends the link
// and moves the invitation from pending to accepted by compare-and-set, in the same
// transaction that creates the membership.
import type { Db } from '../../db/client.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { newId } from '../../kernel/ids.ts';
import { hashSecret } from '../../kernel/secrets.ts';
import { checkPassword } from '../auth/index.ts';
import { apiKeyOf, type ApiKey, type Caller, randomSecrets, type TeamDeps } from './team.context.ts';
import { teamErrors } from './team.errors.ts';
import { accountsOf, asMember, ownerOf, profileIn, refuseUnless } from './team.guards.ts';
import { invitation as invitationMail, invitationAccepted } from './team.mail.ts';
import { createTeamRepository, type InvitationRow, type PersonRow } from './team.repository.ts';
import { fullName, INVITATION_TTL_MS, invitationStatus, knownPermissions, splitName } from './team.rules.ts';
import type { InvitationView } from './team.schemas.ts';
import { invitationView } from './team.views.ts';
import { invitationLink } from './team.links.ts';

export type InvitationsService = ReturnType<typeof createInvitationsService>;

type AcceptInput = { password?: string; firstName?: string; lastName?: string };
type Joined = { membershipId: string; key: ApiKey; accountIds: string[] | null };

export function createInvitationsService(deps: TeamDeps) {
  const repo = createTeamRepository();
  const { clock, mailer, audit, config, links } = deps;
  const secrets = deps.secrets ?? randomSecrets;
  const db = deps.database.db;
  const now = () => clock.now();
  // The web app's Users tab (web/src/ui/tabs.ts); the team in use is chosen there.
  const usersPage = () => `${config.baseUrl}/users`;

  // --- steps of the use cases ----------------------------------------------------------

  /** To someone who has not accepted anything: no text the inviter typed (issue 7, finding 13); the link's page shows the profile. */
  async function sendInvitation(tx: Db, teamId: string, inviterId: string, input: { email: string; locale: Locale; token: string }) {
    const owner = await ownerOf(tx, teamId);
    const inviter = await repo.findPersonById(tx, inviterId);
    await mailer.enqueue(tx, {
      template: invitationMail,
      params: {
        teamOwnerName: fullName(owner),
        inviterName: inviter ? fullName(inviter) : fullName(owner),
        url: `${config.baseUrl}/invitations/${input.token}`,
      },
      to: input.email,
      locale: input.locale,
    });
  }

  /** Someone already in the team is not invited again; returns the person if the address has a login. */
  async function refuseIfMember(tx: Db, teamId: string, email: string): Promise<PersonRow | null> {
    const person = await repo.findPersonByEmail(tx, email);
    if (person && (await repo.findMemberByUser(tx, teamId, person.id))) throw teamErrors.already_member({ field: 'email' });
    return person;
  }

  /** A pending invitation of this team, still bounded like a grant (the caller may be a Manage-Users member). */
  async function pendingIn(tx: Db, caller: Caller, invitationId: string) {
    const found = await repo.findInvitation(tx, caller.team.teamId, invitationId);
    if (!found) throw teamErrors.invitation_not_found();
    const inv = found.invitation;
    if (inv.status !== 'pending') throw teamErrors.invitation_not_pending();
    refuseUnless(caller.team, null, { permissions: knownPermissions(found.profilePermissions), accounts: inv.accountIds ? new Set(inv.accountIds) : 'all' });
    return found;
  }

  /** The invitation behind a link; a link replaced by a newer e-mail, or unknown, is invalid. */
  async function invitationOfLink(token: string) {
    const { status, link } = await links.inspect(db, invitationLink, token);
    const found = link ? await repo.findInvitationById(db, link.about) : null;
    // A link revoked while its invitation is still pending was replaced by a resend.
    if (!found || (status === 'revoked' && found.invitation.status === 'pending')) throw teamErrors.invitation_invalid();
    return found;
  }

  /** The invitation behind a link, refused unless it can still be accepted. */
  async function acceptableByToken(token: string) {
    const found = await invitationOfLink(token);
    const status = invitationStatus(found.invitation, now());
    if (status === 'expired') throw teamErrors.invitation_expired();
    if (status === 'accepted') throw teamErrors.invitation_used();
    if (status === 'revoked') throw teamErrors.invitation_revoked();
    return found;
  }

  /** MA-3: someone without a password creates one to accept (hashed before the transaction: it is slow). */
  async function newPasswordHash(email: string, input: AcceptInput): Promise<string | null> {
    const existing = await repo.findPersonByEmail(db, email);
    if (existing?.passwordSet) return null; // an invitation never changes an existing password
    if (!input.password) throw teamErrors.password_required({ field: 'password' });
    const check = checkPassword(input.password);
    if (!check.ok) throw teamErrors.password_policy({ field: 'password', details: { failed: check.failed } });
    return hashSecret(input.password);
  }

  /** The invitee as a person: created, or given the password just chosen; a login is left as it is. */
  async function inviteePerson(tx: Db, inv: InvitationRow, input: AcceptInput, locale: Locale, passwordHash: string | null, at: Date) {
    const email = inv.email;
    const person = await repo.findPersonByEmail(tx, email);
    if (!person) {
      const fromInvitation = splitName(inv.name);
      const firstName = input.firstName ?? (fromInvitation.firstName || email.split('@')[0]);
      const created: PersonRow = { id: newId(), email, firstName, lastName: input.lastName ?? fromInvitation.lastName, locale, passwordSet: true };
      await repo.insertUser(tx, { ...created, passwordHash, createdAt: at });
      return { person: created, passwordCreated: true };
    }
    if (person.passwordSet || !passwordHash) return { person, passwordCreated: false };
    await repo.updateUser(tx, person.id, {
      passwordHash,
      ...(input.firstName ? { firstName: input.firstName } : {}),
      ...(input.lastName !== undefined ? { lastName: input.lastName } : {}),
    });
    return { person, passwordCreated: true };
  }

  /** The membership the invitation promised, with its first API key. Accounts unlinked since it was sent are not granted. */
  async function joinTeam(tx: Db, inv: InvitationRow, person: PersonRow, at: Date): Promise<Joined> {
    const teamId = inv.masterAccountId;
    if (await repo.findMemberByUser(tx, teamId, person.id)) throw teamErrors.already_member({ field: 'email' });
    const accountIds = inv.accountIds ? [...(await repo.linkedAccountIds(tx, teamId, inv.accountIds))] : null;
    const membershipId = newId();
    const key = apiKeyOf(secrets.apiKey({ teamId, email: person.email }), at);
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
    return { membershipId, key, accountIds };
  }

  /** Whoever follows the link acts through the invited mailbox. */
  async function recordAccepted(tx: Db, inv: InvitationRow, joined: Joined, who: { person: PersonRow; passwordCreated: boolean; ip: string | null }) {
    const { email } = inv;
    const entry = { actor: { userId: who.person.id, label: email, via: 'link' as const, ip: who.ip }, masterAccountId: inv.masterAccountId };
    await audit.record(tx, {
      ...entry,
      action: 'invitation.accepted',
      entityType: 'invitation',
      entityId: inv.id,
      details: { email, membershipId: joined.membershipId, passwordCreated: who.passwordCreated },
    });
    await audit.record(tx, {
      ...entry,
      action: 'member.created',
      entityType: 'membership',
      entityId: joined.membershipId,
      details: {
        email,
        viaInvitation: inv.id,
        profileId: inv.profileId,
        allAccounts: joined.accountIds === null,
        accountIds: joined.accountIds ?? [],
        apiKeyPrefix: joined.key.prefix,
      },
    });
  }

  /** The inviter (the owner, if the inviter is gone) hears that the invitation was accepted; returns the owner. */
  async function tellInviter(tx: Db, inv: InvitationRow, invitee: PersonRow, profileName: string): Promise<PersonRow> {
    const owner = await ownerOf(tx, inv.masterAccountId);
    const inviter = (inv.invitedByUserId && (await repo.findPersonById(tx, inv.invitedByUserId))) || owner;
    await mailer.enqueue(tx, {
      template: invitationAccepted,
      params: { name: inviter.firstName, inviteeName: fullName(invitee) || inv.email, inviteeEmail: inv.email, profileName, url: usersPage() },
      to: inviter.email,
      locale: inviter.locale,
    });
    return owner;
  }

  // --- the use cases ----------------------------------------------------------------------

  return {
    async listInvitations({ team }: Caller): Promise<InvitationView[]> {
      return (await repo.listInvitations(db, team.teamId)).map((r) => invitationView(r, team, now()));
    },

    /** Bounded like a grant: the profile's permissions and the accounts must be the caller's. */
    async createInvitation(caller: Caller, input: { email: string; name: string; profileId: string; accountIds?: string[] | null }, locale: Locale): Promise<InvitationView> {
      const { team, actor, userId } = caller;
      return db.transaction(async (tx) => {
        const at = now();
        const profile = await profileIn(tx, team.teamId, input.profileId);
        const accountIds = input.accountIds ? [...new Set(input.accountIds)] : null;
        refuseUnless(team, null, { permissions: knownPermissions(profile.permissions), accounts: await accountsOf(tx, team, accountIds) });
        const person = await refuseIfMember(tx, team.teamId, input.email);
        if (await repo.findPendingInvitationFor(tx, team.teamId, input.email, at)) throw teamErrors.invitation_pending({ field: 'email' });

        const row: InvitationRow = {
          id: newId(),
          masterAccountId: team.teamId,
          email: input.email,
          name: input.name,
          profileId: profile.id,
          accountIds,
          status: 'pending',
          expiresAt: new Date(at.getTime() + INVITATION_TTL_MS),
          invitedByUserId: userId,
          createdAt: at,
          acceptedAt: null,
        };
        await repo.insertInvitation(tx, row);
        const token = await links.issue(tx, invitationLink, { about: row.id, token: secrets.invitationToken({ teamId: team.teamId, email: input.email }) });
        await sendInvitation(tx, team.teamId, userId, { email: input.email, locale: person?.locale ?? locale, token });
        await audit.record(tx, {
          actor,
          action: 'invitation.created',
          entityType: 'invitation',
          entityId: row.id,
          masterAccountId: team.teamId,
          details: { email: input.email, name: input.name, profileId: profile.id, profileName: profile.name, allAccounts: accountIds === null, accountIds: accountIds ?? [] },
        });
        return invitationView({ invitation: row, profileName: profile.name }, team, now());
      });
    },

    /** A new token and 7 more days; the link of the earlier e-mail stops working. */
    async resendInvitation(caller: Caller, invitationId: string, locale: Locale): Promise<InvitationView> {
      const { team, actor, userId } = caller;
      return db.transaction(async (tx) => {
        const found = await pendingIn(tx, caller, invitationId);
        const inv = found.invitation;
        const person = await refuseIfMember(tx, team.teamId, inv.email);
        // An expired invitation may have been replaced by a newer one: one live invitation per address.
        const live = await repo.findPendingInvitationFor(tx, team.teamId, inv.email, now());
        if (live && live.id !== inv.id) throw teamErrors.invitation_pending({ field: 'email' });

        const expiresAt = new Date(now().getTime() + INVITATION_TTL_MS);
        if (!(await repo.renewInvitation(tx, inv.id, expiresAt))) throw teamErrors.invitation_not_pending();
        // The new link replaces the earlier e-mail's, which stops working.
        const token = await links.issue(tx, invitationLink, { about: inv.id });
        await sendInvitation(tx, team.teamId, userId, { email: inv.email, locale: person?.locale ?? locale, token });
        await audit.record(tx, {
          actor,
          action: 'invitation.resent',
          entityType: 'invitation',
          entityId: inv.id,
          masterAccountId: team.teamId,
          details: { email: inv.email, expiresAt: expiresAt.toISOString() },
        });
        return invitationView({ invitation: { ...inv, expiresAt }, profileName: found.profileName }, team, now());
      });
    },

    async revokeInvitation(caller: Caller, invitationId: string): Promise<InvitationView> {
      const { team, actor } = caller;
      return db.transaction(async (tx) => {
        const found = await pendingIn(tx, caller, invitationId);
        const inv = found.invitation;
        if (!(await repo.revokeInvitation(tx, inv.id))) throw teamErrors.invitation_not_pending();
        await links.revoke(tx, { type: 'invitation', id: inv.id });
        await audit.record(tx, { actor, action: 'invitation.revoked', entityType: 'invitation', entityId: inv.id, masterAccountId: team.teamId, details: { email: inv.email } });
        return invitationView({ invitation: { ...inv, status: 'revoked' }, profileName: found.profileName }, team, now());
      });
    },

    /** What the invitation page shows, whatever the invitation's state. */
    async invitationInfo(token: string) {
      const found = await invitationOfLink(token);
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
    async acceptInvitation(token: string, input: AcceptInput, client: { ip: string | null; locale: Locale }) {
      const found = await acceptableByToken(token);
      const passwordHash = await newPasswordHash(found.invitation.email, input);
      return asMember(() =>
        db.transaction(async (tx) => {
          const at = now();
          const link = await links.use(tx, invitationLink, token);
          const inv = link ? await repo.acceptInvitation(tx, link.about, at) : null;
          if (!inv) throw teamErrors.invitation_used(); // another click won the race
          const { person, passwordCreated } = await inviteePerson(tx, inv, input, client.locale, passwordHash, at);
          const joined = await joinTeam(tx, inv, person, at);
          await recordAccepted(tx, inv, joined, { person, passwordCreated, ip: client.ip });
          const owner = await tellInviter(tx, inv, person, found.profileName);
          return { status: 'accepted' as const, teamId: inv.masterAccountId, teamOwnerName: fullName(owner), email: inv.email, passwordCreated };
        }),
      );
    },
  };
}
