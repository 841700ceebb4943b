import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import { choosePermissions, chooseScope, invitationStatus, refusalError, splitName, visibleAccountIds } from './team.rules.ts';

const codeOf = (x: unknown) => (x instanceof AppError ? { code: x.code, field: x.field } : x);

describe('TEAM-1, TEAM-5 choosing permissions', () => {
  const custom = { source: { profileId: null, permissions: ['sales.search' as const] }, effective: ['sales.search' as const] };
  const profiled = { source: { profileId: 'p1' }, effective: ['sales.tickets' as const] };

  it('a profile and a custom set exclude each other', () => {
    expect(codeOf(choosePermissions({ profileId: 'p1', permissions: [] }, null))).toEqual({ code: 'profile_or_permissions', field: 'permissions' });
  });
  it('a new member without either holds nothing; an edit without either changes nothing', () => {
    expect(choosePermissions({}, null)).toEqual({ profileId: null, permissions: [] });
    expect(choosePermissions({}, custom)).toBe('unchanged');
  });
  it('a custom set replaces the profile, deduplicated', () => {
    expect(choosePermissions({ permissions: ['api.read', 'api.read'] }, profiled)).toEqual({ profileId: null, permissions: ['api.read'] });
  });
  it('profileId null detaches, keeping what the profile gave; on a custom member it is a no-op', () => {
    expect(choosePermissions({ profileId: null }, profiled)).toEqual({ profileId: null, permissions: ['sales.tickets'] });
    expect(choosePermissions({ profileId: null }, custom)).toBe('unchanged');
    expect(choosePermissions({ profileId: null, permissions: ['api.read'] }, profiled)).toEqual({ profileId: null, permissions: ['api.read'] });
  });
});

describe('TEAM-2 choosing the account scope', () => {
  it.each([
    [{ allAccounts: true }, 'create', { allAccounts: true }],
    [{ accountIds: ['a', 'a', 'b'] }, 'create', { allAccounts: false, accountIds: ['a', 'b'] }],
    [{ allAccounts: false, accountIds: [] }, 'update', { allAccounts: false, accountIds: [] }],
    [{}, 'update', 'unchanged'],
    [{}, 'create', { code: 'scope_required', field: 'accountIds' }],
    [{ allAccounts: false }, 'update', { code: 'scope_required', field: 'accountIds' }],
    [{ allAccounts: true, accountIds: ['a'] }, 'update', { code: 'scope_conflict', field: 'accountIds' }],
  ] as const)('%j on %s', (input, mode, expected) => {
    expect(codeOf(chooseScope(input, mode))).toEqual(expected);
  });
});

describe('checkGrant refusals as errors', () => {
  it('each refusal keeps its code, 403, with the field it concerns', () => {
    for (const r of ['cannot_touch_owner', 'cannot_edit_self', 'permission_not_held', 'account_not_held', 'target_exceeds_actor'] as const) {
      const e = refusalError(r);
      expect(e.code).toBe(r);
      expect(e.status).toBe(403);
      expect(e.messageIn('es')).not.toBe(e.messageIn('en'));
    }
    expect(refusalError('account_not_held').field).toBe('accountIds');
  });
});

describe('TEAM-7 invitation state', () => {
  const now = new Date('2026-01-05T12:00:00Z');
  it('a pending invitation expires at its instant; accepted and revoked stay so', () => {
    expect(invitationStatus({ status: 'pending', expiresAt: new Date(now.getTime() + 1) }, now)).toBe('pending');
    expect(invitationStatus({ status: 'pending', expiresAt: now }, now)).toBe('expired');
    expect(invitationStatus({ status: 'accepted', expiresAt: new Date(0) }, now)).toBe('accepted');
    expect(invitationStatus({ status: 'revoked', expiresAt: new Date(now.getTime() + 1e9) }, now)).toBe('revoked');
  });
  it('splits a name into a first name and the rest', () => {
    expect(splitName('  Ana  María Pérez ')).toEqual({ firstName: 'Ana', lastName: 'María Pérez' });
    expect(splitName('Cher')).toEqual({ firstName: 'Cher', lastName: '' });
    expect(splitName('   ')).toEqual({ firstName: '', lastName: '' });
  });
});

describe('X-4 what a scoped viewer sees of others', () => {
  it('only the ids within its own scope', () => {
    expect(visibleAccountIds(['a', 'b'], 'all')).toEqual(['a', 'b']);
    expect(visibleAccountIds(['a', 'b'], new Set(['b', 'c']))).toEqual(['b']);
  });
});
