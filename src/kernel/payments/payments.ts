// The payment-provider interface (SALES-11, docs/payments.md). The sales module charges,
// refunds and renews only through this interface; a provider is one object implementing it,
// chosen by configuration (PAYMENT_PROVIDER), so Stripe, Mercado Pago or Pagar.me plug in
// without touching the sales module. Events a provider reports later (chargebacks) arrive in
// the `provider_events` inbox (payments.tables.ts), written by the provider's own notification
// route or, for the test provider, scheduled by the charge itself.
import type { Db } from '../../db/client.ts';
import type { Money } from '../money/index.ts';

/** What the buyer typed on the checkout page or sent through the API. Never stored. */
export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/** A payment method: a card typed now, or a provider's token (from its own card form, or a saved one). */
export type PaymentMethodInput = { card: CardInput } | { token: string };

export interface ChargeRequest {
  amount: Money;
  method: PaymentMethodInput;
  /** Shown on the buyer's statement and in the provider's dashboard. */
  description: string;
  /** The provider's idempotency key: a retry of the same charge never charges twice. */
  idempotencyKey: string;
  /** Keep a reusable token for later charges (subscriptions). */
  saveForLater: boolean;
  /** The seller account and the order or invoice it is for, for the provider's metadata. */
  metadata: Record<string, string>;
}

export type ChargeResult =
  | {
      ok: true;
      /** The provider's charge id, kept as the payment's `providerRef`. */
      chargeRef: string;
      /** "visa •••• 4242": what the order shows as its payment method. */
      methodLabel: string;
      /** Set when `saveForLater` was asked: charge it again with `{ token }`. */
      token: string | null;
    }
  | {
      ok: false;
      /** Stable and localizable by the caller: `card_declined`, `card_expired`, `incorrect_cvc`, `invalid_card_number`, `processing_error`. */
      code: PaymentFailureCode;
      /** Which input was wrong, when it is the buyer's to fix (`payment.card.number`, ...). */
      field?: string;
    };

export const PAYMENT_FAILURE_CODES = ['card_declined', 'card_expired', 'incorrect_cvc', 'invalid_card_number', 'invalid_token', 'processing_error'] as const;
export type PaymentFailureCode = (typeof PAYMENT_FAILURE_CODES)[number];

export type RefundResult = { ok: true; refundRef: string } | { ok: false; code: 'refund_failed' | 'processing_error' };

export interface PaymentProvider {
  /** Stored with each payment (`provider`). */
  readonly name: string;
  /**
   * Charges the amount. `db` is the caller's transaction: a provider that schedules its own
   * later events (the test provider's chargebacks) writes them into the inbox there, so they
   * exist only if the purchase does.
   */
  charge(db: Db, request: ChargeRequest, now: Date): Promise<ChargeResult>;
  /** Gives back part or all of a charge. Idempotent per key. */
  refund(request: { chargeRef: string; amount: Money; idempotencyKey: string }, now: Date): Promise<RefundResult>;
}
