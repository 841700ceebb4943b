// Tickets' API on a real database (API-1, TKT-2 to TKT-12, PLAT-1, PLAT-2, TEAM-3): a team's
// tickets by number (open, list, read, reply, change type, close, reopen), each party's e-mailed
// link (that ticket only), the buyer's opening from the order page, and the staff's phone
// tickets and escalation queue. Every refusal is a localized 4xx with its code and rule, and
// writes nothing.
import { and, asc, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as } from '../../../test/factories.ts';
import { buyer, sellerWithCatalog } from '../../../test/sales-fixtures.ts';
import { staffLogin } from '../../../test/staff.ts';
import { auditLog } from '../../kernel/audit/index.ts';
import { outbox } from '../../kernel/mail/mail.tables.ts';
import { orderLink } from '../sales/index.ts';
import { orders, payments } from '../sales/sales.tables.ts';
import { ticketEvents, tickets } from './tickets.tables.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const buy = buyer(ctx);
const staff = await staffLogin(ctx);
const asStaff = as(ctx.app, { cookies: staff.cookies, csrf: staff.csrf } as never);
const asStaffKey = as(ctx.app, { apiKey: staff.apiKey });

type Seller = Awaited<ReturnType<typeof sellerWithCatalog>>;
const url = (s: Seller, rest = '') => `/api/v1/teams/${s.teamId}/tickets${rest}`;

/** The latest e-mail of a template to an address, and the token of its ticket link. */
async function mailTo(to: string, template: string) {
  const rows = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.toAddress, to), eq(outbox.template, template)))
    .orderBy(asc(outbox.id));
  const last = rows[rows.length - 1];
  const token = last?.text.match(/\/tickets\/[bs]\/([A-Za-z0-9_-]{20,})/)?.[1];
  return { count: rows.length, mail: last, token };
}
const sellerAddress = (s: Seller) => `${s.accounts[0]!.username}@sellers.example.com`;
const outboxSize = async () => (await db.select({ n: count() }).from(outbox))[0]!.n;
const ticketsOfOrder = async (orderId: string) => db.select().from(tickets).where(eq(tickets.orderId, orderId));
const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; field?: string; details?: Record<string, unknown>; message: string } }).error;

