import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { createFactories } from '../../../test/factories.ts';
import { cliActor } from '../../kernel/audit/index.ts';
import { createAccountsService } from './accounts.service.ts';

const ctx = await buildTestApp();
const f = createFactories(ctx.deps.database.db, () => ctx.clock.now());
const service = createAccountsService(ctx.deps);

describe('ACC-1 / PLAT-3 abuse flag', () => {
  it('is set and cleared only with a reason, each change audited', async () => {
    const t = await f.team({ accounts: 1 });
    const username = t.accounts[0].username;
    await expect(service.setAbuseFlag({ username, value: true, reason: '  ', actor: cliActor })).rejects.toMatchObject({ code: 'reason_required', field: 'reason' });
    const set = await service.setAbuseFlag({ username, value: true, reason: 'Closes every refund ticket', actor: cliActor });
    expect(set.abusesSaveWindow).toBe(true);
    const cleared = await service.setAbuseFlag({ username, value: false, reason: 'Reviewed', actor: cliActor });
    expect(cleared.abusesSaveWindow).toBe(false);
    const log = await ctx.deps.audit.listForMaster(ctx.deps.database.db, t.teamId);
    const entries = log.filter((e) => e.action.startsWith('account.abuse_flag'));
    expect(entries.map((e) => [e.action, e.details.reason, e.via])).toEqual(
      expect.arrayContaining([
        ['account.abuse_flag_set', 'Closes every refund ticket', 'cli'],
        ['account.abuse_flag_cleared', 'Reviewed', 'cli'],
      ]),
    );
  });

  it('cannot be changed by the owner through the API', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = await f.login({ id: t.owner.id, email: t.owner.email });
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${t.accounts[0].id}`,
      cookies: owner.cookies,
      headers: { 'x-csrf-token': owner.csrf },
      payload: { abusesSaveWindow: false },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'unknown_field', field: 'abusesSaveWindow' });
  });
});
