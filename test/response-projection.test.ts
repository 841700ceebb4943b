// In production responses are written by their schemas' projection alone, without zod's encode
// (src/kernel/http/response-serializer.ts). The same database read through an app in production
// mode and one in test mode (which also encodes through zod and checks the two agree) must answer
// every read byte for byte: the Transactions list and an order, the Tickets list and a ticket,
// the team's accounts, products, and a buyer's order page.
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { orderLink } from '../src/modules/sales/index.ts';
import { buildTestApp } from './app.ts';
import { as } from './factories.ts';
import { buyer, sellerWithCatalog } from './sales-fixtures.ts';

const ctx = await buildTestApp();
const production = await buildApp({ ...ctx.deps, config: { ...ctx.deps.config, nodeEnv: 'production' } });
await production.ready();
afterAll(() => production.close());

describe('responses in production (the projection alone)', () => {
  it('answer the reads exactly as the zod-checked app does', async () => {
    const s = await sellerWithCatalog(ctx);
    const buy = buyer(ctx);
    const { order } = await buy(s.products.standard, { buyer: { name: 'Inês Gonçalves', email: 'projection@example.com', taxId: '390.533.447-05', locale: 'es' } });
    await buy(s.products.recurring, { email: 'projection.sub@example.com' });
    const opened = await s.owner({ method: 'POST', url: `/api/v1/teams/${s.teamId}/tickets`, payload: { receipt: order.receipt, type: 'support', comment: 'Where is my download?' } });
    expect(opened.statusCode, opened.body).toBe(201);
    const number = opened.json().number as number;
    const token = await ctx.deps.links.issue(ctx.deps.database.db, orderLink, { about: order.id, payload: { orderId: order.id } });

    const urls = [
      `/api/v1/teams/${s.teamId}/orders`,
      `/api/v1/teams/${s.teamId}/orders?q=projection%40example.com`,
      `/api/v1/teams/${s.teamId}/orders/${order.id}`,
      `/api/v1/teams/${s.teamId}/tickets`,
      `/api/v1/teams/${s.teamId}/tickets/${number}`,
      `/api/v1/teams/${s.teamId}/accounts`,
      `/api/v1/accounts/${s.accountId}/products`,
      `/api/v1/buyer/orders/${token}`,
    ];
    const inProduction = as(production, s.login);
    for (const url of urls) {
      const checked = await s.owner({ method: 'GET', url });
      const projected = await inProduction({ method: 'GET', url });
      expect(checked.statusCode, `${url}: ${checked.body}`).toBe(200);
      expect(projected.statusCode, url).toBe(200);
      expect(projected.body, url).toBe(checked.body);
    }
  });
});
