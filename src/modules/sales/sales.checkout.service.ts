// The public checkout (SALES-11) and createOrder (API-1): both are the one purchase of
// sales.purchase.ts. The checkout page reads what it shows about a product and buys it for
// anyone; createOrder buys for an integrator's API key, once per Idempotency-Key (the kernel's
// idempotency: the key's answer is stored in the sale's own transaction, and the provider's
// charge key derives from the caller and the key, so no retry or crash charges twice).
import type { AppDeps } from '../../kernel/deps.ts';
import type { Locale } from '../../kernel/i18n.ts';
import { createIdempotency, type IdempotentOutcome } from '../../kernel/idempotency/index.ts';
import type { Currency, Money } from '../../kernel/money/index.ts';
import { type AccessContext, auditActorOf, scopeOf } from '../access/index.ts';
import type { CheckoutInput, CheckoutViewOut } from './sales.checkout.schemas.ts';
import { salesErrors } from './sales.errors.ts';
import { createPurchaseService, type PurchaseDeps } from './sales.purchase.ts';
import { createSalesRepository } from './sales.repository.ts';
import { priceOfPurchase } from './sales.rules.ts';
import type { PurchaseInput } from './sales.schemas.ts';

export type CheckoutDeps = PurchaseDeps & Pick<AppDeps, 'audit'>;

export function createCheckoutService(deps: CheckoutDeps) {
  const repo = createSalesRepository();
  const purchases = createPurchaseService(deps);
  const idempotency = createIdempotency({ clock: deps.clock });
  const { db } = deps.database;

  return {
    /** What the checkout page shows. An archived or unknown product is not for sale (404). */
    async view(productId: string): Promise<CheckoutViewOut> {
      const found = await repo.productForSale(db, productId);
      if (!found || found.product.status !== 'active') throw salesErrors.product_not_for_sale({ field: 'productId' });
      const { product, account } = found;
      const now = deps.clock.now();
      const price: Money = { amount: product.priceAmount, currency: product.currency as Currency };
      const { tax, total } = priceOfPurchase(price, product.taxRateBp, false);
      const trial = product.kind === 'recurring' && (product.trialDays ?? 0) > 0;
      const dueNow = priceOfPurchase(price, product.taxRateBp, trial).total;
      let placesLeft: number | null = null;
      let unavailable: CheckoutViewOut['unavailable'] = null;
      if (product.kind === 'event') {
        placesLeft = Math.max(0, product.eventCapacity! - (await repo.placesTaken(db, product.id)));
        if (product.eventStartsAt! <= now) unavailable = 'event_started';
        else if (placesLeft === 0) unavailable = 'sold_out';
      }
      return {
        product: {
          id: product.id,
          name: product.name,
          description: product.description,
          kind: product.kind,
          price,
          taxRateBasisPoints: product.taxRateBp,
          tax,
          total,
          dueNow,
          period: product.kind === 'recurring' ? product.billingPeriod : null,
          trialDays: product.kind === 'recurring' ? product.trialDays : null,
          startsAt: product.kind === 'event' ? product.eventStartsAt!.toISOString() : null,
          place: product.kind === 'event' ? product.eventPlace : null,
          placesLeft,
        },
        seller: { nickname: account.nickname, customerServiceEmail: account.customerServiceEmail ?? account.email, timeZone: account.timeZone },
        onSale: unavailable === null,
        unavailable,
        provider: deps.payments.name,
      };
    },

    /** The checkout page's purchase: the buyer goes on to their order page. */
    async checkout(productId: string, input: CheckoutInput): Promise<{ receipt: string; orderUrl: string }> {
      const { order, orderToken } = await purchases.purchase({ productId, ...input }, { channel: 'checkout', actor: 'buyer' });
      return { receipt: order.receipt, orderUrl: `/o/${orderToken}` };
    },

    /**
     * createOrder: the purchase for an API key's team, once per (membership, Idempotency-Key).
     * The product must belong to an account in the key's scope, else `product_not_for_sale`.
     * The order's history and the audit log name the key's person; the audit entry and the
     * key's answer are written in the sale's transaction.
     */
    async createOrder(access: AccessContext, key: string, input: PurchaseInput, locale: Locale): Promise<IdempotentOutcome> {
      if (!access.team) throw new Error('createOrder: declared without a team access rule');
      const team = access.team;
      const actor = auditActorOf(access);
      return idempotency.run(db, { callerId: `member:${team.membershipId}`, key, body: input, locale }, async (attempt) => {
        const { order } = await purchases.purchase(input, {
          channel: 'api',
          scope: scopeOf(access),
          actor: actor.label,
          chargeKey: attempt.downstreamKey,
          onRecorded: async (tx, result) => {
            await deps.audit.record(tx, {
              actor,
              action: 'order.created',
              entityType: 'order',
              entityId: result.order.id,
              masterAccountId: team.teamId,
              accountId: result.order.accountId,
              details: { receipt: result.order.receipt, productId: result.order.productId, total: result.order.total },
            });
            await attempt.complete(tx, { status: 201, body: result.order });
          },
        });
        return { status: 201, body: order };
      });
    },
  };
}
