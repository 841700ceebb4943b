// SALES-9: change a buyer's e-mail (issue 8 item 9), and record the tax id a buyer lacks.
// docs/sales.md, "Changing a buyer's e-mail".
//
// A buyer is an address within one seller account: the change moves every order of that
// address in the account, and their access rows, to the new address, after checking the CPF/CNPJ
// on record (a buyer without one must have it recorded first). Links already e-mailed about
// those orders are revoked, order by order (the `buyer:<email>` subject spans every seller the
// buyer bought from, so revoking by it would reach other sellers' orders); the new address gets
// a fresh order link per order (and a fresh check-in link for a pending event), the old one a
// notice without links. All in one transaction: audited, a history line on each order.
import type { Db } from '../../db/client.ts';
import type { AuditActor } from '../../kernel/audit/index.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import { newId } from '../../kernel/ids.ts';
import { parseTaxId, sameTaxId } from '../../kernel/tax-ids/index.ts';
import { moveProductAccess } from '../products/index.ts';
import { accessMail } from './sales.access.mail.ts';
import { buyerEmailChanged, maskEmail } from './sales.buyer-email.mail.ts';
import { createBuyerEmailRepository } from './sales.buyer-email.repository.ts';
import type { AddBuyerTaxIdInput, BuyerEmailChangedView, BuyerTaxIdAddedView, ChangeBuyerEmailInput } from './sales.buyer-email.schemas.ts';
import { salesErrors } from './sales.errors.ts';
import { buyerSubject, checkInLink, orderLink } from './sales.links.ts';
import { checkInInvitation } from './sales.mail.ts';
import { formatInstant } from './sales.receipts.ts';
import { createRefundsRepository } from './sales.refunds.repository.ts';
import type { OrdersCaller } from './sales.refunds.service.ts';
import type { OrderRow } from './sales.repository.ts';
import { createSalesRepository } from './sales.repository.ts';

export type BuyerEmailDeps = Pick<AppDeps, 'database' | 'clock' | 'mailer' | 'links' | 'audit' | 'config'>;

export interface MoveBuyerInput {
  accountId: string;
  /** Both lower-cased. */
  from: string;
  to: string;
  /** Who the orders' history names: the person's label, or `buyer` for the buyer's own change. */
  actorLabel: string;
  /** The audit entry of a team's action (null when the buyer changed it themselves). */
  audit: { actor: AuditActor; teamId: string | null } | null;
  now: Date;
}

type MoveDeps = Pick<AppDeps, 'mailer' | 'links' | 'audit' | 'config'>;

const sales = createSalesRepository();

/** The seller as the e-mails name it: its name, where buyers write to, and its time zone. */
interface SellerForBuyer {
  name: string;
  email: string;
  timeZone: string | null;
}

/** A pending check-in of an event's order, with the event's start and place. */
type PendingCheckIn = { orderId: string; startsAt: Date | null; place: string | null };

/**
 * Moves a buyer of one seller account to another address, inside the caller's transaction, with
 * everything that follows (see the top of this file). The checks (tax id, the new address not
 * another buyer's) are the caller's. Also what the buyer's own, confirmed e-mail change can
 * call. Answers the orders as they now are, oldest first.
 */
