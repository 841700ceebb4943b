// Issue 7, finding 6: someone who already exists (a login, other teams, or just an earlier
// record) joins a team only by accepting. Adding them creates the membership *awaiting
// acceptance* (`accepted_at` null: the access module's isLive does not count it) and e-mails
// them a single-use link of the team's `team.acceptance` purpose, about the membership
// (replaced by a resend, revoked when the membership is deleted). Following it makes the
// membership live; a web place of someone without a password asks for one there (MA-3).
// Until then the team sees only what it typed (team.views.ts).
import type { Db } from '../../db/client.ts';
import { hashSecret } from '../../kernel/secrets.ts';
import { checkPassword } from '../auth/index.ts';
import type { TeamDeps } from './team.context.ts';
import { teamErrors } from './team.errors.ts';
import { ownerOf } from './team.guards.ts';
import { acceptanceLink } from './team.links.ts';
import { membershipAcceptance } from './team.mail.ts';
import { createTeamRepository, type MemberRecord, type PersonRow } from './team.repository.ts';
import { fullName } from './team.rules.ts';

export type AcceptanceService = ReturnType<typeof createAcceptanceService>;

/** What the page of the link may show: nothing the team typed, nothing stored about the person but their address. */
export interface AcceptanceInfo {
  status: 'pending';
  teamOwnerName: string;
  email: string;
  apiOnly: boolean;
  needsPassword: boolean;
}

/**
 * A new acceptance link for the membership, e-mailed in the person's own language; the
 * earlier one stops working. The e-mail carries no text the team typed (finding 13).
 */
export async function requestAcceptance(
  tx: Db,
  deps: Pick<TeamDeps, 'links' | 'mailer' | 'config'>,
  m: { membershipId: string; teamId: string; apiOnly: boolean; person: Pick<PersonRow, 'email' | 'locale'> },
): Promise<void> {
  const token = await deps.links.issue(tx, acceptanceLink, { about: m.membershipId });
  const owner = await ownerOf(tx, m.teamId);
  await deps.mailer.enqueue(tx, {
    template: membershipAcceptance,
    params: { teamOwnerName: fullName(owner), access: m.apiOnly ? 'api' : 'web', url: `${deps.config.baseUrl}/join/${token}` },
    to: m.person.email,
    locale: m.person.locale,
  });
}

export function createAcceptanceService(deps: TeamDeps) {
  const repo = createTeamRepository();
  const { clock, audit, links } = deps;
  const db = deps.database.db;

  const needsPassword = (rec: MemberRecord) => !rec.membership.apiOnly && !rec.user.passwordSet;

  /** The membership behind a link, refused unless it still awaits acceptance. */
  async function awaitingByToken(token: string): Promise<MemberRecord> {
    const { status, link } = await links.inspect(db, acceptanceLink, token);
    if (!link || status === 'invalid') throw teamErrors.acceptance_invalid();
    const rec = await repo.findMemberById(db, link.about);
    if (status === 'used' || (rec && rec.membership.acceptedAt !== null)) throw teamErrors.acceptance_used();
    if (!rec) throw teamErrors.acceptance_revoked(); // the team deleted the membership (which revoked the link)
    if (status === 'revoked') throw teamErrors.acceptance_invalid(); // replaced by a newer e-mail
    if (status === 'expired') throw teamErrors.acceptance_expired();
    return rec;
  }

  /** MA-3: a web place for someone without a password needs one (hashed before the transaction: it is slow). */
  async function newPasswordHash(rec: MemberRecord, password: string | undefined): Promise<string | null> {
    if (!needsPassword(rec)) return null; // accepting never changes an existing password; any sent is ignored
    if (!password) throw teamErrors.password_required({ field: 'password' });
    const check = checkPassword(password);
    if (!check.ok) throw teamErrors.password_policy({ field: 'password', details: { failed: check.failed } });
    return hashSecret(password);
  }

  return {
    /** What the page of the link shows; a link that can no longer be accepted answers its own error. */
    async acceptanceInfo(token: string): Promise<AcceptanceInfo> {
      const rec = await awaitingByToken(token);
      const owner = await ownerOf(db, rec.membership.masterAccountId);
      return { status: 'pending', teamOwnerName: fullName(owner), email: rec.user.email, apiOnly: rec.membership.apiOnly, needsPassword: needsPassword(rec) };
    },

    /**
     * The e-mailed token proves the address. Spending the link and accepting (compare-and-set
     * on `accepted_at`) happen in one transaction: only one click ever accepts.
     */
    async acceptMembership(token: string, input: { password?: string }, client: { ip: string | null }) {
      const rec = await awaitingByToken(token);
      const passwordHash = await newPasswordHash(rec, input.password);
      return db.transaction(async (tx) => {
        const at = clock.now();
        const link = await links.use(tx, acceptanceLink, token);
        const m = link ? await repo.acceptMembership(tx, link.about, at) : null;
        if (!m) throw teamErrors.acceptance_used(); // another click won the race
        let passwordCreated = false;
        const person = await repo.findPersonById(tx, m.userId);
        if (passwordHash && person && !person.passwordSet) {
          await repo.updateUser(tx, m.userId, { passwordHash });
          passwordCreated = true;
        }
        const email = rec.user.email;
        await audit.record(tx, {
          actor: { userId: m.userId, label: email, via: 'link', ip: client.ip },
          action: 'member.accepted',
          entityType: 'membership',
          entityId: m.id,
          masterAccountId: m.masterAccountId,
          details: { email, passwordCreated },
        });
        const owner = await ownerOf(tx, m.masterAccountId);
        return { status: 'accepted' as const, teamId: m.masterAccountId, teamOwnerName: fullName(owner), email, apiOnly: m.apiOnly, passwordCreated };
      });
    },
  };
}
