import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { createFactories } from '../../../test/factories.ts';
import { teamApi } from '../../../test/team-api.ts';
import { ALL_PERMISSIONS, PERMISSION_GROUPS } from '../../kernel/access/permissions.ts';
import { newId } from '../../kernel/ids.ts';

const ctx = await buildTestApp();
const { app } = ctx;
const db = ctx.deps.database.db;
const f = createFactories(db, () => ctx.clock.now());
const ownerApi = async (t: { owner: { id: string; email: string } }) => teamApi(app, await f.login(t.owner));
const actions = async (teamId: string) => (await ctx.deps.audit.listForMaster(db, teamId, { limit: 1000 })).map((r) => r.action);

describe('TEAM-6 the permission catalog', () => {
  it('is public, grouped as Hotmart does, with Spanish and English labels, and holds every permission once', async () => {
    const res = await app.inject({ url: '/api/v1/permissions' });
    expect(res.statusCode).toBe(200);
    const { groups } = res.json() as { groups: Array<{ id: string; label: { es: string; en: string }; permissions: Array<{ id: string; label: { es: string; en: string } }> }> };
    expect(groups.map((g) => g.id)).toEqual(['receipts', 'sales', 'products', 'reports', 'subscriptions', 'team', 'developers']);
    expect(groups.map((g) => g.label.en)).toEqual(['Receipts', 'Sales', 'Products', 'Reports', 'Subscriptions', 'Team', 'Developers']);
    expect(groups.flatMap((g) => g.permissions.map((p) => p.id))).toEqual([...ALL_PERMISSIONS]);
    expect(groups.find((g) => g.id === 'team')!.permissions).toEqual([{ id: 'team.manage', label: { en: 'Manage users', es: 'Gestionar usuarios' } }]);
    for (const g of groups) {
      expect(g.permissions.map((p) => p.id)).toEqual([...PERMISSION_GROUPS[g.id as keyof typeof PERMISSION_GROUPS]]);
      for (const p of g.permissions) expect(p.label.es && p.label.en).toBeTruthy();
    }
  });
});

