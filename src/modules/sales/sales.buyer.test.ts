// The buyer's order page (SALES-3) through the HTTP API on a real database: the e-mailed link
// grants exactly its order, PDFs read back as text, "send me the receipt again" within its
// limits, and the buyer's own e-mail change (request, confirmation from the new address).
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { buyer, sellerWithCatalog } from '../../../test/sales-fixtures.ts';
import { checkInLink, orderLink } from './sales.links.ts';

const ctx = await buildTestApp();
const db = ctx.deps.database.db;
const buy = buyer(ctx);
const base = (token: string) => `/api/v1/buyer/orders/${token}`;
const get = (url: string, lang: 'es' | 'en' = 'en') => ctx.app.inject({ url, headers: { 'accept-language': lang } });
const post = (url: string, payload?: object, lang: 'es' | 'en' = 'en') =>
  ctx.app.inject({ method: 'POST', url, headers: { 'accept-language': lang }, ...(payload ? { payload } : {}) });
const mailsTo = async (to: string) => (await ctx.deps.mailer.listRecent(db, 1000)).filter((m) => m.toAddress === to);
const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; field?: string; message: string } }).error;
const MINUTE = 60_000;

describe('SALES-3 the order link grants its order, and only it', () => {
  it('shows the order, the seller and what the buyer can do', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order, orderToken } = await buy(s.products.standard, { email: 'ana@example.com' });
    const res = await get(base(orderToken));
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page).toMatchObject({
      order: { id: order.id, receipt: order.receipt, status: 'approved', total: { amount: 11800, currency: 'BRL' }, buyer: { name: 'Ana Pérez', email: 'ana@example.com' } },
      buyerLocale: 'es',
      seller: { name: s.accounts[0]!.username.toUpperCase() },
      access: { status: 'open', url: null },
      event: null,
      invoices: [],
      resendReceipt: { to: 'ana@example.com', availableAt: null, sentInLastDay: 0, dailyLimit: 10 },
      emailChange: null,
    });

    // The product's access address, read when the page opens: a corrected address reaches past buyers.
    const patched = await s.owner({ method: 'PATCH', url: `/api/v1/accounts/${s.accountId}/products/${s.products.standard}`, payload: { accessUrl: 'https://cursos.example/aula' } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await get(base(orderToken))).json().access).toEqual({ status: 'open', url: 'https://cursos.example/aula' });
  });

  it('another order, another purpose or a made-up token reaches nothing; a revoked link answers 404', async () => {
    const s = await sellerWithCatalog(ctx);
    const a = await buy(s.products.standard);
    const b = await buy(s.products.event);
    expect((await get(base(a.orderToken))).json().order.id).toBe(a.order.id);
    expect((await get(base(b.orderToken))).json().order.id).toBe(b.order.id);
    // No route takes an order id: the link's order is the only one it reads.
    expect((await get(`${base(a.orderToken)}/invoices/1/invoice.pdf`)).statusCode).toBe(404);
    // A check-in link of the same order is not an order link.
    const checkIn = await ctx.deps.links.issue(db, checkInLink, { about: b.order.id, payload: { orderId: b.order.id } });
    expect((await get(base(checkIn))).statusCode).toBe(404);
    expect((await get(base('A'.repeat(43)))).statusCode).toBe(404);
    expect((await get(base('not-a-token'))).statusCode).toBe(404);

    await ctx.deps.links.revoke(db, { type: 'order', id: a.order.id }, orderLink);
    for (const url of [base(a.orderToken), `${base(a.orderToken)}/invoice.pdf`]) {
      const res = await get(url);
      expect(res.statusCode).toBe(404);
      expect(errorOf(res).code).toBe('not_found');
    }
    expect((await post(`${base(a.orderToken)}/receipt-email`)).statusCode).toBe(404);
    expect((await get(base(b.orderToken))).statusCode).toBe(200);
  });

  it('an event shows its date, place and check-in; a subscription its invoices', async () => {
    const s = await sellerWithCatalog(ctx);
    const event = await buy(s.products.event);
    const e = (await get(base(event.orderToken))).json();
    expect(e.event).toMatchObject({ place: 'Rua Augusta 100' });
    expect(e.order.checkIn).toEqual({ status: 'pending', checkedInAt: null });

    const sub = await buy(s.products.recurring);
    const r = (await get(base(sub.orderToken))).json();
    expect(r.invoices).toEqual([
      expect.objectContaining({ number: 1, status: 'paid', total: { amount: 11800, currency: 'BRL' }, refunded: { amount: 0, currency: 'BRL' } }),
    ]);
  });
});

