// The demo's catalogs (SALES-1): every linked demo account sells products of every kind in
// its own currency, made once by the products service, read back through the API.
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/app.ts';
import { as } from '../../test/factories.ts';
import { sellerAccounts } from '../modules/accounts/accounts.tables.ts';
import { seedDemo } from './demo.ts';

const ctx = await buildTestApp();

interface Product {
  kind: string;
  accountId: string;
  price: { amount: number; currency: string };
  status: string;
  startsAt?: string;
}

describe('demo products', () => {
  it('each linked account has standard, recurring and event products in its currency, once', async () => {
    const demo = await seedDemo(ctx.deps);
    const other = demo.otherTeams[0]!;
    const list = async (apiKey: string, teamId: string) =>
      (await as(ctx.app, { apiKey })({ url: `/api/v1/teams/${teamId}/products?limit=200` })).json().items as Product[];
    const before = [...(await list(demo.owner.apiKey, demo.owner.teamId)), ...(await list(other.owner.apiKey, other.owner.teamId))];

    const currencies: Record<string, string> = { cursosbrasil: 'BRL', librosmadrid: 'EUR', eventosmx: 'MXN', musicaar: 'ARS' };
    const accounts = [...demo.accounts.filter((a) => a.linked), ...other.accounts];
    expect(accounts.map((a) => a.username).sort()).toEqual(Object.keys(currencies).sort());
    // ACC-2: each account's own currency is its catalog's (the unlinked one sells in dollars).
    const rows = await ctx.deps.database.db.select({ username: sellerAccounts.username, currency: sellerAccounts.currency }).from(sellerAccounts);
    expect(Object.fromEntries(rows.map((r) => [r.username, r.currency]))).toEqual({ ...currencies, softwareus: 'USD' });
    for (const account of accounts) {
      const mine = before.filter((p) => p.accountId === account.id);
      expect(new Set(mine.map((p) => p.kind)), account.username).toEqual(new Set(['standard', 'recurring', 'event']));
      expect(new Set(mine.map((p) => p.price.currency)), account.username).toEqual(new Set([currencies[account.username]]));
      // Upcoming events are ahead of whoever opens the demo; the ones that took place are archived.
      for (const p of mine.filter((x) => x.kind === 'event')) {
        const ahead = new Date(p.startsAt!).getTime() > ctx.clock.now().getTime();
        expect(p.status).toBe(ahead ? 'active' : 'archived');
      }
    }
    // The course that stopped selling, and the two events that took place during the demo's sales.
    expect(before.filter((p) => p.status === 'archived').map((p) => p.kind).sort()).toEqual(['event', 'event', 'standard']);
    // The unlinked account is there to be linked; its catalog starts empty.
    const unlinked = demo.accounts.find((a) => !a.linked)!;
    expect(before.some((p) => p.accountId === unlinked.id)).toBe(false);

    // A second run creates nothing.
    await seedDemo(ctx.deps);
    const after = [...(await list(demo.owner.apiKey, demo.owner.teamId)), ...(await list(other.owner.apiKey, other.owner.teamId))];
    expect(after).toEqual(before);

    // Audited as the demo made them, through the service.
    const audit = await as(ctx.app, { apiKey: demo.owner.apiKey })({ url: `/api/v1/teams/${demo.owner.teamId}/audit?action=product.created&limit=200` });
    expect(audit.json().entries).toHaveLength(before.filter((p) => demo.accounts.some((a) => a.id === p.accountId)).length);
  }, 120_000);
});