describe('openTicket (TKT-2, TKT-7, TKT-11)', () => {
  it('the owner opens a refund ticket: 201, seller-opened, processed 5 minutes later, both parties e-mailed; the order is not claimed', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard, { email: 'open.api@example.com' });
    const res = await s.owner({ method: 'POST', url: url(s), payload: { receipt: order.receipt.toLowerCase().replace(/(.{5})/, '$1-'), type: 'refund', comment: 'The buyer phoned' } });
    expect(res.statusCode, res.body).toBe(201);
    const t = res.json();
    expect(t).toMatchObject({ receipt: order.receipt, type: 'refund', status: 'open', openedBy: 'seller', turn: 'buyer', accountId: s.accountId, orderId: order.id });
    expect(Date.parse(t.processAt) - ctx.clock.now().getTime()).toBe(5 * 60_000);
    expect((await mailTo('open.api@example.com', 'tickets.opened')).count).toBe(1);
    expect((await mailTo(sellerAddress(s), 'tickets.opened')).count).toBeGreaterThanOrEqual(1);
    expect((await db.select().from(orders).where(eq(orders.id, order.id)))[0]!.status).toBe('approved');
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'ticket.opened'), eq(auditLog.entityId, t.id)));
    expect(entry).toMatchObject({ accountId: s.accountId, masterAccountId: s.teamId, actorLabel: s.login.email, via: 'session' });
  });

  it('refusals, each a localized 4xx with its code and rule, nothing written: another seller’s receipt, a second refund ticket, cancel on a standard product', async () => {
    const s = await sellerWithCatalog(ctx);
    const other = await sellerWithCatalog(ctx);
    const { order: theirs } = await buy(other.products.standard);
    const { order } = await buy(s.products.standard);
    const before = { mail: await outboxSize(), tickets: (await ticketsOfOrder(theirs.id)).length };

    const foreign = await s.owner({ method: 'POST', url: url(s), payload: { receipt: theirs.receipt, type: 'support', comment: 'x' } });
    const missing = await s.owner({ method: 'POST', url: url(s), payload: { receipt: 'ZZZZZZZZZZ', type: 'support', comment: 'x' } });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    expect(errorOf(foreign)).toMatchObject({ code: 'receipt_not_found', field: 'receipt' });

    expect((await s.owner({ method: 'POST', url: url(s), payload: { receipt: order.receipt, type: 'refund', comment: 'first' } })).statusCode).toBe(201);
    const mailAfterFirst = await outboxSize();
    const second = await s.owner({ method: 'POST', url: url(s), payload: { receipt: order.receipt, type: 'refund', comment: 'second' } });
    expect(second.statusCode).toBe(409);
    expect(errorOf(second)).toMatchObject({ code: 'refund_ticket_exists', details: { rule: 'TKT-11' }, message: 'This order already has an open refund ticket' });

    const cancel = await s.owner({ method: 'POST', url: url(s), payload: { receipt: order.receipt, type: 'cancel', comment: 'cancel' } });
    expect(cancel.statusCode).toBe(409);
    expect(errorOf(cancel)).toMatchObject({ code: 'cancel_needs_subscription', details: { rule: 'TKT-11' }, message: 'Only an active subscription can be cancelled' });

    expect(await outboxSize()).toBe(mailAfterFirst);
    expect(mailAfterFirst - before.mail).toBe(2); // the first ticket's two e-mails, nothing else
    expect(await ticketsOfOrder(theirs.id)).toHaveLength(before.tickets);
    expect(await ticketsOfOrder(order.id)).toHaveLength(1);
  });

  it('an API key with API Read only may list but not open (API-1); with Read/Write it opens', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard);
    const reader = await s.f.member({ teamId: s.teamId, permissions: ['sales.search', 'api.read'] });
    const writer = await s.f.member({ teamId: s.teamId, permissions: ['sales.search', 'api.write'] });
    const readKey = as(ctx.app, { apiKey: await s.f.apiKey(reader.membershipId) });
    const writeKey = as(ctx.app, { apiKey: await s.f.apiKey(writer.membershipId) });
    const body = { receipt: order.receipt, type: 'support', comment: 'Through the API' };
    expect((await readKey({ method: 'GET', url: url(s) })).statusCode).toBe(200);
    expect(errorOf(await readKey({ method: 'POST', url: url(s), payload: body })).code).toBe('api_not_allowed');
    const opened = await writeKey({ method: 'POST', url: url(s), payload: body });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().openedBy).toBe('seller');
  });
});