describe('SALES-3 PDFs', () => {
  it('the invoice and the receipt are PDFs in the reader’s language with the receipt, the accents and the currency', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order, orderToken } = await buy(s.products.standard, { buyer: { name: 'Ana Pérez Łukasiewicz', email: 'ana.pdf@example.com', taxId: '529.982.247-25' } });
    const en = await get(`${base(orderToken)}/invoice.pdf`, 'en');
    expect(en.statusCode).toBe(200);
    expect(en.headers['content-type']).toBe('application/pdf');
    expect(en.headers['content-disposition']).toBe(`inline; filename="invoice-${order.receipt}.pdf"`);
    expect(en.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(en.rawPayload);
    expect(text).toContain('Invoice');
    expect(text).toContain(`No. ${order.receipt}`);
    expect(text).toContain('Ana Pérez Łukasiewicz');
    expect(text).toContain('529.982.247-25');
    expect(text).toContain('R$118.00');
    expect(text).toContain('Tax (18%)');

    const es = await get(`${base(orderToken)}/receipt.pdf`, 'es');
    expect(es.headers['content-disposition']).toBe(`inline; filename="recibo-${order.receipt}.pdf"`);
    const texto = await pdfText(es.rawPayload);
    expect(texto).toContain(`N.º ${order.receipt}`);
    expect(texto).toContain('Guía de inversión · Producto');
    expect(texto.replace(/\s/g, ' ')).toContain('118,00 BRL');
  });

  it('a subscription’s invoice by number; a number it does not have is no_such_invoice', async () => {
    const s = await sellerWithCatalog(ctx);
    const { order, orderToken } = await buy(s.products.recurring);
    const one = await get(`${base(orderToken)}/invoices/1/invoice.pdf`, 'es');
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-disposition']).toBe(`inline; filename="factura-${order.receipt}-1.pdf"`);
    const text = await pdfText(one.rawPayload);
    expect(text).toContain(`N.º ${order.receipt}-1`);
    expect(text).toContain('Club de lectura · Suscripción mensual (factura 1)');
    const two = await get(`${base(orderToken)}/invoices/2/invoice.pdf`);
    expect(two.statusCode).toBe(404);
    expect(errorOf(two)).toMatchObject({ code: 'no_such_invoice' });
  });
});

