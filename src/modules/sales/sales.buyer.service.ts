// The buyer's order page (SALES-3): no login, the e-mailed link is the credential. A buyer reads
// their order (the product's access, the invoices, the event's check-in), prints the receipt or
// an invoice as PDF, asks for the receipt e-mail again and asks to change their e-mail address
// (confirmed from the new address). Support, refund and cancellation requests are tickets: the
// tickets module answers what the page may offer and opens them with the same link (TKT-2).
//
// The link grants one order: every use case reads the order id from the link's principal, never
// from the request, so no other order can be reached with it.
import type { Db } from '../../db/client.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { newId } from '../../kernel/ids.ts';
import type { LinkStatus } from '../../kernel/links/index.ts';
import { sameTaxId } from '../../kernel/tax-ids/index.ts';
import { type AccessContext, accessErrors } from '../access/index.ts';
import { createBuyerEmailRepository } from './sales.buyer-email.repository.ts';
import { moveBuyer } from './sales.buyer-email.service.ts';
import { buyerErrors } from './sales.buyer.errors.ts';
import { buyerEmailChangeConfirm } from './sales.buyer.mail.ts';
import { type BuyerRequestType, createBuyerRepository } from './sales.buyer.repository.ts';
import { BUYER_REQUEST_LIMITS, judgeBuyerRequest, nextBuyerRequestAt } from './sales.buyer.rules.ts';
import type { BuyerOrderPageView } from './sales.buyer.schemas.ts';
import { buyerEmailChangeLink, buyerSubject, orderLink } from './sales.links.ts';
import { type PdfInvoice, type PdfKind, renderOrderPdf } from './sales.pdf.ts';
import { resendReceipt } from './sales.receipts.ts';
import { salesErrors } from './sales.errors.ts';
import { createSalesRepository, type InvoiceRow } from './sales.repository.ts';
import { toOrderView } from './sales.views.ts';

export type BuyerDeps = Pick<AppDeps, 'database' | 'clock' | 'mailer' | 'links' | 'config' | 'audit'>;
export type BuyerService = ReturnType<typeof createBuyerService>;

/** The order a request's order link grants; a route declared `{ kind: 'link', purpose: orderLink }` always has one. */
export function orderIdOf(access: AccessContext): string {
  const p = access.principal;
  if (!p || p.kind !== 'buyer_link' || p.purpose !== orderLink.name) throw new Error('sales.buyer: route declared without the order link rule');
  return p.payload.orderId ?? p.about;
}

const money = (amount: number, currency: string) => ({ amount, currency });

function invoiceView(row: InvoiceRow) {
  return {
    number: row.number,
    periodStart: row.periodStart.toISOString(),
    periodEnd: row.periodEnd.toISOString(),
    total: money(row.totalAmount, row.currency),
    refunded: money(row.refundedAmount, row.currency),
    status: row.status,
    paidAt: row.paidAt?.toISOString() ?? null,
  };
}

function pdfInvoice(row: InvoiceRow): PdfInvoice {
  return {
    number: row.number,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    subtotal: money(row.subtotalAmount, row.currency),
    tax: money(row.taxAmount, row.currency),
    total: money(row.totalAmount, row.currency),
    refunded: money(row.refundedAmount, row.currency),
    status: row.status,
    paidAt: row.paidAt,
  };
}

const PDF_NAMES: Record<Locale, Record<PdfKind, string>> = {
  es: { receipt: 'recibo', invoice: 'factura' },
  en: { receipt: 'receipt', invoice: 'invoice' },
};

