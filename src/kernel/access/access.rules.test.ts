import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiAllows, checkGrant, type Grant, ownerGrant, visibleTabs } from './access.rules.ts';
import { ALL_PERMISSIONS, type Permission } from './permissions.ts';

const member = (perms: Permission[], accounts: 'all' | string[] = 'all'): Grant => ({
  role: 'member',
  permissions: new Set(perms),
  accounts: accounts === 'all' ? 'all' : new Set(accounts),
});

describe('checkGrant (TEAM-3, TEAM-8)', () => {
  const manager = member(['team.manage', 'sales.search'], ['a1', 'a2']);

  it('refuses to touch the owner, even for the owner role of another actor', () => {
    const r = checkGrant({
      actor: manager,
      actorMembershipId: 'm',
      target: { membershipId: 'o', role: 'owner', current: ownerGrant() },
      next: { permissions: new Set(), accounts: new Set() },
    });
    expect(r).toBe('cannot_touch_owner');
  });

  it('refuses a manager editing itself', () => {
    const r = checkGrant({
      actor: manager,
      actorMembershipId: 'm',
      target: { membershipId: 'm', role: 'member', current: manager },
      next: { permissions: new Set(['team.manage']), accounts: new Set(['a1']) },
    });
    expect(r).toBe('cannot_edit_self');
  });

  it('refuses granting a permission or account the manager lacks', () => {
    expect(
      checkGrant({ actor: manager, actorMembershipId: 'm', target: null, next: { permissions: new Set(['api.write']), accounts: new Set(['a1']) } }),
    ).toBe('permission_not_held');
    expect(
      checkGrant({ actor: manager, actorMembershipId: 'm', target: null, next: { permissions: new Set(['sales.search']), accounts: new Set(['a3']) } }),
    ).toBe('account_not_held');
    expect(
      checkGrant({ actor: manager, actorMembershipId: 'm', target: null, next: { permissions: new Set(['sales.search']), accounts: 'all' } }),
    ).toBe('account_not_held');
  });

  it('API Read/Write includes API Read: a manager holding it may grant API Read, not the other way round (issue 7)', () => {
    // The demo's marta@: Manage Users and API Read/Write.
    const marta = member(['team.manage', 'api.write'], 'all');
    const grant = (actor: Grant, permissions: Permission[], current?: Grant) =>
      checkGrant({
        actor,
        actorMembershipId: 'm',
        target: current ? { membershipId: 'other', role: 'member', current } : null,
        next: { permissions: new Set(permissions), accounts: 'all' },
      });
    expect(grant(marta, ['api.read'])).toBeNull();
    expect(grant(marta, ['api.read', 'api.write'])).toBeNull();
    // Someone holding API Read is within what she holds, so she may edit them.
    expect(grant(marta, ['api.read'], member(['api.read']))).toBeNull();
    const reader = member(['team.manage', 'api.read'], 'all');
    expect(grant(reader, ['api.write'])).toBe('permission_not_held');
    expect(grant(reader, [], member(['api.write']))).toBe('target_exceeds_actor');
  });
});

// checkGrant as a property, both ways, over random actors (members and the owner), targets
// (none, the owner, oneself, someone holding less or more) and scopes ('all' on either side).
// The expectation is stated from TEAM-3/TEAM-8 below, independently of the implementation.
type Scope = 'all' | ReadonlySet<string>;
const ACCOUNTS = ['a1', 'a2', 'a3', 'a4'];

/** 'all' is every account, present and future: only 'all' holds it. */
function scopeWithin(inner: Scope, outer: Scope): boolean {
  if (outer === 'all') return true;
  return inner !== 'all' && [...inner].every((a) => outer.has(a));
}
/** A permission held, API Read/Write counting as API Read too (apiAllows reads with either). */
function held(p: Permission, outer: ReadonlySet<Permission>): boolean {
  return outer.has(p) || (p === 'api.read' && outer.has('api.write'));
}
function grantWithin(inner: { permissions: ReadonlySet<Permission>; accounts: Scope }, outer: Grant): boolean {
  return [...inner.permissions].every((p) => held(p, outer.permissions)) && scopeWithin(inner.accounts, outer.accounts);
}

const anyScope: fc.Arbitrary<Scope> = fc.oneof(fc.constant('all' as const), fc.subarray(ACCOUNTS).map((a) => new Set(a)));
const anyPerms = fc.subarray([...ALL_PERMISSIONS]).map((p) => new Set<Permission>(p));
/** Half the time within what `outer` holds, so that both answers come up often. */
const scopeNear = (outer: Scope) => fc.oneof(outer === 'all' ? anyScope : fc.subarray([...outer]).map((a) => new Set(a)), anyScope);
const permsNear = (outer: ReadonlySet<Permission>) => fc.oneof(fc.subarray([...outer]).map((p) => new Set<Permission>(p)), anyPerms);

