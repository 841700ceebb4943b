// Sign-up of master accounts (MA-1, MA-2), login with its second step (MA-4),
// sessions, password set and reset, and "who am I" with every team (TEAM-9).
import type { AppDeps } from '../../kernel/deps.ts';
import type { Db } from '../../db/client.ts';
import { visibleTabs } from '../../kernel/access/access.rules.ts';
import type { AuditActor } from '../../kernel/audit/index.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { newId, randomToken, sha256 } from '../../kernel/ids.ts';
import { hashSecret, verifySecret } from '../../kernel/secrets.ts';
import { type Channel, liveMemberships, SESSION_TTL_MS } from '../access/index.ts';
import { type AccountCurrency, accountsErrors, createAccountCredentials, createAccountOpening, type NewAccount } from '../accounts/index.ts';
import { isAppError } from '../../kernel/errors.ts';
import { authErrors } from './auth.errors.ts';
import { passwordReset, signupAttempt, signupConfirmation } from './auth.mail.ts';
import { createAuthRepository, type UserRow } from './auth.repository.ts';
import { maskEmail } from '../../kernel/privacy.ts';
import { CHALLENGE_MAX_ATTEMPTS, CHALLENGE_TTL_MS, CHALLENGES_PER_HOUR, chooseQuestion, needsSecondStep, RESET_LINK_MAX_TRIES, signupStanding, type SignupStanding } from './auth.rules.ts';
import { securityProblem } from './auth.profile.rules.ts';
import { type LinkPurpose, type LinkStatus } from '../../kernel/links/index.ts';
import { passwordResetLink, passwordSetLink, signupConfirmLink, type SignupPayload } from './auth.links.ts';
import { checkPassword, normalizeAnswer, type SecurityQuestionId } from './password.rules.ts';

export interface SignupInput {
  email: string;
  firstName: string;
  lastName: string;
  locale: Locale;
  questions: Array<{ questionId: SecurityQuestionId; answer: string; hint: string }>;
  pin: string;
  /** ACC-2: open this seller account (created when the link is followed)… */
  newAccount?: { username: string; timeZone: string; locale?: Locale | undefined; currency: string } | undefined;
  /** …or link this existing one, proved by its credentials (MA-1). */
  accountUsername?: string | undefined;
  accountPassword?: string | undefined;
}

/** The seller account a sign-up opens or links: what its e-mail and audit name, what its link carries. */
interface FirstAccount {
  nickname: string;
  accountId: string | null;
  payload: Partial<SignupPayload>;
}

/** What a sign-up has checked and hashed by the time it writes (nothing of it is stored on the person yet). */
interface CheckedSignup {
  email: string;
  input: SignupInput;
  opening: NewAccount | null;
  first: FirstAccount;
  secrets: { pinHash: string; questions: Array<{ questionId: string; answerHash: string; hint: string }> };
}

/** MA-1's secrets and the name typed, carried by the confirmation link until it is followed. */
function personOf(payload: SignupPayload): Partial<Pick<UserRow, 'pinHash' | 'securityQuestions' | 'firstName' | 'lastName' | 'locale'>> {
  if (!payload.pinHash || !payload.questions) return {}; // a link from before the secrets moved into it
  const locale = payload.locale === 'en' || payload.locale === 'es' ? payload.locale : undefined;
  return {
    pinHash: payload.pinHash,
    securityQuestions: JSON.parse(payload.questions) as UserRow['securityQuestions'],
    firstName: payload.firstName,
    lastName: payload.lastName,
    locale,
  };
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
  /** The long-lived device cookie, when the browser has one. */
  deviceToken: string | undefined;
  /** The current session cookie, replaced at login (no session fixation). */
  sessionToken: string | undefined;
}

export interface NewSession {
  token: string;
  csrf: string;
  expiresAt: Date;
  deviceToken: string;
}

export type LoginResult =
  | { kind: 'session'; session: NewSession; userId: string }
  | { kind: 'second_step'; challengeId: string; questionId: string; hint: string; deviceToken: string };


/** What a link page shows: a link replaced by a newer one reads as used. */
export type TokenStatus = 'valid' | 'expired' | 'used' | 'invalid';
const shown = (status: LinkStatus): TokenStatus => (status === 'revoked' ? 'used' : status);

