// SALES-5: resend a buyer's access (issue 8 item 9), from the order and from the product's
// members list (search a member by e-mail, then "resend access"). docs/sales.md, "Resending
// access". The e-mail carries a fresh link to the order page, where the product is opened;
// earlier links keep working. An order whose access ended (a full refund, a chargeback) has
// nothing to resend. Audited, with a line in the order's history.
import type { Db } from '../../db/client.ts';
import type { AppDeps } from '../../kernel/deps.ts';
import { newId } from '../../kernel/ids.ts';
import { productsErrors } from '../products/index.ts';
import { accessMail } from './sales.access.mail.ts';
import { createAccessRepository } from './sales.access.repository.ts';
import type { AccessResentView, ResendMemberAccessInput } from './sales.access.schemas.ts';
import { salesErrors } from './sales.errors.ts';
import { buyerSubject, orderLink } from './sales.links.ts';
import { createRefundsRepository } from './sales.refunds.repository.ts';
import type { OrdersCaller } from './sales.refunds.service.ts';
import { createSalesRepository, type OrderRow } from './sales.repository.ts';

export type AccessDeps = Pick<AppDeps, 'database' | 'clock' | 'mailer' | 'links' | 'audit' | 'config'>;

export function createAccessService(deps: AccessDeps) {
  const repo = createAccessRepository();
  const refunds = createRefundsRepository();
  const sales = createSalesRepository();
  const { db } = deps.database;

  /** One order's access e-mail, history line and audit entry, in `tx`. */
  async function resend(tx: Db, caller: OrdersCaller, order: OrderRow, from: 'order' | 'members_list'): Promise<void> {
    const now = deps.clock.now();
    const seller = await refunds.sellerOf(tx, order.accountId);
    const token = await deps.links.issue(tx, orderLink, { about: order.id, alsoAbout: [buyerSubject(order.buyerEmail)], payload: { orderId: order.id } });
    await deps.mailer.enqueue(tx, {
      template: accessMail,
      params: {
        buyerName: order.buyerName,
        productName: order.productName,
        receipt: order.receipt,
        sellerName: seller?.nickname ?? '',
        sellerEmail: seller?.customerServiceEmail ?? seller?.email ?? '',
        url: `${deps.config.baseUrl}/o/${token}`,
        why: 'resent',
        email: order.buyerEmail,
      },
      to: order.buyerEmail,
      locale: order.buyerLocale,
      accountId: order.accountId,
    });
    await sales.insertEvent(tx, { id: newId(), accountId: order.accountId, orderId: order.id, type: 'order.access_resent', actor: caller.actor.label, detail: { to: order.buyerEmail, from }, at: now });
    await deps.audit.record(tx, {
      actor: caller.actor,
      action: 'order.access_resent',
      entityType: 'order',
      entityId: order.id,
      masterAccountId: caller.teamId,
      accountId: order.accountId,
      details: { receipt: order.receipt, to: order.buyerEmail, from },
    });
  }

  return {
    /** resendAccess: from the order page. */
    async fromOrder(caller: OrdersCaller, orderId: string): Promise<AccessResentView> {
      return db.transaction(async (tx) => {
        const order = await refunds.orderInScope(tx, orderId, caller.scope);
        if (!order) throw salesErrors.order_not_found();
        if (order.status === 'chargeback' || (await repo.liveAccessOfOrder(tx, order.id)) === 0) throw salesErrors.access_revoked();
        await resend(tx, caller, order, 'order');
        return { status: 'sent', to: order.buyerEmail, orders: [{ id: order.id, receipt: order.receipt }] };
      });
    },

    /** resendProductAccess: from a product's members list, by the member's address. */
    async fromMembersList(caller: OrdersCaller, accountId: string, productId: string, input: ResendMemberAccessInput): Promise<AccessResentView> {
      return db.transaction(async (tx) => {
        if (!(await repo.productOfAccount(tx, accountId, productId))) throw productsErrors.product_not_found();
        const orders = (await repo.ordersOfMember(tx, accountId, productId, input.email)).filter((o) => o.status !== 'chargeback');
        if (orders.length === 0) throw salesErrors.member_not_found({ field: 'email' });
        for (const order of orders) await resend(tx, caller, order, 'members_list');
        return { status: 'sent', to: input.email, orders: orders.map((o) => ({ id: o.id, receipt: o.receipt })) };
      });
    },
  };
}