describe('listTickets (TKT-9)', () => {
  it('filters by type, product kind, status, search (e-mail, number, receipt), dates and account; pages both ways by cursor', async () => {
    const s = await sellerWithCatalog(ctx, { accounts: 2 });
    const open = async (receipt: string, type: string) => {
      const res = await s.owner({ method: 'POST', url: url(s), payload: { receipt, type, comment: `${type} please` } });
      expect(res.statusCode, res.body).toBe(201);
      ctx.clock.advance(1000);
      return res.json() as { number: number; id: string };
    };
    const a = (await buy(s.products.standard, { email: 'list.a@example.com' })).order;
    const b = (await buy(s.products.recurring, { email: 'list.b@example.com' })).order;
    const c = (await buy(s.products.event, { email: 'list.c@example.com' })).order;
    const tSupport = await open(a.receipt, 'support');
    const startOfRefunds = ctx.clock.now().toISOString();
    const tRefund = await open(a.receipt, 'refund');
    const tCancel = await open(b.receipt, 'cancel');
    const tEvent = await open(c.receipt, 'support');
    expect((await s.owner({ method: 'POST', url: url(s, `/${tSupport.number}/close`), payload: {} })).statusCode).toBe(200);

    const list = async (query: string) => {
      const res = await s.owner({ method: 'GET', url: url(s, `?${query}`) });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: Array<{ number: number; productKind: string; buyer: { email: string }; account: { id: string } }>; nextCursor: string | null; prevCursor: string | null };
    };
    const numbers = async (query: string) => (await list(query)).items.map((i) => i.number);

    expect(await numbers('')).toEqual([tEvent.number, tCancel.number, tRefund.number, tSupport.number]);
    expect(await numbers('type=refund')).toEqual([tRefund.number]);
    expect(await numbers('productKind=recurring')).toEqual([tCancel.number]);
    expect(await numbers('productKind=standard')).toEqual([tEvent.number, tRefund.number, tSupport.number]);
    expect(await numbers('status=closed')).toEqual([tSupport.number]);
    expect(await numbers('status=open&type=support')).toEqual([tEvent.number]);
    expect(await numbers('q=LIST.A%40example.com')).toEqual([tRefund.number, tSupport.number]);
    expect(await numbers(`q=%23${tCancel.number}`)).toEqual([tCancel.number]);
    expect(await numbers(`q=${tCancel.number}`)).toEqual([tCancel.number]);
    expect(await numbers(`q=${c.receipt.toLowerCase()}`)).toEqual([tEvent.number]);
    expect(await numbers(`createdFrom=${encodeURIComponent(startOfRefunds)}&type=refund`)).toEqual([tRefund.number]);
    expect(await numbers(`createdTo=${encodeURIComponent(startOfRefunds)}`)).toEqual([tSupport.number]);
    expect(await numbers(`closedFrom=${encodeURIComponent(startOfRefunds)}`)).toEqual([tSupport.number]);
    expect(await numbers(`updatedFrom=${encodeURIComponent(ctx.clock.now().toISOString())}`)).toEqual([tSupport.number]);
    expect(await numbers(`accountId=${s.accounts[1]!.id}`)).toEqual([]);
    const first = (await list('limit=1')).items[0]!;
    expect(first).toMatchObject({ productKind: 'event', buyer: { email: 'list.c@example.com' }, account: { id: s.accountId } });

    // Keyset pages: forward to the end, then back to the start, the same rows.
    const p1 = await list('limit=3');
    expect(p1.items.map((i) => i.number)).toEqual([tEvent.number, tCancel.number, tRefund.number]);
    expect(p1.prevCursor).toBeNull();
    const p2 = await list(`limit=3&cursor=${p1.nextCursor}`);
    expect(p2.items.map((i) => i.number)).toEqual([tSupport.number]);
    expect(p2.nextCursor).toBeNull();
    const back = await list(`limit=3&cursor=${p2.prevCursor}`);
    expect(back.items.map((i) => i.number)).toEqual([tEvent.number, tCancel.number, tRefund.number]);
    expect(back.prevCursor).toBeNull();

    for (const [query, code, field] of [
      ['q=Ana', 'invalid_search', 'q'],
      ['cursor=bm9wZQ', 'invalid_cursor', 'cursor'],
      [`accountId=${(await sellerWithCatalog(ctx)).accountId}`, 'account_not_found', 'accountId'],
      ['createdFrom=2026-02-01T00:00:00Z&createdTo=2026-01-01T00:00:00Z', 'validation_failed', 'createdTo'],
    ] as const) {
      const res = await s.owner({ method: 'GET', url: url(s, `?${query}`) });
      expect(res.statusCode, query).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, query).toBeLessThan(500);
      expect(errorOf(res), query).toMatchObject({ code, field });
    }
  });
});

