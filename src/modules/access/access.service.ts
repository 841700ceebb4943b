// The one access check (X-4, TEAM-3, PLAT-*): credential -> principal -> team ->
// permissions -> account scope. Routes declare what they accept (access.principals.ts);
// `resolve` answers with the context or an error. A team, account or link outside the
// caller's reach answers exactly like a missing one.
import type { Db } from '../../db/client.ts';
import { apiAllows, type Grant, holds, ownerGrant, seesAccount } from '../../kernel/access/access.rules.ts';
import { isPermission } from '../../kernel/access/permissions.ts';
import type { AuditActor } from '../../kernel/audit/index.ts';
import type { Clock } from '../../kernel/clock.ts';
import { sha256 } from '../../kernel/ids.ts';
import type { Links } from '../../kernel/links/index.ts';
import { accessErrors } from './access.errors.ts';
import {
  type AccessContext,
  type AccessRule,
  type MemberPrincipal,
  type Need,
  PUBLIC_CONTEXT,
  type StaffPrincipal,
  type TeamContext,
} from './access.principals.ts';
import { createAccessRepository, type MembershipFacts, type TeamTarget } from './access.repository.ts';

export const SESSION_TTL_MS = 14 * 24 * 3_600_000;
const SESSION_TOUCH_MS = 5 * 60_000;
const KEY_TOUCH_MS = 60_000;

