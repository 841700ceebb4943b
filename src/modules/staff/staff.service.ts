// Platform staff (PLAT-*): created by an operator command that prints a one-time link,
// which sets a password and a PIN; every staff login asks the PIN as its second step
// (staff act across every seller, so no device is trusted to skip it). Staff have their
// own session cookie and an API key of their own.
import type { Db } from '../../db/client.ts';
import type { AuditActor } from '../../kernel/audit/index.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { newId, randomToken, sha256 } from '../../kernel/ids.ts';
import { hashSecret, verifySecret } from '../../kernel/secrets.ts';
import { STAFF_SESSION_TTL_MS, type StaffPrincipal } from '../access/index.ts';
import { checkPassword, isValidPin } from '../auth/index.ts';
import { staffErrors } from './staff.errors.ts';
import { staffPasswordLink } from './staff.links.ts';
import { createStaffRepository, type StaffRow } from './staff.repository.ts';

export const STAFF_CHALLENGE_TTL_MS = 5 * 60_000;
export const STAFF_CHALLENGE_TRIES = 3;
export const STAFF_KEY_PREFIX = 'mss_';

export interface StaffSession {
  token: string;
  csrf: string;
  expiresAt: Date;
}

export type StaffService = ReturnType<typeof createStaffService>;

export function createStaffService(deps: Pick<AppDeps, 'database' | 'clock' | 'sandboxClock' | 'audit' | 'config' | 'links'>) {
  const repo = createStaffRepository();
  const { clock, audit, config, links } = deps;
  const db = deps.database.db;
  const now = () => clock.now();
  // A staff login runs on real time, not the platform's: staff move the sandbox clock (PLAT-4)
  // from the console, and a day ahead must not end their own session.
  const loginNow = () => deps.sandboxClock.base.now();
  const actorOf = (s: Pick<StaffRow, 'email'>, ip: string | null, via: AuditActor['via'] = 'session'): AuditActor => ({
    userId: null,
    label: `staff:${s.email}`,
    via,
    ip,
  });

  async function newSetPasswordLink(tx: Db, staffId: string): Promise<string> {
    const token = await links.issue(tx, staffPasswordLink, { about: staffId });
    return `${config.baseUrl}/staff/password/${token}`;
  }

  return {
    /** `npm run cli -- staff:create`: the person and a one-time link to set the password and PIN. */
    async create(input: { email: string; name: string; locale?: Locale }, actor: AuditActor): Promise<{ staffId: string; url: string }> {
      const email = input.email.trim().toLowerCase();
      return db.transaction(async (tx) => {
        if (await repo.findByEmail(tx, email)) throw staffErrors.email_taken({ field: 'email' });
        const staffId = newId();
        await repo.insert(tx, { id: staffId, email, name: input.name.trim(), locale: input.locale ?? 'en', createdAt: now() });
        await audit.record(tx, { actor, action: 'staff.created', entityType: 'staff', entityId: staffId, details: { email } });
        return { staffId, url: await newSetPasswordLink(tx, staffId) };
      });
    },

    /** A new one-time link for someone who lost theirs (operator command). */
    async resetLink(email: string): Promise<string> {
      const staff = await repo.findByEmail(db, email);
      if (!staff) throw staffErrors.token_invalid({ field: 'email' });
      return db.transaction((tx) => newSetPasswordLink(tx, staff.id));
    },

    async passwordLinkInfo(raw: string) {
      const { status, link } = await links.inspect(db, staffPasswordLink, raw);
      const staff = link && status === 'valid' ? await repo.findById(db, link.about) : null;
      return { status: status === 'revoked' ? ('used' as const) : status, email: staff?.email ?? null, name: staff?.name ?? null };
    },

    async setPassword(input: { token: string; password: string; pin: string }, ip: string | null): Promise<void> {
      const check = checkPassword(input.password);
      if (!check.ok) throw staffErrors.password_policy({ field: 'password', details: { failed: check.failed } });
      if (!isValidPin(input.pin)) throw staffErrors.invalid_pin({ field: 'pin' });
      const { status } = await links.inspect(db, staffPasswordLink, input.token);
      if (status === 'expired') throw staffErrors.token_expired();
      if (status === 'used' || status === 'revoked') throw staffErrors.token_used();
      if (status !== 'valid') throw staffErrors.token_invalid();
      const [passwordHash, pinHash] = await Promise.all([hashSecret(input.password), hashSecret(input.pin)]);
      await db.transaction(async (tx) => {
        const link = await links.use(tx, staffPasswordLink, input.token);
        if (!link) throw staffErrors.token_used();
        const staff = await repo.findById(tx, link.about);
        if (!staff) throw staffErrors.token_invalid();
        await repo.update(tx, staff.id, { passwordHash, pinHash });
        await repo.deleteSessionsOf(tx, staff.id);
        await audit.record(tx, { actor: actorOf(staff, ip, 'link'), action: 'staff.password_set', entityType: 'staff', entityId: staff.id });
      });
    },

    /** First step: the password. Every staff login then asks the PIN. */
    async login(email: string, password: string): Promise<{ challengeId: string }> {
      const staff = await repo.findByEmail(db, email);
      // A missing person costs the same hash check as a real one.
      const ok = await verifySecret(staff?.enabled ? staff.passwordHash : null, password);
      if (!staff || !ok) throw staffErrors.invalid_credentials();
      const challengeId = randomToken();
      const at = loginNow();
      await repo.insertChallenge(db, { id: sha256(challengeId), staffId: staff.id, expiresAt: new Date(at.getTime() + STAFF_CHALLENGE_TTL_MS), createdAt: at });
      return { challengeId };
    },

    async secondStep(challengeId: string, pin: string, ip: string | null): Promise<StaffSession> {
      const id = sha256(challengeId);
      const challenge = await repo.reserveTry(db, id, loginNow(), STAFF_CHALLENGE_TRIES);
      if (!challenge) throw staffErrors.challenge_expired();
      const staff = await repo.findById(db, challenge.staffId);
      if (!staff?.enabled || !(await verifySecret(staff.pinHash, pin))) throw staffErrors.wrong_pin({ field: 'pin' });
      return db.transaction(async (tx) => {
        if (!(await repo.takeChallenge(tx, id))) throw staffErrors.challenge_expired();
        const token = randomToken();
        const csrf = randomToken(16);
        const at = loginNow();
        const expiresAt = new Date(at.getTime() + STAFF_SESSION_TTL_MS);
        await repo.insertSession(tx, { id: sha256(token), staffId: staff.id, csrfToken: csrf, createdAt: at, lastSeenAt: at, expiresAt, ip });
        return { token, csrf, expiresAt };
      });
    },

    async logout(principal: StaffPrincipal): Promise<void> {
      if (principal.sessionId) await repo.deleteSession(db, principal.sessionId);
    },

    async me(principal: StaffPrincipal) {
      const staff = await repo.findById(db, principal.staffId);
      return {
        id: principal.staffId,
        email: principal.email,
        name: principal.name,
        locale: principal.locale,
        apiKeyPrefix: staff?.apiKeyPrefix ?? null,
        apiKeyCreatedAt: staff?.apiKeyCreatedAt?.toISOString() ?? null,
        apiKeyLastUsedAt: staff?.apiKeyLastUsedAt?.toISOString() ?? null,
      };
    },

    /** A new staff API key, shown this once; the old one stops working. */
    async renewApiKey(principal: StaffPrincipal): Promise<{ apiKey: string; apiKeyPrefix: string; apiKeyCreatedAt: string }> {
      return db.transaction(async (tx) => {
        const key = `${STAFF_KEY_PREFIX}${randomToken(24)}`;
        const at = now();
        const prefix = key.slice(0, 10);
        await repo.update(tx, principal.staffId, { apiKeyHash: sha256(key), apiKeyPrefix: prefix, apiKeyCreatedAt: at, apiKeyLastUsedAt: null });
        await audit.record(tx, { actor: actorOf(principal, principal.ip), action: 'staff.api_key_renewed', entityType: 'staff', entityId: principal.staffId });
        return { apiKey: key, apiKeyPrefix: prefix, apiKeyCreatedAt: at.toISOString() };
      });
    },

    /** The demo's staff login, with a key derived from the session secret (printed again on every run). */
    async ensureDemo(input: { email: string; name: string; password: string; pin: string; apiKey: string }): Promise<boolean> {
      const existing = await repo.findByEmail(db, input.email);
      if (existing) return false;
      const [passwordHash, pinHash] = await Promise.all([hashSecret(input.password), hashSecret(input.pin)]);
      const at = now();
      await repo.insert(db, {
        id: newId(),
        email: input.email,
        name: input.name,
        locale: 'es',
        passwordHash,
        pinHash,
        apiKeyHash: sha256(input.apiKey),
        apiKeyPrefix: input.apiKey.slice(0, 10),
        apiKeyCreatedAt: at,
        createdAt: at,
      });
      return true;
    },
  };
}