describe('getTicket and the seller’s actions (TKT-5, TKT-9, TKT-10)', () => {
  it('reads by number with the order, the history, the due sentence in the reader’s language and the seller’s actions; another team’s number answers like a missing one', async () => {
    const s = await sellerWithCatalog(ctx);
    const other = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard, { email: 'detail@example.com' });
    const opened = await s.owner({ method: 'POST', url: url(s), payload: { receipt: order.receipt, type: 'support', comment: 'Help, please' } });
    const n = opened.json().number as number;
    // A Spanish-speaking member reads it in Spanish (the person's language, X-1).
    const hispanic = await s.f.user({ locale: 'es' });
    await s.f.member({ teamId: s.teamId, userId: hispanic.id, permissions: ['sales.tickets'] });
    const inSpanish = as(ctx.app, await s.f.login(hispanic));
    const res = await inSpanish({ method: 'GET', url: url(s, `/${n}`) });
    expect(res.statusCode, res.body).toBe(200);
    const t = res.json();
    expect(t).toMatchObject({
      number: n,
      type: 'support',
      viewer: 'seller',
      account: { id: s.accountId, timeZone: 'Europe/Madrid' },
      order: { id: order.id, receipt: order.receipt, productKind: 'standard', total: { amount: 11800, currency: 'BRL' }, buyer: { email: 'detail@example.com' } },
      history: [{ kind: 'opened', actor: { kind: 'seller' }, body: 'Help, please', toType: 'support' }],
    });
    expect(t.autoCloseAt).not.toBeNull();
    expect(t.dueSentence).toMatch(/^Sin actividad, el ticket se cerrará el /);
    // A seller-opened support ticket on a one-payment product: reply, close, or make it a refund (no cancel: TKT-11).
    expect(t.actions.map((a: { action: string; toType?: string }) => a.toType ?? a.action).sort()).toEqual(['close', 'comment', 'refund']);
    const en = (await s.owner({ method: 'GET', url: url(s, `/${n}`), headers: { 'accept-language': 'en' } })).json();
    expect(en.dueSentence).toMatch(/^Without activity, the ticket will close on /);

    const foreign = await other.owner({ method: 'GET', url: `/api/v1/teams/${other.teamId}/tickets/${n}` });
    const missing = await other.owner({ method: 'GET', url: `/api/v1/teams/${other.teamId}/tickets/999999999` });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    expect(errorOf(foreign).code).toBe('ticket_not_found');
    for (const action of ['comment', 'close', 'reopen', 'type']) {
      const body = action === 'comment' ? { body: 'hi' } : action === 'type' ? { type: 'refund' } : {};
      const tried = await other.owner({ method: 'POST', url: `/api/v1/teams/${other.teamId}/tickets/${n}/${action}`, payload: body });
      expect(tried.statusCode, action).toBe(404);
      expect(errorOf(tried).code).toBe('ticket_not_found');
    }
    expect((await s.owner({ method: 'GET', url: url(s, `/${n}`) })).json().history).toHaveLength(1);
  });

  it('closing or changing a buyer’s refund ticket needs the buyer’s consent; with it the buyer is told and may escalate; replying on a closed ticket is refused', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard, { email: 'save@example.com' });
    await createTicketsOf(order.receipt, 'refund');
    const n = (await db.select().from(tickets).where(eq(tickets.orderId, order.id)))[0]!.number;

    const detail = (await s.owner({ method: 'GET', url: url(s, `/${n}`) })).json();
    expect(detail.actions).toContainEqual({ action: 'close', needsBuyerConsent: true });
    expect(detail.actions).toContainEqual({ action: 'change_type', toType: 'support', needsBuyerConsent: true });
    expect(detail.dueSentence).toMatch(/^The refund will be processed on /);

    const mails = await outboxSize();
    const noConsent = await s.owner({ method: 'POST', url: url(s, `/${n}/close`), payload: {} });
    expect(noConsent.statusCode).toBe(400);
    expect(errorOf(noConsent)).toMatchObject({ code: 'buyer_consent_required', field: 'buyerConsent', details: { rule: 'TKT-5' } });
    const noConsentType = await s.owner({ method: 'POST', url: url(s, `/${n}/type`), payload: { type: 'support', buyerConsent: false } });
    expect(errorOf(noConsentType)).toMatchObject({ code: 'buyer_consent_required', details: { rule: 'TKT-5' } });
    expect(await outboxSize()).toBe(mails);

    const changed = await s.owner({ method: 'POST', url: url(s, `/${n}/type`), payload: { type: 'support', buyerConsent: true, comment: 'Agreed by phone' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ type: 'support', processAt: null, escalatable: true });
    expect(changed.json().history.at(-1)).toMatchObject({ kind: 'type_changed', fromType: 'refund', toType: 'support', buyerConsent: true, body: 'Agreed by phone' });
    expect((await mailTo('save@example.com', 'tickets.changed')).count).toBe(1);
    expect((await db.select().from(orders).where(eq(orders.id, order.id)))[0]!.status).toBe('approved');

    const closed = await s.owner({ method: 'POST', url: url(s, `/${n}/close`), payload: {} });
    expect(closed.json()).toMatchObject({ status: 'closed' });
    const reply = await s.owner({ method: 'POST', url: url(s, `/${n}/comment`), payload: { body: 'one more thing' } });
    expect(reply.statusCode).toBe(409);
    expect(errorOf(reply)).toMatchObject({ code: 'ticket_closed', details: { rule: 'TKT-1' } });
    const reopened = await s.owner({ method: 'POST', url: url(s, `/${n}/reopen`), payload: { comment: 'Reopening' } });
    expect(reopened.json()).toMatchObject({ status: 'reopened', type: 'support' });
    const [changedAudit] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'ticket.type_changed'), eq(auditLog.accountId, s.accountId)));
    expect(changedAudit!.details).toMatchObject({ number: n, from: 'refund', to: 'support', buyerConsent: true });
  });

  it('the sweep drains in batches up to its cap (the server job: 20 batches a pass) and leaves the rest due for the next pass', async () => {
    const s = await sellerWithCatalog(ctx);
    for (let i = 0; i < 3; i++) {
      const { order } = await buy(s.products.standard);
      const opened = await s.owner({ method: 'POST', url: url(s), payload: { receipt: order.receipt, type: 'refund', comment: `Refund ${i}` } });
      expect(opened.statusCode, opened.body).toBe(201);
    }
    ctx.clock.advance(6 * 60_000);
    const { ticketsServiceOf } = await import('./index.ts');
    const service = ticketsServiceOf(ctx.deps);
    const capped = await service.sweepDue(1, 2);
    expect(capped).toMatchObject({ claimed: 2, processed: 2, failed: 0 });
    expect((await service.sweepDue()).processed).toBeGreaterThanOrEqual(1);
    expect((await service.sweepDue()).claimed).toBe(0);
  });

  it('a processed ticket never reopens (TKT-10); TKT-12: a flagged seller cannot close a refund ticket even with consent', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard);
    const t = (await s.owner({ method: 'POST', url: url(s), payload: { receipt: order.receipt, type: 'refund', comment: 'Refund it' } })).json();
    ctx.clock.advance(5 * 60_000);
    const { ticketsServiceOf } = await import('./index.ts');
    expect((await ticketsServiceOf(ctx.deps).sweepDue()).processed).toBeGreaterThanOrEqual(1);
    const reopen = await s.owner({ method: 'POST', url: url(s, `/${t.number}/reopen`), payload: {} });
    expect(reopen.statusCode).toBe(409);
    expect(errorOf(reopen)).toMatchObject({ code: 'ticket_processed', details: { rule: 'TKT-10' } });
    expect(await db.select().from(payments).where(and(eq(payments.orderId, order.id), eq(payments.kind, 'refund')))).toHaveLength(1);

    const { order: o2 } = await buy(s.products.standard);
    const t2 = await createTicketsOf(o2.receipt, 'refund');
    const flag = await asStaff({ method: 'PUT', url: `/api/v1/staff/accounts/${s.accountId}/abuse-flag`, payload: { value: true, reason: 'Closes every refund' } });
    expect(flag.statusCode, flag.body).toBe(200);
    const close = await s.owner({ method: 'POST', url: url(s, `/${t2.number}/close`), payload: { buyerConsent: true } });
    expect(close.statusCode).toBe(403);
    expect(errorOf(close)).toMatchObject({ code: 'abuse_flag', details: { rule: 'TKT-12' } });
  });
});