export interface Credentials {
  method: string;
  sessionToken: string | undefined;
  csrfHeader: string | undefined;
  staffSessionToken: string | undefined;
  /** The bearer token; '' when the header is malformed, undefined when absent. */
  bearer: string | undefined;
  ip: string | null;
  params: Record<string, string | undefined>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function grantOf(facts: Pick<MembershipFacts, 'membership' | 'profilePermissions' | 'accountIds'>): Grant {
  if (facts.membership.role === 'owner') return ownerGrant();
  const raw = facts.profilePermissions ?? facts.membership.permissions;
  return {
    role: 'member',
    permissions: new Set(raw.filter(isPermission)),
    accounts: facts.membership.allAccounts ? 'all' : new Set(facts.accountIds),
  };
}

export type Channel = { via: 'session' } | { via: 'api_key'; membershipId: string };

/**
 * The one rule for which memberships count: accepted by the person (issue 7: someone who
 * already existed joins a team only by following its link), enabled, in an active master
 * account, and usable on the channel (no API-only place by web; by key, only the key's own
 * membership). The access check, /me and login all ask this.
 */
export function isLive(facts: Pick<MembershipFacts, 'membership' | 'masterStatus'>, channel: Channel): boolean {
  const m = facts.membership;
  if (m.acceptedAt === null || !m.enabled || facts.masterStatus !== 'active') return false;
  return channel.via === 'session' ? !m.apiOnly : m.id === channel.membershipId;
}

export function auditActorOf(ctx: AccessContext): AuditActor {
  const p = ctx.principal;
  if (!p) return { userId: null, label: 'anonymous', via: 'link' };
  switch (p.kind) {
    case 'member':
      return { userId: p.userId, label: p.email, via: p.via, apiKeyId: p.keyMembershipId, ip: p.ip };
    case 'staff':
      return { userId: null, label: `staff:${p.email}`, via: p.via, ip: p.ip };
    case 'buyer_link':
      return { userId: null, label: `link:${p.purpose}`, via: 'link', ip: p.ip };
    default: {
      const exhaustive: never = p;
      return exhaustive;
    }
  }
}

export type AccessService = ReturnType<typeof createAccessService>;

export function createAccessService(deps: { db: Db; clock: Clock; links: Links; sessionMaxMs: number; staffClock?: Clock }) {
  const repo = createAccessRepository();
  const { db, clock, links, sessionMaxMs } = deps;
  /** Sliding expiry, never past the session's absolute lifetime. */
  const slid = (now: Date, createdAt: Date, ttl: number) => new Date(Math.min(now.getTime() + ttl, createdAt.getTime() + sessionMaxMs));

  function targetOf(rule: AccessRule, params: Credentials['params']): TeamTarget {
    if (rule.kind === 'team') return params.teamId && UUID.test(params.teamId) ? { teamId: params.teamId } : null;
    if (rule.kind === 'account') return params.accountId && UUID.test(params.accountId) ? { accountId: params.accountId } : null;
    return null;
  }

  /** The member behind a key or session, with the membership of the team the route is about. */
  async function member(rule: AccessRule, c: Credentials): Promise<{ principal: MemberPrincipal; facts: MembershipFacts | null } | null> {
    const target = targetOf(rule, c.params);
    const now = clock.now();
    if (c.bearer !== undefined) {
      const found = c.bearer ? await repo.apiKeyWithFacts(db, sha256(c.bearer), target) : null;
      if (!found || !isLive(found.facts, { via: 'api_key', membershipId: found.facts.membership.id })) throw accessErrors.invalid_api_key();
      const m = found.facts.membership;
      if (!m.apiKeyLastUsedAt || now.getTime() - m.apiKeyLastUsedAt.getTime() > KEY_TOUCH_MS) await repo.touchApiKey(db, m.id, now);
      const principal: MemberPrincipal = { kind: 'member', via: 'api_key', ...found.person, sessionId: null, keyMembershipId: m.id, ip: c.ip };
      // A key belongs to one team: any other team is out of its reach.
      // Person routes (no target) use the key's own membership.
      const teamId = !target ? m.masterAccountId : 'teamId' in target ? target.teamId : found.targetTeamId;
      return { principal, facts: teamId === m.masterAccountId ? found.facts : null };
    }
    if (!c.sessionToken) return null;
    const hash = sha256(c.sessionToken);
    const found = await repo.sessionWithFacts(db, hash, now, sessionMaxMs, target);
    if (!found) return null;
    if (!SAFE_METHODS.has(c.method) && c.csrfHeader !== found.session.csrfToken) throw accessErrors.csrf_failed();
    if (now.getTime() - found.session.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
      await repo.touchSession(db, hash, now, slid(now, found.session.createdAt, SESSION_TTL_MS));
    }
    const principal: MemberPrincipal = { kind: 'member', via: 'session', ...found.person, sessionId: hash, keyMembershipId: null, ip: c.ip };
    return { principal, facts: found.facts };
  }

  async function staff(c: Credentials): Promise<StaffPrincipal | null> {
    // A staff login's lifetime runs on real time (staff move the platform's clock), its key's "last used" on the platform's.
    const now = clock.now();
    const sessionNow = (deps.staffClock ?? clock).now();
    if (c.bearer !== undefined) {
      const row = c.bearer ? await repo.staffByApiKey(db, sha256(c.bearer)) : null;
      if (!row) throw accessErrors.invalid_api_key();
      if (!row.apiKeyLastUsedAt || now.getTime() - row.apiKeyLastUsedAt.getTime() > KEY_TOUCH_MS) await repo.touchStaffApiKey(db, row.id, now);
      return { kind: 'staff', via: 'api_key', staffId: row.id, email: row.email, name: row.name, locale: row.locale, sessionId: null, ip: c.ip };
    }
    if (!c.staffSessionToken) return null;
    const hash = sha256(c.staffSessionToken);
    const found = await repo.staffSession(db, hash, sessionNow, sessionMaxMs);
    if (!found) return null;
    if (!SAFE_METHODS.has(c.method) && c.csrfHeader !== found.session.csrfToken) throw accessErrors.csrf_failed();
    if (sessionNow.getTime() - found.session.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
      await repo.touchStaffSession(db, hash, sessionNow, slid(sessionNow, found.session.createdAt, STAFF_SESSION_TTL_MS));
    }
    const s = found.staff;
    return { kind: 'staff', via: 'session', staffId: s.id, email: s.email, name: s.name, locale: s.locale, sessionId: hash, ip: c.ip };
  }

  function teamContext(facts: MembershipFacts | null, principal: MemberPrincipal): TeamContext | null {
    if (!facts) return null;
    const channel: Channel = principal.via === 'api_key' ? { via: 'api_key', membershipId: principal.keyMembershipId! } : { via: 'session' };
    if (!isLive(facts, channel)) return null;
    const m = facts.membership;
    return { teamId: m.masterAccountId, membershipId: m.id, role: m.role, grant: grantOf(facts) };
  }

  function allows(team: TeamContext, need: Need): boolean {
    if (need === 'member') return true;
    if (need === 'owner') return team.role === 'owner';
    if (typeof need !== 'string') return need.anyOf.some((p) => holds(team.grant, p));
    return holds(team.grant, need);
  }

  /** A person route: at least one live membership on this channel (and, by key, API permission). */
  async function assertLivePerson(principal: MemberPrincipal, facts: MembershipFacts | null, method: string): Promise<void> {
    if (principal.via === 'api_key') {
      const team = teamContext(facts, principal);
      if (!team) throw accessErrors.invalid_api_key();
      if (!apiAllows(team.grant, method)) throw accessErrors.api_not_allowed();
      return;
    }
    const all = await repo.membershipsOf(db, principal.userId);
    if (!all.some((f) => isLive(f, { via: 'session' }))) throw accessErrors.no_live_membership();
  }

  return {
    async resolve(rule: AccessRule, c: Credentials): Promise<AccessContext> {
      switch (rule.kind) {
        case 'public':
          // Public routes act for nobody: a stale cookie or key must not get in their way.
          return PUBLIC_CONTEXT;
        case 'link': {
          const token = c.params.token ?? '';
          const link = await links.use(db, rule.purpose, token);
          if (!link) throw accessErrors.not_found();
          const principal = { kind: 'buyer_link' as const, purpose: rule.purpose.name, linkId: link.id, about: link.about, payload: link.payload, ip: c.ip };
          return { principal, actor: null, team: null, accountId: null };
        }
        case 'staff': {
          const principal = await staff(c);
          if (!principal) throw accessErrors.not_authenticated();
          if (rule.browserOnly && principal.via === 'api_key') throw accessErrors.browser_only();
          return { principal, actor: null, team: null, accountId: null };
        }
        case 'session':
        case 'person':
        case 'team':
        case 'account': {
          const found = await member(rule, c);
          if (!found) throw accessErrors.not_authenticated();
          const { principal, facts } = found;
          const base = { principal, actor: principal, team: null, accountId: null };
          if (rule.kind === 'session') {
            if (principal.via === 'api_key') throw accessErrors.browser_only();
            return base;
          }
          if (rule.browserOnly && principal.via === 'api_key') throw accessErrors.browser_only();
          if (rule.kind === 'person') {
            await assertLivePerson(principal, facts, c.method);
            return base;
          }
          const team = teamContext(facts, principal);
          if (!team) throw accessErrors.not_found();
          const accountId = rule.kind === 'account' ? c.params.accountId! : null;
          if (accountId && !seesAccount(team.grant, accountId)) throw accessErrors.not_found();
          if (principal.via === 'api_key' && !apiAllows(team.grant, c.method)) throw accessErrors.api_not_allowed();
          if (!allows(team, rule.need)) throw accessErrors.forbidden();
          return { ...base, team, accountId };
        }
        default: {
          const exhaustive: never = rule;
          return exhaustive;
        }
      }
    },
  };
}

export type LiveMembership = MembershipFacts & { grant: Grant };

/** Every live membership of a person on a channel, with its grant: TEAM-9's list, login, /me. */
export async function liveMemberships(db: Db, userId: string, channel: Channel): Promise<LiveMembership[]> {
  const all = await createAccessRepository().membershipsOf(db, userId);
  return all.filter((f) => isLive(f, channel)).map((f) => ({ ...f, grant: grantOf(f) }));
}

export const STAFF_SESSION_TTL_MS = 12 * 3_600_000;
