// The authorization matrix (TEAM-3, MA-8, X-4), generated from the route table:
// every declared route x every kind of actor, with the expected allow/deny computed
// from the SPEC's rules, independently of the access module's code.
import { describe, expect, it } from 'vitest';
import type { AccessRule } from '../src/modules/access/index.ts';
import { ALL_PERMISSIONS, type Permission } from '../src/kernel/access/permissions.ts';
import { newId, randomToken } from '../src/kernel/ids.ts';
import { buildTestApp } from './app.ts';
import { as, createFactories } from './factories.ts';
import { staffLogin } from './staff.ts';

const ctx = await buildTestApp();
const { app } = ctx;
const f = createFactories(ctx.deps.database.db, () => ctx.clock.now());

/** Error codes with which the access check refuses; anything else means the check let the request through. */
const DENIALS = new Set(['not_authenticated', 'no_live_membership', 'invalid_api_key', 'api_not_allowed', 'browser_only', 'csrf_failed', 'forbidden', 'not_found']);

interface ActorSpec {
  name: string;
  via: 'session' | 'api_key' | 'anonymous' | 'staff_session' | 'staff_key';
  role?: 'owner' | 'member';
  permissions?: Permission[];
  scope?: 'all' | 'other';
  enabled?: boolean;
  apiOnly?: boolean;
}

const actors: ActorSpec[] = [
  { name: 'anonymous', via: 'anonymous' },
  { name: 'platform staff (web)', via: 'staff_session' },
  { name: 'platform staff (API key)', via: 'staff_key' },
  { name: 'owner (web)', via: 'session', role: 'owner' },
  { name: 'owner (API key)', via: 'api_key', role: 'owner' },
  ...ALL_PERMISSIONS.map((p): ActorSpec => ({ name: `member with only ${p} (web)`, via: 'session', role: 'member', permissions: [p] })),
  { name: 'member with API Read (key)', via: 'api_key', role: 'member', permissions: ['api.read', 'team.manage', 'sales.search'] },
  { name: 'member with API Read/Write (key)', via: 'api_key', role: 'member', permissions: ['api.write', 'team.manage', 'sales.search'] },
  { name: 'member without API permission (key)', via: 'api_key', role: 'member', permissions: ALL_PERMISSIONS.filter((p) => p !== 'api.read' && p !== 'api.write') },
  { name: 'member scoped to another account (web)', via: 'session', role: 'member', permissions: [...ALL_PERMISSIONS], scope: 'other' },
  { name: 'disabled member (web)', via: 'session', role: 'member', permissions: [...ALL_PERMISSIONS], enabled: false },
  { name: 'disabled member (key)', via: 'api_key', role: 'member', permissions: [...ALL_PERMISSIONS], enabled: false },
  { name: 'API-only member by web', via: 'session', role: 'member', permissions: [...ALL_PERMISSIONS], apiOnly: true },
];

function expectedAllowed(access: AccessRule, method: string, a: ActorSpec, url: string): boolean {
  if (access.kind === 'public') return true;
  if (a.via === 'anonymous') return false;
  const staff = a.via === 'staff_session' || a.via === 'staff_key';
  if (access.kind === 'staff') return staff && !(access.browserOnly && a.via === 'staff_key');
  if (staff || access.kind === 'link') return false;
  if (access.kind === 'session') return a.via === 'session';
  if ('browserOnly' in access && access.browserOnly && a.via === 'api_key') return false;
  if (a.enabled === false || (a.apiOnly && a.via === 'session')) return false; // not a live membership
  // A team route without :teamId (createOrder) acts for the API key's own team; a web session names none.
  if (access.kind === 'team' && !url.includes(':teamId') && a.via === 'session') return false;
  const perms = new Set(a.role === 'owner' ? ALL_PERMISSIONS : a.permissions);
  if (a.via === 'api_key' && a.role !== 'owner') {
    const read = method === 'GET';
    if (read ? !(perms.has('api.read') || perms.has('api.write')) : !perms.has('api.write')) return false;
  }
  if (access.kind === 'person') return true;
  if (access.kind === 'account' && a.scope === 'other') return false;
  if (access.need === 'member') return true;
  if (access.need === 'owner') return a.role === 'owner';
  if (typeof access.need !== 'string') return access.need.anyOf.some((p) => perms.has(p));
  return perms.has(access.need);
}

async function setUp() {
  const t = await f.team({ accounts: 2 });
  const [accountA, accountB] = t.accounts;
  const callers = new Map<string, ReturnType<typeof as>>();
  for (const a of actors) {
    if (a.via === 'anonymous') {
      callers.set(a.name, as(app, null));
      continue;
    }
    if (a.via === 'staff_session' || a.via === 'staff_key') {
      const s = await staffLogin(ctx);
      callers.set(a.name, as(app, a.via === 'staff_key' ? { apiKey: s.apiKey } : { cookies: s.cookies, csrf: s.csrf } as Parameters<typeof as>[1]));
      continue;
    }
    let who: { id: string; email: string; membershipId: string };
    if (a.role === 'owner') who = { id: t.owner.id, email: t.owner.email, membershipId: t.owner.membershipId };
    else {
      const m = await f.member({
        teamId: t.teamId,
        permissions: a.permissions,
        accountIds: a.scope === 'other' ? [accountB.id] : 'all',
        enabled: a.enabled,
        apiOnly: a.apiOnly,
      });
      who = { id: m.userId, email: m.email, membershipId: m.membershipId };
    }
    callers.set(a.name, as(app, a.via === 'api_key' ? { apiKey: await f.apiKey(who.membershipId) } : await f.login(who)));
  }
  return { teamId: t.teamId, accountId: accountA.id, callers };
}

function fillUrl(url: string, ids: { teamId: string; accountId: string }): string {
  return url.replace(/:(\w+)/g, (_m, name: string) => {
    if (name === 'teamId') return ids.teamId;
    if (name === 'accountId') return ids.accountId;
    if (name === 'token') return randomToken();
    return newId(); // sub-resources: a missing one, so an allowed call changes nothing
  });
}

describe('authorization matrix', () => {
  const routes = app.routeTable.filter((r) => r.url !== '/api/v1/test/echo');

  it('covers the product routes', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.some((r) => r.access.kind === 'team')).toBe(true);
  });

  for (const route of routes) {
    it(`${route.method} ${route.url} (${JSON.stringify(route.access)})`, async () => {
      // Fresh actors per route: a route may renew a key or end a session.
      const env = await setUp();
      const url = fillUrl(route.url, env);
      const mismatches: string[] = [];
      for (const [i, a] of actors.entries()) {
        const res = await env.callers.get(a.name)!({
          method: route.method as 'GET',
          url,
          remoteAddress: `10.0.${routes.indexOf(route) % 250}.${i + 1}`, // rate limits are per address
          ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { payload: { __matrix__: true } } : {}),
        });
        const code = res.statusCode >= 400 ? (res.json() as { error?: { code?: string } }).error?.code : undefined;
        const denied = code !== undefined && DENIALS.has(code);
        const want = expectedAllowed(route.access as AccessRule, route.method, a, route.url);
        if (denied === want) mismatches.push(`${a.name}: expected ${want ? 'allow' : 'deny'}, got ${res.statusCode} ${code ?? ''}`);
        expect(res.statusCode, `${a.name} must never cause a 5xx`).toBeLessThan(500);
      }
      expect(mismatches).toEqual([]);
    });
  }
});
