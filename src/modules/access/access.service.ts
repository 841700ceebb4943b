// The one access check (X-4, TEAM-3): actor -> team -> permissions -> account scope.
// Routes declare what they need; resolveAccess answers with the context or an error.
// A team or account outside the actor's reach answers exactly like a missing one.
import type { Db } from '../../db/client.ts';
import type { AuditActor } from '../../kernel/audit/index.ts';
import type { Clock } from '../../kernel/clock.ts';
import { sha256 } from '../../kernel/ids.ts';
import { type Grant, apiAllows, holds, ownerGrant, seesAccount } from '../../kernel/access/access.rules.ts';
import { isPermission, type Permission } from '../../kernel/access/permissions.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { accessErrors } from './access.errors.ts';
import { createAccessRepository, type MembershipFacts } from './access.repository.ts';

export const SESSION_TTL_MS = 14 * 24 * 3_600_000;

export type Need = Permission | 'owner' | 'member';

export type AccessRule =
  | { kind: 'public' }
  /** Any signed-in person; no team involved (profile, "accounts where I collaborate"). */
  | { kind: 'user'; browserOnly?: boolean }
  /** A team named by the :teamId path parameter. */
  | { kind: 'team'; need: Need; browserOnly?: boolean }
  /** A seller account named by :accountId; its team follows from it. */
  | { kind: 'account'; need: Need; browserOnly?: boolean };

export interface Actor {
  userId: string;
  email: string;
  locale: Locale;
  via: 'session' | 'api_key';
  sessionId: string | null;
  /** With an API key: the membership the key belongs to (its only team). */
  keyMembershipId: string | null;
  ip: string | null;
}

export interface TeamContext {
  teamId: string;
  membershipId: string;
  role: 'owner' | 'member';
  grant: Grant;
}

export interface AccessContext {
  actor: Actor | null;
  team: TeamContext | null;
  accountId: string | null;
}

export interface Credentials {
  method: string;
  sessionToken: string | undefined;
  csrfHeader: string | undefined;
  bearer: string | undefined;
  ip: string | null;
  params: Record<string, string | undefined>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function grantOf(facts: MembershipFacts): Grant {
  if (facts.membership.role === 'owner') return ownerGrant();
  const raw = facts.profilePermissions ?? facts.membership.permissions;
  return {
    role: 'member',
    permissions: new Set(raw.filter(isPermission)),
    accounts: facts.membership.allAccounts ? 'all' : new Set(facts.accountIds),
  };
}

export function auditActorOf(ctx: AccessContext): AuditActor {
  if (!ctx.actor) return { userId: null, label: 'anonymous', via: 'link' };
  return {
    userId: ctx.actor.userId,
    label: ctx.actor.email,
    via: ctx.actor.via,
    apiKeyId: ctx.actor.keyMembershipId,
    ip: ctx.actor.ip,
  };
}

export type AccessService = ReturnType<typeof createAccessService>;

export function createAccessService(deps: { db: Db; clock: Clock }) {
  const repo = createAccessRepository();
  const { db, clock } = deps;
  // The membership facts an API key resolved to, kept for the rest of the same request.
  const keyFacts = new WeakMap<Credentials, MembershipFacts>();

  async function authenticate(c: Credentials): Promise<Actor | null> {
    if (c.bearer !== undefined) {
      const found = await repo.findByApiKey(db, sha256(c.bearer));
      if (!found || !found.facts.membership.enabled) throw accessErrors.invalid_api_key();
      const { membership } = found.facts;
      // Last use is recorded at most once a minute, so reads do not each cost a write.
      const now = clock.now();
      const lastUsed = membership.apiKeyLastUsedAt;
      if (!lastUsed || now.getTime() - lastUsed.getTime() > 60_000) await repo.touchApiKey(db, membership.id, now);
      keyFacts.set(c, found.facts);
      return {
        userId: found.user.id,
        email: found.user.email,
        locale: found.user.locale,
        via: 'api_key',
        sessionId: null,
        keyMembershipId: membership.id,
        ip: c.ip,
      };
    }
    if (!c.sessionToken) return null;
    const now = clock.now();
    const sessionHash = sha256(c.sessionToken);
    const found = await repo.findSession(db, sessionHash, now);
    if (!found) return null;
    if (!SAFE_METHODS.has(c.method) && c.csrfHeader !== found.session.csrfToken) throw accessErrors.csrf_failed();
    // Sliding expiry, written at most every few minutes.
    if (now.getTime() - found.session.lastSeenAt.getTime() > 5 * 60_000) {
      await repo.touchSession(db, sessionHash, now, new Date(now.getTime() + SESSION_TTL_MS));
    }
    return {
      userId: found.user.id,
      email: found.user.email,
      locale: found.user.locale,
      via: 'session',
      sessionId: sessionHash,
      keyMembershipId: null,
      ip: c.ip,
    };
  }

  /** The actor's place in a team, or null when it has none there (disabled, API-only by web, other key). */
  async function teamOf(actor: Actor, teamId: string, c?: Credentials): Promise<TeamContext | null> {
    if (!UUID.test(teamId)) return null;
    const facts =
      actor.via === 'api_key'
        ? ((c && keyFacts.get(c)) ?? (await repo.membershipFactsById(db, actor.keyMembershipId!)))
        : await repo.membershipFacts(db, actor.userId, teamId);
    if (!facts) return null;
    const m = facts.membership;
    if (m.masterAccountId !== teamId || !m.enabled) return null;
    if (actor.via === 'session' && m.apiOnly) return null;
    return { teamId, membershipId: m.id, role: m.role, grant: grantOf(facts) };
  }

  function allows(team: TeamContext, need: Need): boolean {
    if (need === 'member') return true;
    if (need === 'owner') return team.role === 'owner';
    return holds(team.grant, need);
  }

  return {
    authenticate,
    teamOf,

    async resolve(rule: AccessRule, c: Credentials): Promise<AccessContext> {
      // Public routes act for nobody: a stale cookie or key must not get in their way.
      if (rule.kind === 'public') return { actor: null, team: null, accountId: null };
      const actor = await authenticate(c);
      if (!actor) throw accessErrors.not_authenticated();
      if (rule.browserOnly && actor.via === 'api_key') throw accessErrors.browser_only();
      if (rule.kind === 'user') return { actor, team: null, accountId: null };

      let teamId: string | null;
      let accountId: string | null = null;
      if (rule.kind === 'team') {
        teamId = c.params.teamId ?? null;
      } else {
        accountId = c.params.accountId ?? null;
        const account = accountId && UUID.test(accountId) ? await repo.findAccountTeam(db, accountId) : null;
        teamId = account?.masterAccountId ?? null;
      }
      const team = teamId ? await teamOf(actor, teamId, c) : null;
      if (!team) throw accessErrors.not_found();
      if (accountId && !seesAccount(team.grant, accountId)) throw accessErrors.not_found();
      if (actor.via === 'api_key' && !apiAllows(team.grant, c.method)) throw accessErrors.api_not_allowed();
      if (!allows(team, rule.need)) throw accessErrors.forbidden();
      return { actor, team, accountId };
    },
  };
}