describe('TEAM-5 profiles', () => {
  it('the owner creates, lists, renames and deletes profiles; names are unique per team', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = await ownerApi(t);
    const created = await owner.createProfile(t.teamId, { name: 'Soporte', permissions: ['sales.tickets', 'receipts.send', 'sales.tickets'] });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Soporte', permissions: ['receipts.send', 'sales.tickets'], members: 0, pendingInvitations: 0 });
    const id = created.json().id;

    const dup = await owner.createProfile(t.teamId, { name: 'soporte', permissions: [] });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'profile_name_taken', field: 'name' });
    // Another team may use the same name.
    const other = await f.team({ accounts: 1 });
    expect((await (await ownerApi(other)).createProfile(other.teamId, { name: 'Soporte', permissions: [] })).statusCode).toBe(201);

    await f.member({ teamId: t.teamId, profileId: id });
    const listed = await owner.profiles(t.teamId);
    expect(listed.json().profiles).toEqual([expect.objectContaining({ id, name: 'Soporte', members: 1, pendingInvitations: 0 })]);

    const renamed = await owner.updateProfile(t.teamId, id, { name: 'Atención' });
    expect(renamed.json()).toMatchObject({ name: 'Atención', members: 1 });
    expect(await actions(t.teamId)).toEqual(expect.arrayContaining(['profile.created', 'profile.updated']));

    const spare = (await owner.createProfile(t.teamId, { name: 'Spare', permissions: ['reports.view'] })).json();
    const del = await owner.deleteProfile(t.teamId, spare.id);
    expect(del.statusCode).toBe(200);
    expect(del.json()).toEqual({ status: 'deleted', profileId: spare.id });
    expect((await owner.deleteProfile(t.teamId, spare.id)).json().error.code).toBe('profile_not_found');
    // A profile of another team answers like a missing one.
    const foreign = await f.profile({ teamId: other.teamId, permissions: [] });
    const res = await owner.updateProfile(t.teamId, foreign.id, { name: 'Mine' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual((await owner.updateProfile(t.teamId, newId(), { name: 'Mine' })).json());
  });

  it('editing a profile changes at once what every holder may do', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = await ownerApi(t);
    const profile = (await owner.createProfile(t.teamId, { name: 'Gestores', permissions: ['team.manage', 'sales.search', 'api.read'] })).json();
    const holder = await f.member({ teamId: t.teamId, profileId: profile.id });
    const web = teamApi(app, await f.login({ id: holder.userId, email: holder.email }));
    const key = teamApi(app, { apiKey: await f.apiKey(holder.membershipId) });
    expect((await web.members(t.teamId)).statusCode).toBe(200);
    expect((await key.members(t.teamId)).statusCode).toBe(200);

    const edited = await owner.updateProfile(t.teamId, profile.id, { permissions: ['sales.search', 'api.read'] });
    expect(edited.statusCode).toBe(200);
    for (const who of [web, key]) {
      const refused = await who.members(t.teamId);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('forbidden');
    }
    expect((await web.me(t.teamId)).json()).toMatchObject({ profileId: profile.id, permissions: ['sales.search', 'api.read'], tabs: ['tickets', 'transactions'] });

    await owner.updateProfile(t.teamId, profile.id, { permissions: ['sales.search', 'team.manage'] });
    expect((await web.members(t.teamId)).statusCode).toBe(200);
    // The key lost API Read with the profile.
    expect((await key.members(t.teamId)).json().error.code).toBe('api_not_allowed');

    const log = await ctx.deps.audit.listForMaster(db, t.teamId);
    expect(log.find((r) => r.action === 'profile.updated')!.details).toMatchObject({ holders: 1, fields: ['permissions'] });
  });

  it('a profile held by a member or a pending invitation cannot be deleted', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = await ownerApi(t);
    const held = (await owner.createProfile(t.teamId, { name: 'Held', permissions: ['sales.search'] })).json();
    const invited = (await owner.createProfile(t.teamId, { name: 'Invited', permissions: ['sales.search'] })).json();
    const m = await f.member({ teamId: t.teamId, profileId: held.id });
    const inv = await owner.invite(t.teamId, { email: `inv-${newId().slice(-6)}@example.com`, name: 'Inv', profileId: invited.id });
    expect(inv.statusCode).toBe(201);

    const refused = await owner.deleteProfile(t.teamId, held.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('profile_in_use');
    expect(refused.json().error.message).toContain('members: 1');
    expect((await owner.deleteProfile(t.teamId, invited.id)).json().error.code).toBe('profile_in_use');
    expect((await owner.profiles(t.teamId)).json().profiles.find((p: { id: string }) => p.id === invited.id).pendingInvitations).toBe(1);

    await owner.updateMember(t.teamId, m.membershipId, { permissions: ['sales.search'] });
    expect((await owner.deleteProfile(t.teamId, held.id)).statusCode).toBe(200);
    await owner.revoke(t.teamId, inv.json().id);
    expect((await owner.deleteProfile(t.teamId, invited.id)).statusCode).toBe(200);
  });

  it('TEAM-3: a Manage-Users member creates, edits and deletes only profiles within its own permissions', async () => {
    const t = await f.team({ accounts: 2 });
    const [a, b] = t.accounts;
    const owner = await ownerApi(t);
    const manager = await f.member({ teamId: t.teamId, permissions: ['team.manage', 'sales.search', 'reports.view'], accountIds: [a.id] });
    const web = teamApi(app, await f.login({ id: manager.userId, email: manager.email }));

    const tooMuch = await web.createProfile(t.teamId, { name: 'Refunds', permissions: ['sales.search', 'sales.refund'] });
    expect(tooMuch.statusCode).toBe(403);
    expect(tooMuch.json().error).toMatchObject({ code: 'permission_not_held', field: 'permissions' });

    const mine = (await web.createProfile(t.teamId, { name: 'Lectura', permissions: ['sales.search'] })).json();
    const add = await web.updateProfile(t.teamId, mine.id, { permissions: ['sales.search', 'subscriptions.manage'] });
    expect(add.json().error.code).toBe('permission_not_held');
    expect((await web.updateProfile(t.teamId, mine.id, { permissions: ['sales.search', 'reports.view'] })).statusCode).toBe(200);

    const ownersProfile = (await owner.createProfile(t.teamId, { name: 'Reembolsos', permissions: ['sales.search', 'sales.refund'] })).json();
    for (const res of [
      await web.updateProfile(t.teamId, ownersProfile.id, { permissions: ['sales.search'] }),
      await web.updateProfile(t.teamId, ownersProfile.id, { name: 'Renamed' }),
      await web.deleteProfile(t.teamId, ownersProfile.id),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('target_exceeds_actor');
    }

    // An edit reaches every holder: not when a holder sees accounts the manager does not.
    await f.member({ teamId: t.teamId, profileId: mine.id, accountIds: [a.id, b.id] });
    const reachesWider = await web.updateProfile(t.teamId, mine.id, { permissions: ['sales.search'] });
    expect(reachesWider.json().error.code).toBe('target_exceeds_actor');
    expect((await owner.updateProfile(t.teamId, mine.id, { permissions: ['sales.search'] })).statusCode).toBe(200);

    // Giving a member a profile is granting the profile's permissions.
    const newcomer = await web.createMember(t.teamId, { email: `n-${newId().slice(-6)}@example.com`, firstName: 'N', profileId: ownersProfile.id, accountIds: [a.id] });
    expect(newcomer.json().error.code).toBe('permission_not_held');
  });
});
