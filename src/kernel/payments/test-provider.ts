// The built-in test provider (SALES-11): the only fake in the product, behind the same
// interface a real provider implements. Its cards are the numbers developers already know
// (docs/payments.md):
//   4242 4242 4242 4242  succeeds (and so do its saved tokens)
//   4000 0000 0000 0002  declined (`card_declined`)
//   4000 0000 0000 0259  succeeds, then is charged back a minute later (a `charge.disputed` event)
//   4000 0000 0000 0341  succeeds now; later charges with its saved token are declined (renewals fail)
// Any future expiry and any 3- or 4-digit CVC; a past expiry is `card_expired`, a number that
// fails the Luhn check `invalid_card_number`. Tokens carry the card's behaviour, so renewals
// behave like the card that was saved. Nothing leaves the process except the inbox row.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { newId } from '../ids.ts';
import { createProviderEventsRepository } from './payments.repository.ts';
import type { CardInput, ChargeRequest, ChargeResult, PaymentProvider, RefundResult } from './payments.ts';

export const TEST_CARDS = {
  succeeds: '4242424242424242',
  declined: '4000000000000002',
  chargeback: '4000000000000259',
  renewalsFail: '4000000000000341',
} as const;

/** How long after the charge the test chargeback arrives. */
export const TEST_CHARGEBACK_DELAY_MS = 60_000;

type Behaviour = 'ok' | 'decline' | 'chargeback' | 'renewals_fail';

function behaviourOf(number: string): Behaviour {
  switch (number) {
    case TEST_CARDS.declined:
      return 'decline';
    case TEST_CARDS.chargeback:
      return 'chargeback';
    case TEST_CARDS.renewalsFail:
      return 'renewals_fail';
    default:
      return 'ok';
  }
}

export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function brandOf(digits: string): string {
  if (digits.startsWith('4')) return 'visa';
  if (/^5[1-5]/.test(digits) || /^2[2-7]/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  return 'card';
}

/** Checks a typed card as any provider would; null when it can be charged. */
function cardProblem(card: CardInput, now: Date): { code: 'invalid_card_number' | 'card_expired' | 'incorrect_cvc'; field: string } | null {
  const digits = card.number.replace(/[\s-]/g, '');
  if (!luhnValid(digits)) return { code: 'invalid_card_number', field: 'payment.card.number' };
  const month = card.expMonth;
  const year = card.expYear < 100 ? 2000 + card.expYear : card.expYear;
  if (!Number.isInteger(month) || month < 1 || month > 12) return { code: 'card_expired', field: 'payment.card.expMonth' };
  // A card is good through the last day of its expiry month (UTC).
  if (Date.UTC(year, month, 1) <= now.getTime()) return { code: 'card_expired', field: 'payment.card.expYear' };
  if (!/^\d{3,4}$/.test(card.cvc)) return { code: 'incorrect_cvc', field: 'payment.card.cvc' };
  return null;
}

function ref(prefix: string, idempotencyKey: string): string {
  // Deterministic per idempotency key: a retried charge is the same charge.
  return `${prefix}_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
}

export function createTestProvider(): PaymentProvider {
  const events = createProviderEventsRepository();
  return {
    name: 'test',

    async charge(db: Db, request: ChargeRequest, now: Date): Promise<ChargeResult> {
      let behaviour: Behaviour;
      let label: string;
      let renewal = false;
      if ('card' in request.method) {
        const problem = cardProblem(request.method.card, now);
        if (problem) return { ok: false, ...problem };
        const digits = request.method.card.number.replace(/[\s-]/g, '');
        behaviour = behaviourOf(digits);
        label = `${brandOf(digits)} •••• ${digits.slice(-4)}`;
      } else {
        const match = /^tok_test_(ok|decline|chargeback|renewals_fail)_([a-z]+)_(\d{4})_[0-9a-f]{16}$/.exec(request.method.token);
        if (!match) return { ok: false, code: 'invalid_token', field: 'payment.token' };
        behaviour = match[1] as Behaviour;
        label = `${match[2]} •••• ${match[3]}`;
        renewal = true;
      }
      if (behaviour === 'decline' || (behaviour === 'renewals_fail' && renewal)) return { ok: false, code: 'card_declined', field: 'payment.card.number' };
      const chargeRef = ref('ch_test', request.idempotencyKey);
      if (behaviour === 'chargeback' && !renewal) {
        await events.record(db, {
            id: newId(),
            provider: 'test',
            providerEventId: `evt_${chargeRef}`,
            type: 'charge.disputed',
            chargeRef,
            payload: { amount: request.amount.amount, currency: request.amount.currency, reason: 'fraudulent' },
            dueAt: new Date(now.getTime() + TEST_CHARGEBACK_DELAY_MS),
          createdAt: now,
        });
      }
      const [brand, , last4] = label.split(' ');
      const token = request.saveForLater ? `tok_test_${behaviour}_${brand}_${last4}_${randomBytes(8).toString('hex')}` : null;
      return { ok: true, chargeRef, methodLabel: label, token };
    },

    async refund(request: { chargeRef: string; idempotencyKey: string }): Promise<RefundResult> {
      if (!request.chargeRef.startsWith('ch_test_')) return { ok: false, code: 'refund_failed' };
      return { ok: true, refundRef: ref('re_test', request.idempotencyKey) };
    },
  };
}
