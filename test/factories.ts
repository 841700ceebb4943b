// Small factories that write straight to the database, so a test states only
// what matters to it. Logins made here are real sessions and real API keys.
import { hash } from '@node-rs/argon2';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Db } from '../src/db/client.ts';
import type { Permission } from '../src/kernel/access/permissions.ts';
import { newId, randomToken, sha256 } from '../src/kernel/ids.ts';
import { masterAccounts, sellerAccounts } from '../src/modules/accounts/accounts.tables.ts';
import { sessions, users } from '../src/modules/auth/auth.tables.ts';
import { normalizeAnswer } from '../src/modules/auth/password.rules.ts';
import { membershipAccounts, memberships, profiles } from '../src/modules/team/team.tables.ts';

export const TEST_PASSWORD = 'AAbb11!!pass';
export const TEST_PIN = '1234';
export const TEST_ANSWER = 'Rex';

let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

// Hashing is slow on purpose; tests reuse one hash per secret.
const hashCache = new Map<string, Promise<string>>();
export const cachedHash = (s: string) => {
  if (!hashCache.has(s)) hashCache.set(s, hash(s));
  return hashCache.get(s)!;
};

export interface Login {
  userId: string;
  email: string;
  /** Cookie header values for app.inject */
  cookies: Record<string, string>;
  csrf: string;
}

export function createFactories(db: Db, now: () => Date) {
  async function user(input: { email?: string; firstName?: string; locale?: 'es' | 'en'; withPassword?: boolean; withSecondFactor?: boolean } = {}) {
    const id = newId();
    const email = (input.email ?? `user-${next()}@example.com`).toLowerCase();
    await db.insert(users).values({
      id,
      email,
      firstName: input.firstName ?? 'Test',
      lastName: 'Person',
      locale: input.locale ?? 'en',
      passwordHash: input.withPassword === false ? null : await cachedHash(TEST_PASSWORD),
      pinHash: input.withSecondFactor ? await cachedHash(TEST_PIN) : null,
      securityQuestions: input.withSecondFactor
        ? [
            { questionId: 'first_pet', answerHash: await cachedHash(normalizeAnswer(TEST_ANSWER)), hint: 'dog' },
            { questionId: 'birth_city', answerHash: await cachedHash(normalizeAnswer(TEST_ANSWER)), hint: 'city' },
          ]
        : [],
      createdAt: now(),
    });
    return { id, email };
  }

  async function sellerAccount(input: { masterAccountId?: string | null; timeZone?: string; username?: string; password?: string } = {}) {
    const id = newId();
    const username = (input.username ?? `seller${next()}`).toLowerCase();
    await db.insert(sellerAccounts).values({
      id,
      username,
      passwordHash: await cachedHash(input.password ?? TEST_PASSWORD),
      nickname: username.toUpperCase(),
      email: `${username}@sellers.example.com`,
      timeZone: input.timeZone ?? 'Europe/Madrid',
      locale: 'es',
      masterAccountId: input.masterAccountId ?? null,
      linkedAt: input.masterAccountId ? now() : null,
      createdAt: now(),
    });
    return { id, username };
  }

  /** An active master account with its owner and `accounts` linked seller accounts. */
  async function team(input: { accounts?: number; ownerEmail?: string } = {}) {
    const owner = await user({ email: input.ownerEmail, withSecondFactor: true });
    const teamId = newId();
    await db.insert(masterAccounts).values({ id: teamId, ownerUserId: owner.id, status: 'active', createdAt: now() });
    const ownerMembershipId = newId();
    await db.insert(memberships).values({ id: ownerMembershipId, masterAccountId: teamId, userId: owner.id, role: 'owner', allAccounts: true, createdAt: now() });
    const accounts = [];
    for (let i = 0; i < (input.accounts ?? 2); i++) accounts.push(await sellerAccount({ masterAccountId: teamId }));
    return { teamId, owner: { ...owner, membershipId: ownerMembershipId }, accounts };
  }

  async function member(input: {
    teamId: string;
    permissions?: Permission[];
    profileId?: string;
    accountIds?: string[] | 'all';
    apiOnly?: boolean;
    enabled?: boolean;
    email?: string;
    userId?: string;
  }) {
    const u = input.userId ? { id: input.userId, email: input.email ?? '' } : await user({ email: input.email, withPassword: !input.apiOnly });
    const id = newId();
    const all = input.accountIds === 'all' || input.accountIds === undefined;
    await db.insert(memberships).values({
      id,
      masterAccountId: input.teamId,
      userId: u.id,
      role: 'member',
      apiOnly: input.apiOnly ?? false,
      enabled: input.enabled ?? true,
      profileId: input.profileId ?? null,
      permissions: input.permissions ?? [],
      allAccounts: all,
      createdAt: now(),
    });
    if (!all) {
      for (const accountId of input.accountIds as string[]) await db.insert(membershipAccounts).values({ membershipId: id, accountId });
    }
    return { membershipId: id, userId: u.id, email: u.email };
  }

  async function profile(input: { teamId: string; name?: string; permissions: Permission[] }) {
    const id = newId();
    await db.insert(profiles).values({ id, masterAccountId: input.teamId, name: input.name ?? `Profile ${next()}`, permissions: input.permissions, createdAt: now() });
    return { id };
  }

  /** A real session row and the cookies a browser would send. */
  async function login(u: { id: string; email: string }): Promise<Login> {
    const raw = randomToken();
    const csrf = randomToken(16);
    await db.insert(sessions).values({
      id: sha256(raw),
      userId: u.id,
      csrfToken: csrf,
      createdAt: now(),
      lastSeenAt: now(),
      expiresAt: new Date(now().getTime() + 86_400_000),
    });
    return { userId: u.id, email: u.email, cookies: { sid: raw, csrf }, csrf };
  }

  /** Gives a membership a fresh API key and returns it. */
  async function apiKey(membershipId: string): Promise<string> {
    const key = `mst_${randomToken(24)}`;
    const { eq } = await import('drizzle-orm');
    await db.update(memberships).set({ apiKeyHash: sha256(key), apiKeyPrefix: key.slice(0, 8), apiKeyCreatedAt: now() }).where(eq(memberships.id, membershipId));
    return key;
  }

  return { user, sellerAccount, team, member, profile, login, apiKey };
}

/** app.inject as a logged-in browser (cookies + CSRF header) or with an API key. */
export function as(app: FastifyInstance, who: Login | { apiKey: string } | null) {
  return (opts: InjectOptions & { url: string }) => {
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string>) };
    let cookies: Record<string, string> | undefined;
    if (who && 'apiKey' in who) headers.authorization = `Bearer ${who.apiKey}`;
    else if (who) {
      cookies = who.cookies;
      headers['x-csrf-token'] = who.csrf;
    }
    return app.inject({ ...opts, headers, cookies });
  };
}
