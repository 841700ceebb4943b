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

  it('property: whatever a manager is allowed to grant is a subset of what it holds', () => {
    const perm = fc.constantFrom(...ALL_PERMISSIONS);
    const acc = fc.constantFrom('a1', 'a2', 'a3', 'a4');
    fc.assert(
      fc.property(fc.uniqueArray(perm), fc.uniqueArray(acc), fc.uniqueArray(perm), fc.uniqueArray(acc), (held, heldAcc, wanted, wantedAcc) => {
        const actor = member(['team.manage', ...held], heldAcc);
        const r = checkGrant({ actor, actorMembershipId: 'm', target: null, next: { permissions: new Set(wanted), accounts: new Set(wantedAcc) } });
        if (r === null) {
          for (const p of wanted) expect(actor.permissions.has(p)).toBe(true);
          for (const a of wantedAcc) expect(heldAcc).toContain(a);
        }
      }),
    );
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