export function createBuyerService(deps: BuyerDeps) {
  const repo = createBuyerRepository();
  const sales = createSalesRepository();
  const { db } = deps.database;
  const { clock } = deps;

  async function pageRows(tx: Db, orderId: string) {
    const rows = await repo.pageOf(tx, orderId);
    // The link outlived its order only if the order is gone, which never happens; answer as a dead link.
    if (!rows) throw accessErrors.not_found();
    return rows;
  }

  /**
   * The buyer's orders at `from` in the account (locked), after checking that `to` is not another
   * buyer's: two different CPF/CNPJ on the two addresses never merge (`buyer_email_taken`).
   */
  async function assertMergeable(tx: Db, accountId: string, from: string, to: string) {
    const buyers = createBuyerEmailRepository();
    const mine = await buyers.ordersOfBuyer(tx, accountId, from, true);
    const taxIds = mine.map((o) => o.buyerTaxId).filter((t): t is string => t !== null);
    const theirs = (await buyers.ordersOfBuyer(tx, accountId, to, true)).map((o) => o.buyerTaxId).filter((t): t is string => t !== null);
    if (taxIds.some((a) => theirs.some((b) => !sameTaxId(a, b)))) throw salesErrors.buyer_email_taken({ field: 'newEmail' });
    return mine;
  }

  /** Refuses a request over the limits, else records it in the order's history (inside the caller's transaction, under the order's lock). */
  async function admit(tx: Db, orderId: string, accountId: string, type: BuyerRequestType, now: Date, detail: Record<string, unknown>) {
    await repo.lockOrder(tx, orderId);
    const earlier = await repo.requestsSince(tx, orderId, type, new Date(now.getTime() - BUYER_REQUEST_LIMITS.windowMs));
    const verdict = judgeBuyerRequest(earlier, now);
    if (!verdict.ok) {
      const seconds = Math.max(1, Math.ceil((verdict.retryAt.getTime() - now.getTime()) / 1000));
      throw verdict.reason === 'too_soon'
        ? buyerErrors.buyer_request_too_soon({ params: { seconds }, details: { retryAt: verdict.retryAt.toISOString() } })
        : buyerErrors.buyer_request_limit({ params: { limit: BUYER_REQUEST_LIMITS.perDay }, details: { retryAt: verdict.retryAt.toISOString() } });
    }
    await sales.insertEvent(tx, { id: newId(), accountId, orderId, type, actor: 'buyer', detail, at: now });
    return [now, ...earlier];
  }

  return {
    /** SALES-3: the order as its buyer sees it, and what they can do from the page. */
    async getPage(access: AccessContext): Promise<BuyerOrderPageView> {
      const orderId = orderIdOf(access);
      const now = clock.now();
      const rows = await pageRows(db, orderId);
      const { order, account, product, subscription, checkIn } = rows;
      const invoices = subscription ? await repo.invoicesOf(db, orderId) : [];
      const resends = await repo.requestsSince(db, orderId, 'buyer.receipt_requested', new Date(now.getTime() - BUYER_REQUEST_LIMITS.windowMs));
      const [pending] = await deps.links.listLive(db, buyerEmailChangeLink, { orderId });
      return {
        order: toOrderView(order, subscription, checkIn),
        buyerLocale: order.buyerLocale,
        seller: { name: account.nickname, email: account.customerServiceEmail ?? account.email, timeZone: account.timeZone },
        access: { status: rows.accessLive ? 'open' : 'ended', url: rows.accessLive ? product.accessUrl : null },
        event: order.productKind === 'event' && product.eventStartsAt && product.eventPlace ? { startsAt: product.eventStartsAt.toISOString(), place: product.eventPlace } : null,
        invoices: invoices.map(invoiceView),
        resendReceipt: {
          to: order.buyerEmail,
          availableAt: nextBuyerRequestAt(resends, now)?.toISOString() ?? null,
          sentInLastDay: resends.length,
          dailyLimit: BUYER_REQUEST_LIMITS.perDay,
        },
        emailChange: pending && pending.expiresAt ? { pendingTo: pending.payload.to, expiresAt: pending.expiresAt.toISOString() } : null,
      };
    },

    /**
     * The order's receipt or invoice as PDF, in the reader's language; `invoiceNumber` picks one
     * invoice of a subscription.
     */
    async pdf(access: AccessContext, kind: PdfKind, locale: Locale, invoiceNumber?: number): Promise<{ filename: string; bytes: Buffer }> {
      const orderId = orderIdOf(access);
      const { order, account, subscription, checkIn } = await pageRows(db, orderId);
      let invoice: PdfInvoice | undefined;
      if (invoiceNumber !== undefined) {
        const row = subscription ? await repo.invoiceOf(db, orderId, invoiceNumber) : null;
        if (!row) throw buyerErrors.no_such_invoice({ field: 'number' });
        invoice = pdfInvoice(row);
      }
      const bytes = await renderOrderPdf(
        {
          order: toOrderView(order, subscription, checkIn),
          seller: { name: account.nickname, email: account.customerServiceEmail ?? account.email, timeZone: account.timeZone },
          taxRateBp: order.taxRateBp,
          invoice,
          generatedAt: clock.now(),
        },
        kind,
        locale,
      );
      const number = invoice ? `${order.receipt}-${invoice.number}` : order.receipt;
      return { filename: `${PDF_NAMES[locale][kind]}-${number}.pdf`, bytes };
    },

    /**
     * "Send me the receipt again": to the address on record, in the buyer's language, with a fresh
     * order link. At most once a minute and ten times in 24 hours per order, counted in the order's
     * history under the order's row lock (so two clicks at once send one).
     */
    async resendReceipt(access: AccessContext) {
      const orderId = orderIdOf(access);
      const now = clock.now();
      return db.transaction(async (tx) => {
        const order = await sales.orderById(tx, orderId);
        if (!order) throw accessErrors.not_found();
        const made = await admit(tx, orderId, order.accountId, 'buyer.receipt_requested', now, { to: order.buyerEmail });
        const sent = await resendReceipt(tx, deps, orderId);
        if (!sent) throw accessErrors.not_found();
        return {
          sentTo: sent.to,
          availableAt: (nextBuyerRequestAt(made, now) ?? now).toISOString(),
          sentInLastDay: made.length,
          dailyLimit: BUYER_REQUEST_LIMITS.perDay,
        };
      });
    },

    /**
     * The buyer asks to use another e-mail: a single-use link (48 h) goes to the NEW address; the
     * change happens only when it is followed (`confirmEmailChange`). Same limits as the receipt.
     */
    async requestEmailChange(access: AccessContext, newEmail: string, locale: Locale) {
      const orderId = orderIdOf(access);
      const now = clock.now();
      const to = newEmail.trim().toLowerCase();
      return db.transaction(async (tx) => {
        const rows = await pageRows(tx, orderId);
        const { order, account } = rows;
        if (to === order.buyerEmail) throw buyerErrors.buyer_email_unchanged({ field: 'newEmail' });
        await assertMergeable(tx, order.accountId, order.buyerEmail, to);
        await admit(tx, orderId, order.accountId, 'buyer.email_change_requested', now, { to });
        const token = await deps.links.issue(tx, buyerEmailChangeLink, {
          about: orderId,
          alsoAbout: [buyerSubject(order.buyerEmail)],
          payload: { orderId, accountId: order.accountId, from: order.buyerEmail, to },
        });
        await deps.mailer.enqueue(tx, {
          template: buyerEmailChangeConfirm,
          params: {
            buyerName: order.buyerName,
            sellerName: account.nickname,
            sellerEmail: account.customerServiceEmail ?? account.email,
            receipt: order.receipt,
            productName: order.productName,
            from: order.buyerEmail,
            to,
            url: `${deps.config.baseUrl}/o/email-change/${token}`,
          },
          to,
          locale,
          accountId: order.accountId,
        });
        return { sentTo: to, expiresAt: new Date(now.getTime() + buyerEmailChangeLink.ttlMs!).toISOString() };
      });
    },

    /**
     * The buyer follows the link from the new address: their orders with this seller account move
     * there with the seller's own change (SALES-9's `moveBuyer`: access rows, links revoked order by
     * order, new links to the new address, a notice to the old one, history lines by `buyer`), and
     * this order gets a new page link to open. The link is spent in the same transaction: a refused
     * change leaves it usable. The tax id is not asked (the order link and the new inbox are the
     * proof), but two different CPF/CNPJ never merge: `buyer_email_taken`.
     */
    async confirmEmailChange(token: string) {
      const { status } = await deps.links.inspect(db, buyerEmailChangeLink, token);
      if (status !== 'valid') throw emailChangeLinkError(status);
      return db.transaction(async (tx) => {
        const now = clock.now();
        const link = await deps.links.use(tx, buyerEmailChangeLink, token);
        if (!link) throw buyerErrors.email_change_link_used();
        const { orderId, accountId, from, to } = link.payload;
        const mine = await assertMergeable(tx, accountId, from, to);
        // The order's address changed meanwhile another way (its links would have been revoked too).
        if (!mine.some((o) => o.id === orderId)) throw buyerErrors.email_change_link_revoked();
        const moved = await moveBuyer(tx, deps, { accountId, from, to, actorLabel: 'buyer', audit: null, now });
        const orderToken = await deps.links.issue(tx, orderLink, { about: orderId, alsoAbout: [buyerSubject(to)], payload: { orderId } });
        return { email: to, ordersMoved: moved.length, orderToken };
      });
    },

    /** The state of an e-mail change link, for the page that opens it (nothing is used). */
    async emailChangeInfo(token: string) {
      const { status, link } = await deps.links.inspect(db, buyerEmailChangeLink, token);
      if (status !== 'valid' || !link) return { status, from: null, to: null, sellerName: null, receipt: null };
      const rows = await repo.pageOf(db, link.payload.orderId);
      return {
        status,
        from: link.payload.from,
        to: link.payload.to,
        sellerName: rows?.account.nickname ?? null,
        receipt: rows?.order.receipt ?? null,
      };
    },
  };
}

/** A dead e-mail change link's error, by its state. */
export function emailChangeLinkError(status: Exclude<LinkStatus, 'valid'>) {
  switch (status) {
    case 'expired':
      return buyerErrors.email_change_link_expired();
    case 'used':
      return buyerErrors.email_change_link_used();
    case 'revoked':
      return buyerErrors.email_change_link_revoked();
    case 'invalid':
      return buyerErrors.email_change_link_invalid();
    default: {
      const exhaustive: never = status;
      return exhaustive;
    }
  }
}