const SELF = 'm-self';
interface Scenario {
  actor: Grant;
  target: { membershipId: string; role: 'owner' | 'member'; current: Grant } | null;
  next: { permissions: ReadonlySet<Permission>; accounts: Scope };
}
const scenario = fc
  .record({ owner: fc.constantFrom(false, false, false, true), permissions: anyPerms, accounts: anyScope })
  .chain(({ owner, permissions, accounts }) => {
    const actor: Grant = owner ? ownerGrant() : { role: 'member', permissions, accounts };
    const target = fc.option(
      fc.record({
        membershipId: fc.constantFrom(SELF, 'm-other'),
        role: fc.constantFrom<'owner' | 'member'>('member', 'member', 'owner'),
        current: fc.record({ permissions: permsNear(actor.permissions), accounts: scopeNear(actor.accounts) }).map((g): Grant => ({ role: 'member', ...g })),
      }),
      { nil: null },
    );
    const next = fc.record({ permissions: permsNear(actor.permissions), accounts: scopeNear(actor.accounts) });
    return fc.record({ actor: fc.constant(actor), target, next });
  }) satisfies fc.Arbitrary<Scenario>;

function decide(s: Scenario) {
  return checkGrant({ actor: s.actor, actorMembershipId: SELF, target: s.target, next: s.next });
}

describe('checkGrant as a property (TEAM-3, TEAM-8)', () => {
  const runs = { numRuns: 1_000 };

  it('(a) whatever is allowed lies within what the actor holds, on a target it may touch', () => {
    let allowed = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        if (decide(s) !== null) return;
        allowed++;
        expect(s.target?.role).not.toBe('owner');
        if (s.actor.role === 'owner') return;
        expect(grantWithin(s.next, s.actor)).toBe(true);
        if (s.target) {
          expect(s.target.membershipId).not.toBe(SELF);
          expect(grantWithin(s.target.current, s.actor)).toBe(true);
        }
      }),
      runs,
    );
    expect(allowed).toBeGreaterThan(runs.numRuns / 10); // the property above was not vacuous
  });

  it('(b) whatever lies within what the actor holds, on a target it may touch, is allowed', () => {
    let premise = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        const touchable = s.target === null || (s.target.role !== 'owner' && (s.actor.role === 'owner' || (s.target.membershipId !== SELF && grantWithin(s.target.current, s.actor))));
        if (!touchable || !(s.actor.role === 'owner' || grantWithin(s.next, s.actor))) return;
        premise++;
        expect(decide(s)).toBeNull();
      }),
      runs,
    );
    expect(premise).toBeGreaterThan(runs.numRuns / 10);
  });

  it('a refusal names a reason that holds', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(scenario, (s) => {
        const r = decide(s);
        if (r === null) return;
        seen.add(r);
        const member = s.actor.role === 'member';
        const holds = {
          cannot_touch_owner: s.target?.role === 'owner',
          cannot_edit_self: member && s.target?.membershipId === SELF,
          target_exceeds_actor: member && s.target !== null && !grantWithin(s.target.current, s.actor),
          permission_not_held: member && ![...s.next.permissions].every((p) => held(p, s.actor.permissions)),
          account_not_held: member && !scopeWithin(s.next.accounts, s.actor.accounts),
        }[r];
        expect(holds, r).toBe(true);
      }),
      runs,
    );
    expect([...seen].sort()).toEqual(['account_not_held', 'cannot_edit_self', 'cannot_touch_owner', 'permission_not_held', 'target_exceeds_actor']);
  });

  it("'all' on either side: only 'all' grants 'all'; 'all' grants any list", () => {
    const next = (accounts: Scope) => ({ permissions: new Set<Permission>(), accounts });
    const listed = member(['team.manage'], ['a1', 'a2', 'a3', 'a4']);
    const everywhere = member(['team.manage'], 'all');
    expect(checkGrant({ actor: listed, actorMembershipId: SELF, target: null, next: next('all') })).toBe('account_not_held');
    expect(checkGrant({ actor: everywhere, actorMembershipId: SELF, target: null, next: next('all') })).toBeNull();
    expect(checkGrant({ actor: everywhere, actorMembershipId: SELF, target: null, next: next(new Set(['a9'])) })).toBeNull();
    // A target scoped to 'all' holds more than a manager listing every current account.
    const target = { membershipId: 'm-other', role: 'member' as const, current: member([], 'all') };
    expect(checkGrant({ actor: listed, actorMembershipId: SELF, target, next: next(new Set(['a1'])) })).toBe('target_exceeds_actor');
    expect(checkGrant({ actor: everywhere, actorMembershipId: SELF, target, next: next(new Set(['a1'])) })).toBeNull();
  });
});

describe('apiAllows (TEAM-3)', () => {
  it('API Read reads only; API Read/Write also writes; neither: nothing', () => {
    expect(apiAllows(member(['api.read']), 'GET')).toBe(true);
    expect(apiAllows(member(['api.read']), 'POST')).toBe(false);
    expect(apiAllows(member(['api.write']), 'DELETE')).toBe(true);
    expect(apiAllows(member(['api.write']), 'GET')).toBe(true);
    expect(apiAllows(member(['sales.search']), 'GET')).toBe(false);
  });
});

describe('visibleTabs (MA-8)', () => {
  it('owner sees all six; members never dashboard or accounts', () => {
    expect(visibleTabs(ownerGrant())).toEqual(['dashboard', 'accounts', 'tickets', 'transactions', 'reports', 'users']);
    expect(visibleTabs(member([...ALL_PERMISSIONS]))).toEqual(['tickets', 'transactions', 'reports', 'users']);
    expect(visibleTabs(member(['sales.tickets']))).toEqual(['tickets', 'transactions']);
    expect(visibleTabs(member(['team.manage']))).toEqual(['reports', 'users']);
    expect(visibleTabs(member(['api.read']))).toEqual([]);
  });
});