/** A buyer-side ticket, opened by platform staff for a buyer who phoned (PLAT-1: the buyer's rules). */
async function createTicketsOf(receipt: string, type: 'support' | 'refund' | 'cancel') {
  const res = await asStaff({ method: 'POST', url: '/api/v1/staff/tickets', payload: { receipt, type, comment: `By phone: ${type}` } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { number: number; id: string; processAt: string | null };
}

describe('TEAM-3: a member with only Orders/Tickets', () => {
  it('sees the tickets and their orders, works them, opens only on ticketed orders, and asks for no money without its permission', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order: ticketed } = await buy(s.products.standard, { email: 'ticketed@example.com' });
    const { order: plain } = await buy(s.products.standard, { email: 'plain@example.com' });
    const t = await createTicketsOf(ticketed.receipt, 'support');
    const member = await s.f.member({ teamId: s.teamId, permissions: ['sales.tickets'] });
    const m = as(ctx.app, await s.f.login({ id: member.userId, email: member.email }));

    const list = (await m({ method: 'GET', url: url(s) })).json();
    expect(list.items.map((i: { number: number }) => i.number)).toEqual([t.number]);
    const detail = await m({ method: 'GET', url: url(s, `/${t.number}`) });
    expect(detail.json()).toMatchObject({ order: { id: ticketed.id, buyer: { email: 'ticketed@example.com' } } });
    expect((await m({ method: 'POST', url: url(s, `/${t.number}/comment`), payload: { body: 'On it' } })).statusCode).toBe(200);

    const onPlain = await m({ method: 'POST', url: url(s), payload: { receipt: plain.receipt, type: 'support', comment: 'x' } });
    const onMissing = await m({ method: 'POST', url: url(s), payload: { receipt: 'ZZZZZZZZZZ', type: 'support', comment: 'x' } });
    expect(onPlain.statusCode).toBe(404);
    expect(onPlain.json()).toEqual(onMissing.json());
    expect((await m({ method: 'POST', url: url(s), payload: { receipt: ticketed.receipt, type: 'support', comment: 'another' } })).statusCode).toBe(201);
    const refund = await m({ method: 'POST', url: url(s), payload: { receipt: ticketed.receipt, type: 'refund', comment: 'refund' } });
    expect(refund.statusCode).toBe(403);
    expect(errorOf(refund)).toMatchObject({ code: 'refund_permission_required', field: 'type', details: { need: 'sales.refund' } });
    const toRefund = await m({ method: 'POST', url: url(s, `/${t.number}/type`), payload: { type: 'refund' } });
    expect(errorOf(toRefund).code).toBe('refund_permission_required');

    const nobody = await s.f.member({ teamId: s.teamId, permissions: ['products.view'] });
    const n = as(ctx.app, await s.f.login({ id: nobody.userId, email: nobody.email }));
    expect(errorOf(await n({ method: 'GET', url: url(s) })).code).toBe('forbidden');
    expect(errorOf(await n({ method: 'GET', url: url(s, `/${t.number}`) })).code).toBe('forbidden');
  });
});