export async function moveBuyer(tx: Db, deps: MoveDeps, input: MoveBuyerInput): Promise<OrderRow[]> {
  const repo = createBuyerEmailRepository();
  const { accountId, from, to, now } = input;
  const moved = (await repo.setBuyerEmail(tx, accountId, from, to, now)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  if (moved.length === 0) return moved;
  await moveProductAccess(tx, { accountId, from, to });
  const row = await createRefundsRepository().sellerOf(tx, accountId);
  const seller: SellerForBuyer = { name: row?.nickname ?? '', email: row?.customerServiceEmail ?? row?.email ?? '', timeZone: row?.timeZone ?? null };
  const pending = new Map((await repo.pendingCheckIns(tx, moved.map((o) => o.id))).map((c) => [c.orderId, c]));
  for (const order of moved) await moveOrder(tx, deps, input, order, seller, pending.get(order.id));
  await tellPreviousAddress(tx, deps, input, moved, seller);
  if (input.audit) {
    await deps.audit.record(tx, {
      actor: input.audit.actor,
      action: 'buyer.email_changed',
      entityType: 'buyer',
      entityId: null,
      masterAccountId: input.audit.teamId,
      accountId,
      details: { from, to, receipts: moved.map((o) => o.receipt), orders: moved.length },
    });
  }
  return moved;
}

/** One moved order: its old links revoked, a history line, and fresh links e-mailed to the new address. */
async function moveOrder(tx: Db, deps: MoveDeps, input: MoveBuyerInput, order: OrderRow, seller: SellerForBuyer, checkIn: PendingCheckIn | undefined) {
  const { accountId, from, to, now } = input;
  // Every link already sent about this order (its page, its check-in, a pending change) stops working.
  await deps.links.revoke(tx, { type: 'order', id: order.id });
  await deps.links.revoke(tx, { type: 'check_in', id: order.id });
  await sales.insertEvent(tx, { id: newId(), accountId, orderId: order.id, type: 'buyer.email_changed', actor: input.actorLabel, detail: { from, to }, at: now });
  const token = await deps.links.issue(tx, orderLink, { about: order.id, alsoAbout: [buyerSubject(to)], payload: { orderId: order.id } });
  await deps.mailer.enqueue(tx, {
    template: accessMail,
    params: { buyerName: order.buyerName, productName: order.productName, receipt: order.receipt, sellerName: seller.name, sellerEmail: seller.email, url: `${deps.config.baseUrl}/o/${token}`, why: 'email_changed', email: to },
    to,
    locale: order.buyerLocale,
    accountId,
  });
  if (checkIn?.startsAt && checkIn.place) await sendCheckInLink(tx, deps, input, order, seller, { startsAt: checkIn.startsAt, place: checkIn.place });
}

/** A pending event's check-in link, fresh, to the new address. */
async function sendCheckInLink(tx: Db, deps: MoveDeps, input: MoveBuyerInput, order: OrderRow, seller: SellerForBuyer, event: { startsAt: Date; place: string }) {
  const token = await deps.links.issue(tx, checkInLink, { about: order.id, alsoAbout: [buyerSubject(input.to)], payload: { orderId: order.id } });
  await deps.mailer.enqueue(tx, {
    template: checkInInvitation,
    params: {
      buyerName: order.buyerName,
      productName: order.productName,
      when: formatInstant(event.startsAt, seller.timeZone, order.buyerLocale),
      place: event.place,
      receipt: order.receipt,
      url: `${deps.config.baseUrl}/check-in/${token}`,
    },
    to: input.to,
    locale: order.buyerLocale,
    accountId: input.accountId,
  });
}

/** The previous address hears of the change, without links, in the language of the latest order. */
async function tellPreviousAddress(tx: Db, deps: MoveDeps, input: MoveBuyerInput, moved: OrderRow[], seller: SellerForBuyer) {
  const latest = moved[moved.length - 1]!;
  await deps.mailer.enqueue(tx, {
    template: buyerEmailChanged,
    params: { buyerName: latest.buyerName, sellerName: seller.name, sellerEmail: seller.email, newEmail: maskEmail(input.to), receipts: moved.map((o) => o.receipt).join(', ') },
    to: input.from,
    locale: latest.buyerLocale,
    accountId: input.accountId,
  });
}

export function createBuyerEmailService(deps: BuyerEmailDeps) {
  const repo = createBuyerEmailRepository();
  const { db } = deps.database;

  return {
    /** changeBuyerEmail (SALES-9): the current address, the CPF/CNPJ on record and the new address. */
    async change(caller: OrdersCaller, accountId: string, input: ChangeBuyerEmailInput): Promise<BuyerEmailChangedView> {
      const from = input.currentEmail;
      const to = input.newEmail;
      const taxId = parseTaxId(input.taxId, { field: 'taxId' });
      if (from === to) throw salesErrors.same_buyer_email({ field: 'newEmail' });
      return db.transaction(async (tx) => {
        const now = deps.clock.now();
        const mine = await repo.ordersOfBuyer(tx, accountId, from, true);
        if (mine.length === 0) throw salesErrors.buyer_not_found({ field: 'currentEmail' });
        const onRecord = [...new Set(mine.map((o) => o.buyerTaxId).filter((t): t is string => t !== null))];
        if (onRecord.length === 0) throw salesErrors.buyer_tax_id_missing({ field: 'taxId' });
        if (!onRecord.every((t) => sameTaxId(t, taxId.normalized))) throw salesErrors.buyer_tax_id_mismatch({ field: 'taxId' });
        // Joining the orders of the new address is fine when they are the same person's (or
        // carry no tax id); another CPF/CNPJ there is another buyer.
        const theirs = await repo.ordersOfBuyer(tx, accountId, to, true);
        if (theirs.some((o) => o.buyerTaxId !== null && !sameTaxId(o.buyerTaxId, taxId.normalized))) throw salesErrors.buyer_email_taken({ field: 'newEmail' });
        const moved = await moveBuyer(tx, deps, { accountId, from, to, actorLabel: caller.actor.label, audit: { actor: caller.actor, teamId: caller.teamId }, now });
        return { accountId, previousEmail: from, email: to, orders: moved.map((o) => ({ id: o.id, receipt: o.receipt })) };
      });
    },

    /** addBuyerTaxId: records the CPF/CNPJ of a buyer who has none on record, so their e-mail can be changed. */
    async addTaxId(caller: OrdersCaller, accountId: string, input: AddBuyerTaxIdInput): Promise<BuyerTaxIdAddedView> {
      const taxId = parseTaxId(input.taxId, { field: 'taxId' });
      return db.transaction(async (tx) => {
        const now = deps.clock.now();
        const orders = await repo.ordersOfBuyer(tx, accountId, input.email, true);
        if (orders.length === 0) throw salesErrors.buyer_not_found({ field: 'email' });
        if (orders.some((o) => o.buyerTaxId !== null)) throw salesErrors.buyer_tax_id_on_record({ field: 'taxId' });
        const updated = await repo.setBuyerTaxId(tx, accountId, input.email, taxId.normalized, now);
        for (const order of updated) {
          await sales.insertEvent(tx, { id: newId(), accountId, orderId: order.id, type: 'buyer.tax_id_added', actor: caller.actor.label, detail: { taxId: taxId.formatted }, at: now });
        }
        await deps.audit.record(tx, {
          actor: caller.actor,
          action: 'buyer.tax_id_added',
          entityType: 'buyer',
          entityId: null,
          masterAccountId: caller.teamId,
          accountId,
          details: { email: input.email, taxId: taxId.formatted, orders: updated.length },
        });
        return { accountId, email: input.email, taxId: taxId.normalized, orders: updated.length };
      });
    },
  };
}