const linkOf = (purpose: 'password_reset' | 'password_set'): LinkPurpose<{ questionId?: string }> =>
  purpose === 'password_reset' ? passwordResetLink : passwordSetLink;

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: Pick<AppDeps, 'database' | 'clock' | 'mailer' | 'audit' | 'config' | 'links'>) {
  const repo = createAuthRepository();
  const { clock, mailer, audit, config, links } = deps;
  const accountCredentials = createAccountCredentials(deps);
  const accountOpening = createAccountOpening(deps);
  const db = deps.database.db;
  const now = () => clock.now();

  function assertPassword(password: string) {
    const result = checkPassword(password);
    if (!result.ok) throw authErrors.password_policy({ field: 'password', details: { failed: result.failed } });
  }

  function actorFor(user: Pick<UserRow, 'id' | 'email'>, client: ClientInfo | null, via: AuditActor['via'] = 'session'): AuditActor {
    return { userId: user.id, label: user.email, via, ip: client?.ip ?? null };
  }

  async function startSession(tx: Db, user: UserRow, client: ClientInfo): Promise<NewSession> {
    const at = now();
    if (client.sessionToken) await repo.deleteSession(tx, sha256(client.sessionToken));
    const token = randomToken();
    const csrf = randomToken(16);
    const expiresAt = new Date(at.getTime() + SESSION_TTL_MS);
    await repo.insertSession(tx, {
      id: sha256(token),
      userId: user.id,
      csrfToken: csrf,
      createdAt: at,
      lastSeenAt: at,
      expiresAt,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    const deviceToken = client.deviceToken ?? randomToken();
    await repo.rememberDevice(tx, user.id, sha256(deviceToken), at);
    await repo.updateUser(tx, user.id, { failedLogins: 0, lockedUntil: null });
    return { token, csrf, expiresAt, deviceToken };
  }

  async function tokenStatus<P extends Record<string, string>>(raw: string, purpose: LinkPurpose<P>) {
    const { status, link } = await links.inspect(db, purpose, raw);
    return { link, status: shown(status) };
  }

  function throwForStatus(status: TokenStatus): never {
    if (status === 'expired') throw authErrors.token_expired();
    if (status === 'used') throw authErrors.token_used();
    throw authErrors.token_invalid();
  }

  /**
   * A login is usable on the web when the person holds a live web place; the access module's one
   * function (liveMemberships) says which places are live. Refused, the answer says why: a place
   * live only by its own key is an API-only one.
   */
  async function webAccess(dbOrTx: Db, userId: string): Promise<'ok' | 'api_only' | 'disabled'> {
    if ((await liveMemberships(dbOrTx, userId, { via: 'session' })).length > 0) return 'ok';
    for (const membershipId of await repo.membershipIdsOf(dbOrTx, userId)) {
      if ((await liveMemberships(dbOrTx, userId, { via: 'api_key', membershipId })).length > 0) return 'api_only';
    }
    return 'disabled';
  }
  /** A second-step challenge: at most CHALLENGES_PER_HOUR an hour, asking the question still pending. */
  async function openChallenge(user: UserRow, deviceToken: string) {
    const at = now();
    const recent = await repo.recentChallenges(db, user.id, new Date(at.getTime() - 3_600_000));
    if (recent.count >= CHALLENGES_PER_HOUR) throw authErrors.too_many_challenges();
    const q = chooseQuestion(user.securityQuestions, recent.pendingQuestionId, Math.random);
    const challengeId = randomToken();
    await repo.insertChallenge(db, {
      id: sha256(challengeId),
      userId: user.id,
      questionId: q.questionId,
      deviceHash: sha256(deviceToken),
      expiresAt: new Date(at.getTime() + CHALLENGE_TTL_MS),
      createdAt: at,
    });
    return { challengeId, questionId: q.questionId, hint: q.hint };
  }

  /** The question a password link asks, when it must (a PIN on record; a reset, or a password already set). */
  function verificationQuestion(user: UserRow, purpose: 'password_reset' | 'password_set', questionId: string | undefined) {
    if (!user.pinHash || user.securityQuestions.length === 0) return null;
    if (purpose === 'password_set' && !user.passwordHash) return null; // a first password: nothing to protect yet
    return chooseQuestion(user.securityQuestions, questionId ?? null, () => 0);
  }

  const hasWebAccess = async (dbOrTx: Db, userId: string) => (await webAccess(dbOrTx, userId)) === 'ok';

  /** Sign-up's first account: the one to open, if its username is free, or the one its credentials prove. */
  async function firstAccountOf(input: SignupInput, opening: NewAccount | null): Promise<FirstAccount> {
    if (!opening) {
      // MA-1, X-5: every failure of the account's credentials answers alike, throttled per account.
      const account = await accountCredentials.verify(input.accountUsername ?? '', input.accountPassword ?? '');
      return { nickname: account.nickname, accountId: account.id, payload: { accountId: account.id } };
    }
    // A username is public (the account's classic login), so "taken" may be said. Only accounts
    // that exist count: a pending sign-up does not hold its username, or a second sign-up could
    // tell whether the first address had a login; the first to confirm gets it.
    if (!(await accountOpening.isUsernameFree(db, opening.username))) throw accountsErrors.username_taken({ field: 'newAccount.username' });
    const payload = { newUsername: opening.username, newNickname: opening.nickname, newTimeZone: opening.timeZone, newLocale: opening.locale, newCurrency: opening.currency };
    return { nickname: opening.username, accountId: null, payload };
  }

  /** Hashed whatever happens next, so a taken address costs what a new one does. */
  async function hashSignupSecrets(input: SignupInput): Promise<CheckedSignup['secrets']> {
    const [pinHash, answers] = await Promise.all([
      hashSecret(input.pin),
      Promise.all(input.questions.map((q) => hashSecret(normalizeAnswer(q.answer)))),
    ]);
    return { pinHash, questions: input.questions.map((q, i) => ({ questionId: q.questionId, answerHash: answers[i], hint: q.hint.trim() })) };
  }

  /** an address that already has a login is answered like a new sign-up; its owner is told. */
  async function tellOwnerOfSignupAttempt(owner: UserRow) {
    await mailer.enqueue(db, {
      template: signupAttempt,
      params: { name: owner.firstName, loginUrl: `${config.baseUrl}/login`, resetUrl: `${config.baseUrl}/password/forgot` },
      to: owner.email,
      locale: owner.locale,
    });
  }

  /**
   * One transaction: the pending master account with its owner membership (and a new person's
   * row), the confirmation link carrying the rest, its e-mail and the audit entry.
   */
  async function writePendingSignup(standing: Exclude<SignupStanding<UserRow, { id: string }>, { kind: 'taken' }>, signup: CheckedSignup, client: ClientInfo) {
    const { email, input, opening, first, secrets } = signup;
    const userId = standing.kind === 'new' ? newId() : standing.user.id;
    const masterId = newId();
    const person = { firstName: input.firstName.trim(), lastName: input.lastName.trim(), locale: input.locale };
    await db.transaction(async (tx) => {
      if (standing.kind === 'restart') {
        await repo.deletePendingMaster(tx, standing.pendingMaster.id); // a sign-up started again replaces the unconfirmed one
      }
      const at = now();
      // A new person's row holds only what names them; someone's existing row is not touched
      // before the link is followed (docs/decisions.md: the PIN and questions wait in the link).
      if (standing.kind === 'new') await repo.insertUser(tx, { id: userId, email, ...person, createdAt: at });
      await repo.insertMaster(tx, { id: masterId, ownerUserId: userId, status: 'pending', createdAt: at });
      await repo.insertMembership(tx, { id: newId(), masterAccountId: masterId, userId, role: 'owner', allAccounts: true, createdAt: at });
      const token = await links.issue(tx, signupConfirmLink, {
        about: userId,
        payload: { masterAccountId: masterId, ...first.payload, pinHash: secrets.pinHash, questions: JSON.stringify(secrets.questions), ...person },
      });
      await mailer.enqueue(tx, {
        template: signupConfirmation,
        params: { name: person.firstName, url: `${config.baseUrl}/signup/confirm/${token}`, accountNickname: first.nickname, newAccount: opening !== null },
        to: email,
        locale: input.locale,
      });
      await audit.record(tx, {
        actor: { userId, label: email, via: 'session', ip: client.ip },
        action: 'master_account.signup_requested',
        entityType: 'master_account',
        entityId: masterId,
        masterAccountId: masterId,
        accountId: first.accountId,
        ...(opening ? { details: { opensAccount: opening.username, currency: opening.currency } } : {}),
      });
    });
  }

  return {
    /**
     * MA-1, ACC-2: checks the sign-up, then e-mails the confirmation link. Nothing of the person's
     * choices (PIN, questions, name, the account to open) is written to the person or to a seller
     * account before the link is followed: the link carries them (see SignupPayload).
     */
    async signup(input: SignupInput, client: ClientInfo): Promise<{ pendingEmail: string }> {
      const email = input.email.trim().toLowerCase();
      const problem = securityProblem(input);
      if (problem) throw authErrors[problem.code]({ field: problem.field });
      // ACC-2: the account to open, checked before anything is looked up (errors name newAccount.*).
      const opening = input.newAccount
        ? accountOpening.check({ ...input.newAccount, locale: input.newAccount.locale ?? input.locale }, 'newAccount.')
        : null;
      const existing = await repo.findUserByEmail(db, email);
      const standing = signupStanding(existing, existing ? await repo.masterOwnedBy(db, existing.id) : null);
      const first = await firstAccountOf(input, opening);
      const secrets = await hashSignupSecrets(input);
      if (standing.kind === 'taken') await tellOwnerOfSignupAttempt(standing.user);
      else await writePendingSignup(standing, { email, input, opening, first, secrets }, client);
      return { pendingEmail: maskEmail(email) };
    },

    async signupTokenInfo(raw: string) {
      const { link, status } = await tokenStatus(raw, signupConfirmLink);
      const user = link ? await repo.findUserById(db, link.about) : null;
      const valid = status === 'valid' && link !== null;
      const p = link?.payload;
      return {
        status,
        email: user && valid ? user.email : null,
        firstName: (valid && p?.firstName) || (user?.firstName ?? null),
        newAccount: valid && p?.newUsername ? { username: p.newUsername, currency: p.newCurrency ?? 'BRL', timeZone: p.newTimeZone ?? 'UTC' } : null,
      };
    },

    /**
     * MA-2: the e-mailed link confirms the address and creates the password; the person gets the
     * PIN and questions chosen at sign-up; the first seller account is linked, or opened (ACC-2:
     * with this same password as its classic login). Then the person is logged in as the owner.
     */
    async confirmSignup(raw: string, password: string, client: ClientInfo): Promise<{ session: NewSession; accountId: string; opened: boolean }> {
      assertPassword(password);
      const { status } = await tokenStatus(raw, signupConfirmLink);
      if (status !== 'valid') throwForStatus(status);
      const passwordHash = await hashSecret(password);
      return db.transaction(async (tx) => {
        const link = await links.use(tx, signupConfirmLink, raw);
        if (!link) throw authErrors.token_used();
        const user = await repo.findUserById(tx, link.about);
        if (!user) throw authErrors.token_invalid();
        const p = link.payload;
        const { masterAccountId } = p;
        const actor = actorFor(user, client, 'link');
        let first: { accountId: string; opened: boolean };
        await audit.record(tx, { actor, action: 'master_account.confirmed', entityType: 'master_account', entityId: masterAccountId, masterAccountId });
        if (p.newUsername) {
          const account = {
            username: p.newUsername,
            nickname: p.newNickname ?? p.newUsername,
            timeZone: p.newTimeZone ?? 'UTC',
            locale: p.newLocale === 'en' ? ('en' as const) : ('es' as const),
            currency: (p.newCurrency ?? 'BRL') as AccountCurrency,
          };
          const opened = await accountOpening.open(tx, account, { email: user.email, passwordHash, masterAccountId, actor, by: 'signup' }).catch((e: unknown) => {
            // Rolled back with the rest: nothing is created, the person signs up again with another username.
            throw isAppError(e) && e.code === 'username_taken' ? accountsErrors.username_taken_meanwhile() : e;
          });
          first = { accountId: opened.id, opened: true };
        } else if (p.accountId) {
          if (!(await accountCredentials.link(tx, p.accountId, masterAccountId))) throw accountsErrors.account_linked_elsewhere();
          await audit.record(tx, { actor, action: 'account.linked', entityType: 'seller_account', entityId: p.accountId, masterAccountId, accountId: p.accountId });
          first = { accountId: p.accountId, opened: false };
        } else {
          throw authErrors.token_invalid();
        }
        const secrets = personOf(p);
        await repo.updateUser(tx, user.id, { passwordHash, ...secrets });
        await repo.activateMaster(tx, masterAccountId);
        const session = await startSession(tx, { ...user, ...secrets, passwordHash } as UserRow, client);
        return { session, ...first };
      });
    },

    /**
     * MA-4 with X-5's throttle (docs/decisions.md, "Sign-in throttling"): each guess is reserved
     * atomically before the password is checked; a locked person, an unknown e-mail and a wrong
     * password answer alike and cost the same; a device the person has logged in from is never
     * locked out (it still gets the second step after repeated failures).
     */
    async login(email: string, password: string, client: ClientInfo): Promise<LoginResult> {
      const user = await repo.findUserByEmail(db, email.trim());
      const knownDevice = user && client.deviceToken ? await repo.isKnownDevice(db, user.id, sha256(client.deviceToken)) : false;
      const reserved = user ? await repo.reserveGuess(db, user.id, now(), knownDevice) : null;
      const ok = await verifySecret(reserved !== null ? user?.passwordHash : null, password);
      if (!user || !ok) throw authErrors.invalid_credentials();
      await repo.releaseGuess(db, user.id);
      const access = await webAccess(db, user.id);
      if (access === 'api_only') throw authErrors.api_only_member();
      if (access === 'disabled') throw authErrors.access_disabled();
      const deviceToken = client.deviceToken ?? randomToken();
      const hasSecondFactor = !!user.pinHash && user.securityQuestions.length > 0;
      // reserved - 1: the failures before this (right) guess.
      if (needsSecondStep({ hasSecondFactor, knownDevice, failedLogins: reserved! - 1 })) {
        return { kind: 'second_step', deviceToken, ...(await openChallenge(user, deviceToken)) };
      }
      const session = await db.transaction(async (tx) => startSession(tx, user, { ...client, deviceToken }));
      return { kind: 'session', session, userId: user.id };
    },

    /**
     * MA-4 second step: the PIN and the answer to the question shown. Each try is reserved on
     * the challenge before the check (5 per challenge), and a wrong pair counts toward the
     * person's throttle like a wrong password.
     */
    async secondStep(challengeId: string, pin: string, answer: string, client: ClientInfo): Promise<NewSession> {
      const challenge = await repo.reserveChallengeTry(db, sha256(challengeId), now(), CHALLENGE_MAX_ATTEMPTS);
      if (!challenge) throw authErrors.challenge_expired();
      const user = await repo.findUserById(db, challenge.userId);
      if (!user) throw authErrors.challenge_expired();
      const question = user.securityQuestions.find((q) => q.questionId === challenge.questionId);
      const [pinOk, answerOk] = await Promise.all([verifySecret(user.pinHash, pin), verifySecret(question?.answerHash, normalizeAnswer(answer))]);
      if (!pinOk || !answerOk) {
        await repo.reserveGuess(db, user.id, now(), true);
        throw authErrors.second_step_failed();
      }
      return db.transaction(async (tx) => {
        if (!(await repo.takeChallenge(tx, challenge.id))) throw authErrors.challenge_expired();
        await repo.deleteChallengesOf(tx, user.id);
        return startSession(tx, user, client);
      });
    },

    async logout(sessionToken: string | undefined) {
      if (sessionToken) await repo.deleteSession(db, sha256(sessionToken));
    },

    /** Every session of the person ends, this one included. */
    async logoutEverywhere(userId: string) {
      await db.transaction(async (tx) => {
        await repo.updateUser(tx, userId, { sessionsValidAfter: now() });
        await repo.deleteSessionsOf(tx, userId);
      });
    },

    /** Always answers the same, so it cannot tell who has a login. */
    async forgotPassword(email: string, locale: Locale): Promise<void> {
      const user = await repo.findUserByEmail(db, email.trim());
      if (!user) return;
      const q = user.securityQuestions[Math.floor(Math.random() * Math.max(1, user.securityQuestions.length))];
      await db.transaction(async (tx) => {
        const token = await links.issue(tx, passwordResetLink, { about: user.id, payload: q ? { questionId: q.questionId } : {} });
        await mailer.enqueue(tx, {
          template: passwordReset,
          params: { name: user.firstName, url: `${config.baseUrl}/password/reset/${token}` },
          to: user.email,
          locale: user.locale ?? locale,
        });
      });
    },

    async passwordTokenInfo(raw: string, purpose: 'password_reset' | 'password_set') {
      const { link, status } = await tokenStatus(raw, linkOf(purpose));
      const user = link && status === 'valid' ? await repo.findUserById(db, link.about) : null;
      const question = user && link ? verificationQuestion(user, purpose, link.payload.questionId) : null;
      return {
        status,
        email: user?.email ?? null,
        firstName: user?.firstName ?? null,
        question: question ? { questionId: question.questionId, hint: question.hint } : null,
      };
    },

    /**
     * Sets a password from an e-mailed link. Whoever already has a PIN is asked it and a security
     * answer as well (MA-4): on a reset, and on a set-password link sent to someone who already
     * has a password (issue 7, finding 5: a team's "reset password" must not skip them). Other
     * sessions end.
     */
    async setPasswordWithToken(
      raw: string,
      purpose: 'password_reset' | 'password_set',
      input: { password: string; pin?: string; answer?: string },
      client: ClientInfo,
    ): Promise<NewSession | null> {
      assertPassword(input.password);
      const { link, status } = await tokenStatus(raw, linkOf(purpose));
      if (status !== 'valid' || !link) throwForStatus(status);
      const user = await repo.findUserById(db, link.about);
      if (!user) throw authErrors.token_invalid();
      const question = verificationQuestion(user, purpose, link.payload.questionId);
      if (question) {
        if (!input.pin || !input.answer) throw authErrors.verification_required({ field: input.pin ? 'answer' : 'pin' });
        // One try reserved on the link before the check: 5 wrong pairs burn it (issue 7, finding 3).
        const tries = await links.reserveTry(db, linkOf(purpose), raw, RESET_LINK_MAX_TRIES);
        if (tries === null) throw authErrors.token_used();
        const [pinOk, answerOk] = await Promise.all([verifySecret(user.pinHash, input.pin), verifySecret(question.answerHash, normalizeAnswer(input.answer))]);
        if (!pinOk || !answerOk) {
          await repo.reserveGuess(db, user.id, now(), true);
          if (tries >= RESET_LINK_MAX_TRIES) await links.revoke(db, { type: 'user', id: user.id }, linkOf(purpose));
          throw authErrors.second_step_failed();
        }
      }
      const passwordHash = await hashSecret(input.password);
      return db.transaction(async (tx) => {
        if (!(await links.use(tx, linkOf(purpose), raw))) throw authErrors.token_used();
        await repo.updateUser(tx, user.id, { passwordHash, failedLogins: 0, lockedUntil: null });
        await repo.deleteSessionsOf(tx, user.id);
        await audit.record(tx, { actor: actorFor(user, client, 'link'), action: purpose === 'password_set' ? 'user.password_created' : 'user.password_reset', entityType: 'user', entityId: user.id });
        if (!(await hasWebAccess(tx, user.id))) return null;
        return startSession(tx, { ...user, passwordHash }, { ...client, sessionToken: undefined });
      });
    },

    /** The person and every team they belong to (TEAM-9 "accounts where I collaborate"). */
    async me(userId: string, via: 'session' | 'api_key', keyMembershipId: string | null) {
      const user = await repo.findUserById(db, userId);
      if (!user) throw authErrors.invalid_credentials();
      const channel: Channel = via === 'api_key' ? { via, membershipId: keyMembershipId! } : { via };
      const live = await liveMemberships(db, userId, channel);
      const owners = await repo.teamOwners(db, live.map((f) => f.membership.masterAccountId));
      const teams = [];
      for (const f of live) {
        const m = f.membership;
        const owner = owners.get(m.masterAccountId)!;
        const all = await repo.accountsOfTeam(db, m.masterAccountId);
        const { accounts } = f.grant;
        teams.push({
          teamId: m.masterAccountId,
          membershipId: m.id,
          role: m.role,
          ownerName: `${owner.firstName} ${owner.lastName}`.trim(),
          ownerEmail: owner.email,
          permissions: [...f.grant.permissions],
          tabs: visibleTabs(f.grant),
          accounts: accounts === 'all' ? all : all.filter((a) => accounts.has(a.id)),
        });
      }
      teams.sort((a, b) => (a.role === b.role ? a.ownerName.localeCompare(b.ownerName) : a.role === 'owner' ? -1 : 1));
      return {
        user: { id: user.id, email: user.email, firstName: user.firstName, lastName: user.lastName, locale: user.locale },
        teams,
      };
    },
  };
}