describe('each party’s link (TKT-3, TKT-5): that ticket only, no login', () => {
  it('the seller saves the sale from its link with the buyer’s consent; the buyer reads, replies, changes it back, and escalates from its own; links never cross', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard, { email: 'link.buyer@example.com' });
    const { order: otherOrder } = await buy(s.products.standard, { email: 'link.other@example.com' });
    const t = await createTicketsOf(order.receipt, 'refund');
    await createTicketsOf(otherOrder.receipt, 'support');
    const buyerToken = (await mailTo('link.buyer@example.com', 'tickets.opened')).token!;
    const otherBuyerToken = (await mailTo('link.other@example.com', 'tickets.opened')).token!;
    const sellerMail = await db.select().from(outbox).where(and(eq(outbox.toAddress, sellerAddress(s)), eq(outbox.template, 'tickets.opened'))).orderBy(asc(outbox.id));
    const sellerToken = sellerMail.find((m) => m.subject.includes(String(t.number)))!.text.match(/\/tickets\/s\/([A-Za-z0-9_-]+)/)![1]!;
    const anon = as(ctx.app, null);
    const buyerLink = (rest = '') => `/api/v1/ticket-links/buyer/${buyerToken}${rest}`;
    const sellerLink = (rest = '') => `/api/v1/ticket-links/seller/${sellerToken}${rest}`;

    const asBuyer = (await anon({ method: 'GET', url: buyerLink() })).json();
    expect(asBuyer).toMatchObject({ number: t.number, viewer: 'buyer', type: 'refund', openedBy: 'staff' });
    expect(asBuyer.actions).toEqual([
      { action: 'comment', needsBuyerConsent: false },
      { action: 'change_type', toType: 'support', needsBuyerConsent: false },
      { action: 'close', needsBuyerConsent: false },
    ]);
    expect(asBuyer.history[0].actor).toEqual({ kind: 'staff', label: 'staff' }); // a link's reader never sees staff's e-mail
    const asSeller = (await anon({ method: 'GET', url: sellerLink() })).json();
    expect(asSeller).toMatchObject({ number: t.number, viewer: 'seller' });

    // Links never cross: a buyer token on the seller's path, another ticket's token, an order link.
    const orderToken = await ctx.deps.links.issue(db, orderLink, { about: order.id, payload: { orderId: order.id } });
    for (const wrong of [`/api/v1/ticket-links/seller/${buyerToken}`, `/api/v1/ticket-links/buyer/${sellerToken}`, `/api/v1/ticket-links/buyer/${orderToken}`, `/api/v1/ticket-links/buyer/${'x'.repeat(43)}`]) {
      const res = await anon({ method: 'GET', url: wrong });
      expect(res.statusCode, wrong).toBe(404);
    }
    expect((await anon({ method: 'GET', url: `/api/v1/ticket-links/buyer/${otherBuyerToken}` })).json().number).not.toBe(t.number);

    const reply = await anon({ method: 'POST', url: buyerLink('/comment'), payload: { body: 'The course does not open' } });
    expect(reply.json()).toMatchObject({ turn: 'seller' });
    expect((await mailTo(sellerAddress(s), 'tickets.reply')).count).toBeGreaterThanOrEqual(1);

    const noConsent = await anon({ method: 'POST', url: sellerLink('/type'), payload: { type: 'support' } });
    expect(errorOf(noConsent)).toMatchObject({ code: 'buyer_consent_required', details: { rule: 'TKT-5' } });
    const saved = await anon({ method: 'POST', url: sellerLink('/type'), payload: { type: 'support', buyerConsent: true, comment: 'We fixed it together' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ type: 'support', processAt: null });
    expect(saved.json().history.at(-1)).toMatchObject({ kind: 'type_changed', actor: { kind: 'seller', label: s.accounts[0]!.username.toUpperCase() }, buyerConsent: true });

    const afterSave = (await anon({ method: 'GET', url: buyerLink() })).json();
    expect(afterSave.actions).toContainEqual({ action: 'escalate', needsBuyerConsent: false });
    expect(afterSave.actions).toContainEqual({ action: 'change_type', toType: 'refund', needsBuyerConsent: false });
    // TKT-5: the buyer changes it back; it is processed per TKT-4 again (24 h from now).
    const back = await anon({ method: 'POST', url: buyerLink('/type'), payload: { type: 'refund', comment: 'Still broken' } });
    expect(back.statusCode, back.body).toBe(200);
    expect(Date.parse(back.json().processAt) - ctx.clock.now().getTime()).toBe(24 * 3_600_000);
    // The seller closes it with consent; the buyer escalates it; escalating twice is refused.
    expect((await anon({ method: 'POST', url: sellerLink('/close'), payload: { buyerConsent: true } })).json()).toMatchObject({ status: 'closed', escalatable: true });
    const escalated = await anon({ method: 'POST', url: buyerLink('/escalate'), payload: { comment: 'I never agreed' } });
    expect(escalated.json()).toMatchObject({ escalation: 'pending' });
    const again = await anon({ method: 'POST', url: buyerLink('/escalate'), payload: {} });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again)).toMatchObject({ code: 'escalation_pending', details: { rule: 'PLAT-2' } });
    const replyClosed = await anon({ method: 'POST', url: buyerLink('/comment'), payload: { body: 'hello?' } });
    expect(errorOf(replyClosed).code).toBe('ticket_closed');
    // The seller's link has no escalate; the seller never escalates.
    expect((await anon({ method: 'POST', url: `/api/v1/ticket-links/seller/${sellerToken}/escalate`, payload: {} })).statusCode).toBe(404);

    // PLAT-2: staff see it in the queue and reopen it with its original type and a new due time.
    const queue = (await asStaffKey({ method: 'GET', url: '/api/v1/staff/escalations' })).json();
    expect(queue.items.map((i: { number: number }) => i.number)).toContain(t.number);
    const item = queue.items.find((i: { number: number }) => i.number === t.number);
    expect(item).toMatchObject({ escalation: 'pending', account: { id: s.accountId }, escalatedAt: ctx.clock.now().toISOString() });
    const staffView = (await asStaff({ method: 'GET', url: `/api/v1/staff/tickets/${t.number}` })).json();
    expect(staffView.actions).toEqual([{ action: 'decide', needsBuyerConsent: false }]);
    ctx.clock.advanceHours(1);
    const decided = await asStaff({ method: 'POST', url: `/api/v1/staff/escalations/${t.number}`, payload: { decision: 'reopen', note: 'The buyer did not agree' } });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'reopened', type: 'refund', escalation: 'reopened' });
    expect(Date.parse(decided.json().processAt) - ctx.clock.now().getTime()).toBe(24 * 3_600_000);
    expect((await mailTo('link.buyer@example.com', 'tickets.escalation_decided')).count).toBe(1);
    expect((await mailTo(sellerAddress(s), 'tickets.escalation_decided')).count).toBe(1);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'ticket.escalation_decided'), eq(auditLog.entityId, t.id)));
    expect(audit).toMatchObject({ actorLabel: `staff:${staff.email}`, accountId: s.accountId });
    expect(audit!.details).toMatchObject({ decision: 'reopen', note: 'The buyer did not agree' });
    const twice = await asStaff({ method: 'POST', url: `/api/v1/staff/escalations/${t.number}`, payload: { decision: 'uphold', note: 'again' } });
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice)).toMatchObject({ code: 'no_escalation', details: { rule: 'PLAT-2' } });
    expect((await asStaffKey({ method: 'GET', url: '/api/v1/staff/escalations' })).json().items.map((i: { number: number }) => i.number)).not.toContain(t.number);
    // The history says who did what, in order.
    const kinds = (await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, t.id)).orderBy(asc(ticketEvents.at), asc(ticketEvents.id))).map((e) => `${e.kind}:${e.actorKind}`);
    expect(kinds).toEqual(['opened:staff', 'comment:buyer', 'type_changed:seller', 'type_changed:buyer', 'closed:seller', 'escalated:buyer', 'escalation_reopen:staff']);
  });

  it('members and anonymous callers never reach the staff routes', async () => {
    const s = await sellerWithCatalog(ctx);
    for (const [method, path] of [
      ['GET', '/api/v1/staff/escalations'],
      ['POST', '/api/v1/staff/tickets'],
      ['POST', '/api/v1/staff/escalations/100001'],
    ] as const) {
      const res = await s.owner({ method, url: path, payload: method === 'POST' ? {} : undefined });
      expect(res.statusCode, path).toBe(401);
      expect((await as(ctx.app, null)({ method, url: path })).statusCode).toBe(401);
    }
  });
});