describe('SALES-3 send me the receipt again', () => {
  it('sends it to the address on record with a fresh link, once a minute and ten times in 24 hours', async () => {
    const s = await sellerWithCatalog(ctx);
    const email = 'again@example.com';
    const { orderToken, order } = await buy(s.products.standard, { email });
    const receipts = async () => (await mailsTo(email)).filter((m) => m.template === 'sales.receipt');
    expect(await receipts()).toHaveLength(1);

    const first = await post(`${base(orderToken)}/receipt-email`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ sentTo: email, sentInLastDay: 1, dailyLimit: 10 });
    const sent = await receipts();
    expect(sent).toHaveLength(2);
    expect(sent[0]!.subject).toContain(order.receipt);

    // The resent e-mail's own link opens the same page.
    const fresh = /\/o\/([A-Za-z0-9_-]{43})/.exec(sent.map((m) => m.text).find((t) => !t.includes(orderToken))!)![1]!;
    expect((await get(base(fresh))).json().order.id).toBe(order.id);

    const soon = await post(`${base(orderToken)}/receipt-email`, undefined, 'es');
    expect(soon.statusCode).toBe(429);
    expect(errorOf(soon)).toMatchObject({ code: 'buyer_request_too_soon' });
    expect(errorOf(soon).message).toContain('60 segundos');
    expect(soon.headers['retry-after']).toBe('60');
    expect((await get(base(orderToken))).json().resendReceipt.availableAt).toBe(new Date(ctx.clock.now().getTime() + MINUTE).toISOString());

    for (let n = 2; n <= 10; n++) {
      ctx.clock.advance(MINUTE);
      const res = await post(`${base(orderToken)}/receipt-email`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().sentInLastDay).toBe(n);
    }
    ctx.clock.advance(10 * MINUTE);
    const eleventh = await post(`${base(orderToken)}/receipt-email`);
    expect(eleventh.statusCode).toBe(429);
    expect(errorOf(eleventh)).toMatchObject({ code: 'buyer_request_limit' });
    expect(await receipts()).toHaveLength(11);

    ctx.clock.advance(24 * 3_600_000);
    expect((await post(`${base(orderToken)}/receipt-email`)).statusCode).toBe(200);
  });

  it('two clicks at once send one e-mail', async () => {
    const s = await sellerWithCatalog(ctx);
    const email = 'twice@example.com';
    const { orderToken } = await buy(s.products.standard, { email });
    const both = await Promise.all([post(`${base(orderToken)}/receipt-email`), post(`${base(orderToken)}/receipt-email`)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 429]);
    expect((await mailsTo(email)).filter((m) => m.template === 'sales.receipt')).toHaveLength(2);
  });
});

