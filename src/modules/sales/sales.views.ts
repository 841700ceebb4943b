// Rows to the API's shapes (sales.schemas.ts).
import type { CheckInRow, OrderRow, SubscriptionRow } from './sales.repository.ts';
import type { OrderView } from './sales.schemas.ts';

/** An order without its subscription and check-in: what a list shows (OrderListItem). */
export function toOrderListItemView(order: OrderRow): Omit<OrderView, 'subscription' | 'checkIn'> {
  const money = (amount: number) => ({ amount, currency: order.currency });
  return {
    id: order.id,
    receipt: order.receipt,
    accountId: order.accountId,
    productId: order.productId,
    productName: order.productName,
    productKind: order.productKind,
    status: order.status,
    channel: order.channel,
    buyer: { name: order.buyerName, email: order.buyerEmail, taxId: order.buyerTaxId },
    subtotal: money(order.subtotalAmount),
    tax: money(order.taxAmount),
    total: money(order.totalAmount),
    paid: money(order.paidAmount),
    refunded: money(order.refundedAmount),
    paymentMethod: order.paymentMethod,
    createdAt: order.createdAt.toISOString(),
  };
}

// Object.assign onto the list item, not a spread or a rest: either leaves V8 a dictionary-mode
// object, microseconds an order on every page of Transactions.
export function toOrderView(order: OrderRow, subscription: SubscriptionRow | null, checkIn: CheckInRow | null): OrderView {
  return Object.assign(toOrderListItemView(order), {
    subscription: subscription
      ? {
          id: subscription.id,
          status: subscription.status,
          period: subscription.period,
          price: { amount: subscription.priceAmount, currency: subscription.currency },
          currentPeriodEnd: subscription.currentPeriodEnd.toISOString(),
          cancelledAt: subscription.cancelledAt?.toISOString() ?? null,
        }
      : null,
    checkIn: checkIn ? { status: checkIn.status, checkedInAt: checkIn.checkedInAt?.toISOString() ?? null } : null,
  });
}
