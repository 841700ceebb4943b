// Event check-ins (SALES-10): every event order has one, pending until the attendee is checked
// in. The seller marks it done or pending again, and for a pending one sends the check-in
// link again (a new link: the earlier ones stop working); the buyer opens the link at the door
// and confirms, which marks it done. Seller actions are bounded by the caller's team and account
// scope (X-4: another's order answers `order_not_found`), audited and written to the order's
// history in their transaction.
import type { AppDeps } from '../../kernel/deps.ts';
import { newId } from '../../kernel/ids.ts';
import type { AccessContext } from '../access/index.ts';
import { createCheckInRepository, type CheckInContext } from './sales.check-in.repository.ts';
import type { BuyerCheckInView, CheckInSentView } from './sales.check-in.schemas.ts';
import { salesErrors } from './sales.errors.ts';
import { buyerSubject, checkInLink } from './sales.links.ts';
import { checkInInvitation } from './sales.mail.ts';
import { formatInstant } from './sales.purchase.ts';
import { createSalesRepository } from './sales.repository.ts';
import type { OrderView } from './sales.schemas.ts';
import { inReach, type OrderActionCaller } from './sales.subscriptions.ts';
import { toOrderView } from './sales.views.ts';

export type CheckInDeps = Pick<AppDeps, 'database' | 'clock' | 'mailer' | 'links' | 'config' | 'audit'>;
export type CheckInService = ReturnType<typeof createCheckInService>;

/** An order whose money went back, or that was cancelled, no longer admits its attendee. */
export function admits(orderStatus: string): boolean {
  return orderStatus !== 'refunded' && orderStatus !== 'cancelled' && orderStatus !== 'chargeback';
}