describe('SALES-3 the buyer asks to change their e-mail', () => {
  it('sends a single-use link to the new address; nothing changes until it is followed', async () => {
    const s = await sellerWithCatalog(ctx);
    const { orderToken, order } = await buy(s.products.standard, { email: 'old@example.com' });

    const same = await post(`${base(orderToken)}/email-change`, { newEmail: 'OLD@example.com' });
    expect(same.statusCode).toBe(400);
    expect(errorOf(same)).toMatchObject({ code: 'buyer_email_unchanged', field: 'newEmail' });
    const bad = await post(`${base(orderToken)}/email-change`, { newEmail: 'not an e-mail' });
    expect(bad.statusCode).toBe(400);

    const res = await post(`${base(orderToken)}/email-change`, { newEmail: ' New@Example.com ' }, 'es');
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ sentTo: 'new@example.com', expiresAt: new Date(ctx.clock.now().getTime() + 48 * 3_600_000).toISOString() });
    const [mail] = await mailsTo('new@example.com');
    expect(mail).toMatchObject({ template: 'sales.buyer_email_change', subject: `Confirma tu nuevo e-mail para tus compras a ${s.accounts[0]!.username.toUpperCase()}` });
    const token = /\/o\/email-change\/([A-Za-z0-9_-]{43})/.exec(mail!.text)![1]!;

    const page = (await get(base(orderToken))).json();
    expect(page.order.buyer.email).toBe('old@example.com');
    expect(page.emailChange).toMatchObject({ pendingTo: 'new@example.com' });
    const info = await get(`/api/v1/buyer/email-changes/${token}`);
    expect(info.json()).toEqual({ status: 'valid', from: 'old@example.com', to: 'new@example.com', sellerName: s.accounts[0]!.username.toUpperCase(), receipt: order.receipt });

    // A newer request replaces the pending one.
    ctx.clock.advance(MINUTE);
    expect((await post(`${base(orderToken)}/email-change`, { newEmail: 'newer@example.com' })).statusCode).toBe(202);
    expect((await get(`/api/v1/buyer/email-changes/${token}`)).json()).toMatchObject({ status: 'revoked', from: null, to: null });
    expect((await get(`/api/v1/buyer/email-changes/${'B'.repeat(43)}`)).json()).toMatchObject({ status: 'invalid' });
    // Asking again within the minute is refused like the receipt.
    expect((await post(`${base(orderToken)}/email-change`, { newEmail: 'third@example.com' })).statusCode).toBe(429);
  });

  it('following the link moves the buyer’s orders with this seller, revokes the old links and opens the order with a new one', async () => {
    const s = await sellerWithCatalog(ctx);
    const other = await sellerWithCatalog(ctx);
    const from = 'moving@example.com';
    const to = 'moved@example.com';
    const first = await buy(s.products.standard, { email: from });
    const second = await buy(s.products.event, { email: from });
    const elsewhere = await buy(other.products.standard, { email: from });

    expect((await post(`${base(first.orderToken)}/email-change`, { newEmail: to })).statusCode).toBe(202);
    const [mail] = (await mailsTo(to)).filter((m) => m.template === 'sales.buyer_email_change');
    const token = /\/o\/email-change\/([A-Za-z0-9_-]{43})/.exec(mail!.text)![1]!;

    const res = await post(`/api/v1/buyer/email-changes/${token}`);
    expect(res.statusCode, res.body).toBe(200);
    const done = res.json();
    expect(done).toMatchObject({ email: to, ordersMoved: 2 });

    // The order opens again with the new link, under the new address; the old links are dead.
    const page = await get(base(done.orderToken));
    expect(page.json().order).toMatchObject({ id: first.order.id, buyer: { email: to } });
    expect((await get(base(first.orderToken))).statusCode).toBe(404);
    expect((await get(base(second.orderToken))).statusCode).toBe(404);
    // Another seller's order of the same address stays where it was, and its link works.
    expect((await get(base(elsewhere.orderToken))).json().order.buyer.email).toBe(from);

    // New links went to the new address, a notice to the old one; the history names the buyer.
    expect((await mailsTo(to)).filter((m) => m.template === 'sales.access')).toHaveLength(2);
    expect((await mailsTo(from)).map((m) => m.template)).toContain('sales.buyer_email_changed');
    const history = await db.execute(sql`select type, actor from order_events where order_id = ${first.order.id} order by at, id`);
    expect((history as unknown as { rows: Array<{ type: string; actor: string }> }).rows).toEqual(
      expect.arrayContaining([{ type: 'buyer.email_change_requested', actor: 'buyer' }, { type: 'buyer.email_changed', actor: 'buyer' }]),
    );

    // The link works once.
    const again = await post(`/api/v1/buyer/email-changes/${token}`);
    expect(again.statusCode).toBe(410);
    expect(errorOf(again).code).toBe('email_change_link_used');
  });

  it('an expired link changes nothing; two different CPF/CNPJ never merge', async () => {
    const s = await sellerWithCatalog(ctx);
    const { orderToken, order } = await buy(s.products.standard, { email: 'late@example.com' });
    expect((await post(`${base(orderToken)}/email-change`, { newEmail: 'later@example.com' })).statusCode).toBe(202);
    const [mail] = await mailsTo('later@example.com');
    const token = /\/o\/email-change\/([A-Za-z0-9_-]{43})/.exec(mail!.text)![1]!;
    ctx.clock.advance(48 * 3_600_000);
    expect((await get(`/api/v1/buyer/email-changes/${token}`)).json().status).toBe('expired');
    const late = await post(`/api/v1/buyer/email-changes/${token}`, undefined, 'es');
    expect(late.statusCode).toBe(410);
    expect(errorOf(late)).toMatchObject({ code: 'email_change_link_expired' });
    expect((await get(base(orderToken))).json().order.id).toBe(order.id);

    const cpfA = '529.982.247-25';
    const cpfB = '111.444.777-35';
    const a = await buy(s.products.standard, { buyer: { name: 'Ana', email: 'ana.cpf@example.com', taxId: cpfA } });
    await buy(s.products.standard, { buyer: { name: 'Bea', email: 'bea.cpf@example.com', taxId: cpfB } });
    const taken = await post(`${base(a.orderToken)}/email-change`, { newEmail: 'bea.cpf@example.com' });
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken)).toMatchObject({ code: 'buyer_email_taken', field: 'newEmail' });
    expect(await mailsTo('bea.cpf@example.com')).toHaveLength(1); // her own receipt only
  });
});
