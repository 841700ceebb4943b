// My profile (issue 7): what a signed-in person changes about their own login: name,
// e-mail language, password, PIN and security questions, and which of their sessions stay
// open; and what they read about themselves (sessions, API keys per team). Every change is
// audited with the person as the actor and e-mailed to them, in their e-mail language, in
// the transaction of the change. Changes of secrets ask for the current password, and a
// wrong one counts toward the person's sign-in throttle, like a wrong login.
import { apiAllows } from '../../kernel/access/access.rules.ts';
import type { AuditActor } from '../../kernel/audit/index.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { hashSecret, verifySecret } from '../../kernel/secrets.ts';
import { accessErrors, type Channel, liveMemberships } from '../access/index.ts';
import { authErrors } from './auth.errors.ts';
import { type ChangeOrigin, passwordChanged, type ProfileChanges, profileChanged, securityChanged } from './auth.profile.mail.ts';
import { profileErrors } from './auth.profile.errors.ts';
import { createProfileRepository } from './auth.profile.repository.ts';
import { describeDevice, securityProblem, sessionRef, summarizeUserAgent } from './auth.profile.rules.ts';
import { createAuthRepository, type UserRow } from './auth.repository.ts';
import { checkPassword, normalizeAnswer, type SecurityQuestionId } from './password.rules.ts';

/** Who asks, as the routes read it off the request (request.access and the client). */
export interface ProfileCaller {
  userId: string;
  via: 'session' | 'api_key';
  /** The current session's id (SHA-256 of the cookie); null by API key. */
  sessionId: string | null;
  keyMembershipId: string | null;
  /** auditActorOf(request.access): the person, through this session or key, from this address. */
  actor: AuditActor;
  userAgent: string | null;
}

export interface NameAndLanguage {
  firstName?: string;
  lastName?: string;
  /** The e-mail language (users.locale; docs/decisions.md "E-mail language"). */
  locale?: Locale;
}

export interface SecurityChange {
  currentPassword: string;
  pin: string;
  questions: Array<{ questionId: SecurityQuestionId; answer: string; hint: string }>;
}

const fullName = (u: { firstName: string; lastName: string }) => `${u.firstName} ${u.lastName}`.trim();

/** "2026-01-05 12:00 UTC": e-mails name the instant in UTC (a person has no time zone of their own). */
const utcMinute = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export type ProfileService = ReturnType<typeof createProfileService>;