export function createCheckInService(deps: CheckInDeps) {
  const repo = createCheckInRepository();
  const sales = createSalesRepository();
  const { db } = deps.database;

  async function sellerContext(caller: OrderActionCaller, orderId: string) {
    const ctx = await repo.contextOfOrder(db, orderId);
    if (!ctx || !inReach(caller, ctx.account)) throw salesErrors.order_not_found();
    if (!ctx.checkIn) throw salesErrors.order_has_no_check_in();
    return ctx as CheckInContext & { checkIn: NonNullable<CheckInContext['checkIn']> };
  }

  function buyerView(ctx: CheckInContext): BuyerCheckInView {
    const { order, checkIn, account, event } = ctx;
    return {
      receipt: order.receipt,
      event: { name: order.productName, startsAt: event.startsAt?.toISOString() ?? null, place: event.place, timeZone: account.timeZone },
      attendee: { name: order.buyerName },
      seller: { name: account.nickname, email: account.customerServiceEmail ?? account.email },
      status: checkIn!.status,
      checkedInAt: checkIn!.checkedInAt?.toISOString() ?? null,
      valid: admits(order.status),
      locale: order.buyerLocale,
    };
  }

  /** The order the buyer's link is about; the access hook already refused a revoked or unknown token (404). */
  async function buyerContext(access: AccessContext): Promise<CheckInContext> {
    const principal = access.principal;
    if (principal?.kind !== 'buyer_link') throw new Error('sales: the check-in page declared without a link access rule');
    const ctx = await repo.contextOfOrder(db, principal.about);
    if (!ctx?.checkIn) throw salesErrors.order_not_found();
    return ctx;
  }

  return {
    /**
     * E-mails the buyer a new check-in link (a pending check-in only). The links service voids
     * the earlier links of the order's check-in, so only the newest opens the page.
     */
    async resendLink(caller: OrderActionCaller, orderId: string): Promise<CheckInSentView> {
      const ctx = await sellerContext(caller, orderId);
      const { order, account, event } = ctx;
      if (ctx.checkIn.status === 'done') throw salesErrors.check_in_already_done();
      if (!admits(order.status)) throw salesErrors.check_in_not_valid({ params: { status: order.status } });
      const now = deps.clock.now();
      await db.transaction(async (tx) => {
        const token = await deps.links.issue(tx, checkInLink, { about: order.id, alsoAbout: [buyerSubject(order.buyerEmail)], payload: { orderId: order.id } });
        await deps.mailer.enqueue(tx, {
          template: checkInInvitation,
          params: {
            buyerName: order.buyerName,
            productName: order.productName,
            when: event.startsAt ? formatInstant(event.startsAt, account.timeZone, order.buyerLocale) : '',
            place: event.place ?? '',
            receipt: order.receipt,
            url: `${deps.config.baseUrl}/check-in/${token}`,
          },
          to: order.buyerEmail,
          locale: order.buyerLocale,
          accountId: order.accountId,
        });
        await sales.insertEvent(tx, { id: newId(), accountId: order.accountId, orderId: order.id, type: 'check_in.link_resent', actor: caller.actor.label, detail: { to: order.buyerEmail }, at: now });
        await deps.audit.record(tx, {
          actor: caller.actor,
          action: 'check_in.link_resent',
          entityType: 'order',
          entityId: order.id,
          masterAccountId: caller.team.teamId,
          accountId: order.accountId,
          details: { receipt: order.receipt, to: order.buyerEmail },
        });
      });
      return { status: 'sent', to: order.buyerEmail };
    },

    /** The seller marks the attendee checked in, or back to pending. Setting the status it has changes nothing. */
    async update(caller: OrderActionCaller, orderId: string, status: 'pending' | 'done'): Promise<OrderView> {
      const ctx = await sellerContext(caller, orderId);
      const { order } = ctx;
      if (ctx.checkIn.status === status) return toOrderView(order, null, ctx.checkIn);
      if (status === 'done' && !admits(order.status)) throw salesErrors.check_in_not_valid({ params: { status: order.status } });
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const changed = await repo.setStatus(tx, ctx.checkIn.id, ctx.checkIn.status, status, now);
        // Someone else (the buyer at the door) changed it meanwhile: answer what it is now.
        if (!changed) return toOrderView(order, null, (await sales.checkInOfOrder(tx, order.id))!);
        await sales.insertEvent(tx, { id: newId(), accountId: order.accountId, orderId: order.id, type: `check_in.${status}`, actor: caller.actor.label, detail: { from: ctx.checkIn.status }, at: now });
        await deps.audit.record(tx, {
          actor: caller.actor,
          action: 'check_in.updated',
          entityType: 'order',
          entityId: order.id,
          masterAccountId: caller.team.teamId,
          accountId: order.accountId,
          details: { receipt: order.receipt, from: ctx.checkIn.status, to: status },
        });
        return toOrderView(order, null, changed);
      });
    },

    /** The buyer's check-in page: the event, the attendee and the status. */
    async forBuyer(access: AccessContext): Promise<BuyerCheckInView> {
      return buyerView(await buyerContext(access));
    },

    /**
     * The buyer confirms at the door: the check-in is done. Confirming again answers the same
     * page (idempotent); a ticket whose order was refunded, cancelled or charged back is refused.
     */
    async confirm(access: AccessContext): Promise<BuyerCheckInView> {
      const ctx = await buyerContext(access);
      const checkIn = ctx.checkIn!;
      if (checkIn.status === 'done') return buyerView(ctx);
      if (!admits(ctx.order.status)) throw salesErrors.check_in_not_valid({ params: { status: ctx.order.status } });
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const changed = await repo.setStatus(tx, checkIn.id, 'pending', 'done', now);
        if (!changed) return buyerView({ ...ctx, checkIn: await sales.checkInOfOrder(tx, ctx.order.id) });
        await sales.insertEvent(tx, { id: newId(), accountId: ctx.order.accountId, orderId: ctx.order.id, type: 'check_in.done', actor: 'buyer', detail: { via: 'link' }, at: now });
        return buyerView({ ...ctx, checkIn: changed });
      });
    },
  };
}