describe('the buyer opens from the order page (TKT-2)', () => {
  it('201 with the ticket and the buyer’s ticket page; a refund claims the order; TKT-11 refusals are localized; nothing else is reachable', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order } = await buy(s.products.standard, { email: 'from.order@example.com' });
    const token = await ctx.deps.links.issue(db, orderLink, { about: order.id, payload: { orderId: order.id } });
    const anon = as(ctx.app, null);
    const res = await anon({ method: 'POST', url: `/api/v1/buyer/orders/${token}/tickets`, payload: { type: 'refund', reason: 'Not what I expected', comment: 'Please refund me' } });
    expect(res.statusCode, res.body).toBe(201);
    const { ticket, url: page } = res.json();
    expect(ticket).toMatchObject({ type: 'refund', openedBy: 'buyer', turn: 'seller', reason: 'Not what I expected', receipt: order.receipt });
    expect(page).toMatch(/^http:\/\/mostrador\.test\/tickets\/b\/[A-Za-z0-9_-]{40,}$/);
    const pageToken = page.split('/').pop();
    expect((await anon({ method: 'GET', url: `/api/v1/ticket-links/buyer/${pageToken}` })).json()).toMatchObject({ number: ticket.number, viewer: 'buyer' });
    expect((await db.select().from(orders).where(eq(orders.id, order.id)))[0]!.status).toBe('claimed');
    expect((await mailTo('from.order@example.com', 'tickets.opened')).count).toBe(1);

    const second = await anon({ method: 'POST', url: `/api/v1/buyer/orders/${token}/tickets`, payload: { type: 'refund', comment: 'again' }, headers: { 'accept-language': 'es' } });
    expect(second.statusCode).toBe(409);
    expect(errorOf(second)).toMatchObject({ code: 'refund_ticket_exists', details: { rule: 'TKT-11' }, message: 'Este pedido ya tiene un ticket de reembolso abierto' });
    const cancel = await anon({ method: 'POST', url: `/api/v1/buyer/orders/${token}/tickets`, payload: { type: 'cancel', comment: 'cancel' } });
    expect(errorOf(cancel)).toMatchObject({ code: 'cancel_needs_subscription' });
    const dead = await anon({ method: 'POST', url: `/api/v1/buyer/orders/${'x'.repeat(43)}/tickets`, payload: { type: 'support', comment: 'x' } });
    expect(dead.statusCode).toBe(404);
    // 61 days later the buyer's window (60 days) is over; the seller's (90) is not.
    const { order: old } = await buy(s.products.standard);
    const oldToken = await ctx.deps.links.issue(db, orderLink, { about: old.id, payload: { orderId: old.id } });
    ctx.clock.advanceHours(61 * 24);
    const late = await anon({ method: 'POST', url: `/api/v1/buyer/orders/${oldToken}/tickets`, payload: { type: 'refund', comment: 'late' } });
    expect(late.statusCode).toBe(409);
    expect(errorOf(late)).toMatchObject({ code: 'refund_window_passed', details: { rule: 'TKT-11' }, message: 'The refund period for this purchase has ended (60 days)' });
    const owner = as(ctx.app, await s.f.login({ id: s.login.userId, email: s.login.email })); // a session of today
    expect((await owner({ method: 'POST', url: url(s), payload: { receipt: old.receipt, type: 'refund', comment: 'the seller may' } })).statusCode).toBe(201);
  });
});