export function createProfileService(deps: Pick<AppDeps, 'database' | 'clock' | 'mailer' | 'audit' | 'config'>) {
  const auth = createAuthRepository();
  const repo = createProfileRepository();
  const { clock, mailer, audit, config } = deps;
  const db = deps.database.db;

  async function personOf(caller: ProfileCaller): Promise<UserRow> {
    const user = await auth.findUserById(db, caller.userId);
    // The access check found this person a moment ago; gone since means deleted meanwhile.
    if (!user) throw accessErrors.not_authenticated();
    return user;
  }

  /**
   * The current password, checked like a login's: one guess reserved on the person before
   * the check (a locked person answers like a wrong password, whatever the device: there is
   * no second step here to fall back on), given back when right.
   */
  async function assertCurrentPassword(user: UserRow, password: string): Promise<void> {
    const reserved = await auth.reserveGuess(db, user.id, clock.now(), false);
    const ok = await verifySecret(reserved !== null ? user.passwordHash : null, password);
    if (!ok) throw profileErrors.wrong_current_password({ field: 'currentPassword' });
    await auth.releaseGuess(db, user.id);
  }

  function originOf(caller: ProfileCaller, locale: Locale): ChangeOrigin {
    return {
      when: utcMinute(clock.now()),
      device: describeDevice(summarizeUserAgent(caller.userAgent), locale),
      ip: caller.actor.ip ?? '—',
    };
  }

  const links = {
    reset: () => `${config.baseUrl}/password/forgot`,
    profile: () => `${config.baseUrl}/profile`,
  };

  return {
    /** PATCH /me: name and e-mail language. Only what really changes is saved, audited and told. */
    async updateMe(caller: ProfileCaller, patch: NameAndLanguage): Promise<void> {
      const user = await personOf(caller);
      const next = { firstName: patch.firstName ?? user.firstName, lastName: patch.lastName ?? user.lastName };
      const nameChanged = next.firstName !== user.firstName || next.lastName !== user.lastName;
      const languageChanged = patch.locale !== undefined && patch.locale !== user.locale;
      if (!nameChanged && !languageChanged) return;
      const locale = patch.locale ?? user.locale;
      const changes: ProfileChanges = {};
      await db.transaction(async (tx) => {
        await auth.updateUser(tx, user.id, { ...(nameChanged ? next : {}), ...(languageChanged ? { locale } : {}) });
        if (nameChanged) {
          changes.name = fullName(next);
          await audit.record(tx, {
            actor: caller.actor,
            action: 'user.name_changed',
            entityType: 'user',
            entityId: user.id,
            details: { from: fullName(user), to: changes.name },
          });
        }
        if (languageChanged) {
          changes.emailLanguage = { from: user.locale, to: locale };
          await audit.record(tx, { actor: caller.actor, action: 'user.email_language_changed', entityType: 'user', entityId: user.id, details: { from: user.locale, to: locale } });
        }
        // In the e-mail language from now on: the message itself shows the new choice works.
        await mailer.enqueue(tx, {
          template: profileChanged,
          params: { name: next.firstName, changes, profileUrl: links.profile(), ...originOf(caller, locale) },
          to: user.email,
          locale,
        });
      });
    },

    /** MA-3 from My profile: the current password, then the policy; other sessions end. */
    async changePassword(caller: ProfileCaller, currentPassword: string, newPassword: string): Promise<void> {
      const policy = checkPassword(newPassword);
      if (!policy.ok) throw authErrors.password_policy({ field: 'newPassword', details: { failed: policy.failed } });
      const user = await personOf(caller);
      await assertCurrentPassword(user, currentPassword);
      const passwordHash = await hashSecret(newPassword);
      await db.transaction(async (tx) => {
        await auth.updateUser(tx, user.id, { passwordHash, failedLogins: 0, lockedUntil: null });
        await auth.deleteSessionsOf(tx, user.id, caller.sessionId ?? undefined);
        await audit.record(tx, { actor: caller.actor, action: 'user.password_changed', entityType: 'user', entityId: user.id });
        await mailer.enqueue(tx, {
          template: passwordChanged,
          params: { name: user.firstName, resetUrl: links.reset(), ...originOf(caller, user.locale) },
          to: user.email,
          locale: user.locale,
        });
      });
    },

    /** What My profile shows of the second step: whether a PIN is set, and which two questions. */
    async security(caller: ProfileCaller) {
      const user = await personOf(caller);
      return { pinSet: user.pinHash !== null, questionIds: user.securityQuestions.map((q) => q.questionId) };
    },

    /**
     * MA-1's PIN and two questions, replaced together (a person who had none, a member, sets
     * them here, and is asked for them from then on). Pending second steps are dropped: they
     * asked a question that may no longer be on record.
     */
    async changeSecurity(caller: ProfileCaller, input: SecurityChange): Promise<void> {
      const problem = securityProblem(input);
      if (problem) throw authErrors[problem.code]({ field: problem.field });
      const user = await personOf(caller);
      await assertCurrentPassword(user, input.currentPassword);
      const [pinHash, answerHashes] = await Promise.all([
        hashSecret(input.pin),
        Promise.all(input.questions.map((q) => hashSecret(normalizeAnswer(q.answer)))),
      ]);
      const securityQuestions = input.questions.map((q, i) => ({ questionId: q.questionId, answerHash: answerHashes[i]!, hint: q.hint.trim() }));
      await db.transaction(async (tx) => {
        await auth.updateUser(tx, user.id, { pinHash, securityQuestions });
        await auth.deleteChallengesOf(tx, user.id);
        await audit.record(tx, {
          actor: caller.actor,
          action: 'user.security_changed',
          entityType: 'user',
          entityId: user.id,
          details: { questions: securityQuestions.map((q) => q.questionId) },
        });
        await mailer.enqueue(tx, {
          template: securityChanged,
          params: { name: user.firstName, resetUrl: links.reset(), ...originOf(caller, user.locale) },
          to: user.email,
          locale: user.locale,
        });
      });
    },

    /** The person's open sessions, this one first; each by an opaque reference. */
    async listSessions(caller: ProfileCaller) {
      const rows = await repo.liveSessionsOf(db, caller.userId, clock.now());
      const sessions = rows.map((row) => ({
        id: sessionRef(row.id),
        current: row.id === caller.sessionId,
        ...summarizeUserAgent(row.userAgent),
        ip: row.ip,
        createdAt: row.createdAt.toISOString(),
        lastSeenAt: row.lastSeenAt.toISOString(),
      }));
      sessions.sort((a, b) => Number(b.current) - Number(a.current));
      return { sessions };
    },

    /** Logs out one other session of the person ("log out everywhere" is auth's own route). */
    async endSession(caller: ProfileCaller, ref: string): Promise<void> {
      const rows = await repo.liveSessionsOf(db, caller.userId, clock.now());
      const row = rows.find((r) => sessionRef(r.id) === ref);
      if (!row) throw profileErrors.session_not_found();
      if (row.id === caller.sessionId) throw profileErrors.session_is_current();
      await db.transaction(async (tx) => {
        if (!(await repo.deleteSessionOf(tx, caller.userId, row.id))) throw profileErrors.session_not_found();
        const device = summarizeUserAgent(row.userAgent);
        await audit.record(tx, {
          actor: caller.actor,
          action: 'user.session_revoked',
          entityType: 'session',
          entityId: ref,
          details: { browser: device.browser, os: device.os, ip: row.ip },
        });
      });
    },

    /** The person's API key in each team they reach on this channel (TEAM-4), with its last use. */
    async listApiKeys(caller: ProfileCaller) {
      const channel: Channel = caller.via === 'api_key' ? { via: 'api_key', membershipId: caller.keyMembershipId! } : { via: 'session' };
      const live = await liveMemberships(db, caller.userId, channel);
      const owners = await auth.teamOwners(db, live.map((f) => f.membership.masterAccountId));
      const iso = (d: Date | null) => d?.toISOString() ?? null;
      const keys = live.map(({ membership: m, grant }) => {
        const owner = owners.get(m.masterAccountId);
        return {
          teamId: m.masterAccountId,
          membershipId: m.id,
          role: m.role,
          ownerName: owner ? fullName(owner) : '',
          apiAccess: apiAllows(grant, 'POST') ? ('read_write' as const) : apiAllows(grant, 'GET') ? ('read' as const) : ('none' as const),
          apiKeyPrefix: m.apiKeyPrefix,
          apiKeyCreatedAt: iso(m.apiKeyCreatedAt),
          apiKeyLastUsedAt: iso(m.apiKeyLastUsedAt),
        };
      });
      keys.sort((a, b) => (a.role === b.role ? a.ownerName.localeCompare(b.ownerName) : a.role === 'owner' ? -1 : 1));
      return { keys };
    },
  };
}
