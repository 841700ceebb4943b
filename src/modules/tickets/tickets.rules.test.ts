// The ticket rules (TKT-4 to TKT-13) without I/O: table-driven timers in five zones and across
// daylight-saving changes, the save window, eligibility, and properties over random sequences.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isWeekend } from '../../kernel/calendar.ts';
import {
  type Decision,
  decide,
  dueTimes,
  TKT_4_processAt,
  TKT_8_schedule,
  type TicketContext,
  type TicketEvent,
  type TicketState,
} from './tickets.rules.ts';

const ZONES = ['UTC', 'America/Sao_Paulo', 'Europe/Madrid', 'Asia/Tokyo', 'Africa/Cairo'] as const;
const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const fmt = (d: Date | null, zone: string) => (d ? DateTime.fromJSDate(d, { zone }).toFormat("ccc yyyy-LL-dd HH:mm") : null);

function ctx(now: Date, over: Partial<TicketContext> = {}): TicketContext {
  return {
    now,
    zone: 'UTC',
    abusesSaveWindow: false,
    order: { productKind: 'standard', chargedAt: new Date(now.getTime() - 86_400_000), fullyRefunded: false, subscriptionActive: false },
    otherOpenRefundTicket: false,
    ...over,
  };
}

function ok(d: Decision): Extract<Decision, { ok: true }> {
  if (!d.ok) throw new Error(`refused: ${d.code}`);
  return d;
}

describe('TKT-4: a buyer’s refund ticket is processed 24 h later, off the weekend in the seller’s zone', () => {
  // Opening at 10:00 local on each day of the week of 2026-11-16 (Monday).
  const expected: Record<string, string> = {
    Mon: 'Tue 2026-11-17 10:00',
    Tue: 'Wed 2026-11-18 10:00',
    Wed: 'Thu 2026-11-19 10:00',
    Thu: 'Fri 2026-11-20 10:00',
    Fri: 'Mon 2026-11-23 10:00', // Saturday 10:00 moves to Monday 10:00
    Sat: 'Mon 2026-11-23 10:00', // Sunday 10:00 moves to Monday
    Sun: 'Mon 2026-11-23 10:00', // Monday 10:00 itself
  };
  for (const zone of ZONES) {
    for (const [i, day] of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].entries()) {
      it(`${zone}, opened ${day} 10:00`, () => {
        const opened = local(`2026-11-${16 + i}T10:00`, zone);
        expect(fmt(TKT_4_processAt(opened, 'buyer', zone, false), zone)).toBe(expected[day]);
      });
    }
  }

  it('staff opening for a buyer who phoned follows the buyer’s rule (PLAT-1)', () => {
    const opened = local('2026-11-20T10:00', 'Europe/Madrid');
    expect(fmt(TKT_4_processAt(opened, 'staff', 'Europe/Madrid', false), 'Europe/Madrid')).toBe('Mon 2026-11-23 10:00');
  });

  it('24 hours are elapsed time across a DST change: Madrid spring forward keeps 24 h, not the wall clock', () => {
    // 2026-03-28 (Sat) → 29 (Sun, clocks go 02:00 → 03:00). Opened Thursday 26th 12:00: due Friday 27th 12:00.
    const opened = local('2026-03-26T12:00', 'Europe/Madrid');
    expect(fmt(TKT_4_processAt(opened, 'buyer', 'Europe/Madrid', false), 'Europe/Madrid')).toBe('Fri 2026-03-27 12:00');
    // Opened Saturday 28th 12:00 (CET): 24 h later is Sunday 13:00 CEST, moved to Monday 13:00.
    const sat = local('2026-03-28T12:00', 'Europe/Madrid');
    expect(fmt(TKT_4_processAt(sat, 'buyer', 'Europe/Madrid', false), 'Europe/Madrid')).toBe('Mon 2026-03-30 13:00');
  });

  it('Cairo changes its clocks on a Thursday night: 24 h after Thursday 23:30 is Saturday, moved to Monday', () => {
    // Egypt's 2026 spring change: the last Friday of April, 00:00 → 01:00 (Thursday night).
    const opened = local('2026-04-23T23:30', 'Africa/Cairo');
    const due = TKT_4_processAt(opened, 'buyer', 'Africa/Cairo', false);
    expect(due.getTime() - opened.getTime()).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(isWeekend(due, 'Africa/Cairo')).toBe(false);
  });

  it('TKT-7: seller-opened is 5 minutes, no weekend rule; TKT-12: a flagged seller is at once', () => {
    const sat = local('2026-11-21T10:00', 'UTC');
    expect(TKT_4_processAt(sat, 'seller', 'UTC', false).getTime() - sat.getTime()).toBe(5 * 60_000);
    expect(TKT_4_processAt(sat, 'buyer', 'UTC', true)).toEqual(sat);
  });
});

describe('TKT-8: support-ticket inactivity', () => {
  it('waiting on the seller: warnings at 48 h and 4 days, closing at 6 days moved off the weekend', () => {
    const zone = 'America/Sao_Paulo';
    const last = local('2026-11-16T09:00', zone); // Monday
    const s = TKT_8_schedule(last, 'seller', zone);
    expect(s.warnings.map((w) => fmt(w, zone))).toEqual(['Wed 2026-11-18 09:00', 'Fri 2026-11-20 09:00']);
    expect(fmt(s.closeAt, zone)).toBe('Sun 2026-11-22 09:00'.replace('Sun 2026-11-22', 'Mon 2026-11-23'));
  });

  it('waiting on the buyer: a warning after 7 business days and closing after 14, at the same local time', () => {
    const zone = 'Asia/Tokyo';
    const last = local('2026-11-20T18:00', zone); // Friday
    const s = TKT_8_schedule(last, 'buyer', zone);
    expect(fmt(s.warnings[0]!, zone)).toBe('Tue 2026-12-01 18:00');
    expect(fmt(s.closeAt, zone)).toBe('Thu 2026-12-10 18:00');
  });

  it('from a Saturday, 1 business day is the Monday (TKT-13), so 7 are the next week’s Tuesday', () => {
    const last = local('2026-11-21T08:00', 'UTC');
    expect(fmt(TKT_8_schedule(last, 'buyer', 'UTC').warnings[0]!, 'UTC')).toBe('Tue 2026-12-01 08:00');
  });

  it('business days across Madrid’s fall-back keep the local time', () => {
    const zone = 'Europe/Madrid';
    const last = local('2026-10-20T10:00', zone); // Tuesday, CEST
    const s = TKT_8_schedule(last, 'buyer', zone);
    expect(fmt(s.warnings[0]!, zone)).toBe('Thu 2026-10-29 10:00'); // CET by then
  });

  it('the sweep sends warning 1, then 2, then closes; a comment resets the clock and hands the turn over', () => {
    const t0 = local('2026-11-16T09:00', 'UTC');
    let state = ok(decide(null, { kind: 'open', type: 'support', by: 'buyer' }, ctx(t0))).state;
    expect(state.turn).toBe('seller');
    const at = (h: number) => new Date(t0.getTime() + h * 3_600_000);
    let d = ok(decide(state, { kind: 'sweep' }, ctx(at(47))));
    expect(d.effects).toEqual([]);
    d = ok(decide(state, { kind: 'sweep' }, ctx(at(48))));
    expect(d.effects).toEqual([{ kind: 'mail', event: 'warning', warning: 1 }]);
    state = d.state;
    expect(dueTimes(state, 'UTC').nextWarningAt).toEqual(at(96));
    // The seller answers: now it is the buyer's turn and the clock restarts (7 business days).
    state = ok(decide(state, { kind: 'comment', by: 'seller' }, ctx(at(50)))).state;
    expect(state.turn).toBe('buyer');
    expect(dueTimes(state, 'UTC').nextWarningAt).toEqual(addDays(at(50), 9)); // Wed 11:00 + 7 business days = Fri next week
    d = ok(decide(state, { kind: 'sweep' }, ctx(at(100))));
    expect(d.effects).toEqual([]);
  });
});

function addDays(d: Date, n: number) {
  return new Date(d.getTime() + n * 86_400_000);
}

describe('TKT-5, TKT-7, TKT-12: the save window', () => {
  const t0 = local('2026-11-16T09:00', 'UTC');
  const refund = ok(decide(null, { kind: 'open', type: 'refund', by: 'buyer' }, ctx(t0)));

  it('a buyer’s refund ticket claims the order and is due in 24 h', () => {
    expect(refund.effects).toContainEqual({ kind: 'order_claim', claimed: true });
    expect(refund.state.processAt).toEqual(addDays(t0, 1));
  });

  it('the seller closes or changes it only with the buyer’s consent; then the buyer may escalate', () => {
    const later = ctx(new Date(t0.getTime() + 3_600_000));
    expect(decide(refund.state, { kind: 'close', by: 'seller' }, later)).toMatchObject({ ok: false, code: 'buyer_consent_required', rule: 'TKT-5' });
    expect(decide(refund.state, { kind: 'change_type', to: 'support', by: 'seller' }, later)).toMatchObject({ ok: false, code: 'buyer_consent_required' });
    const changed = ok(decide(refund.state, { kind: 'change_type', to: 'support', by: 'seller', buyerConsent: true }, later));
    expect(changed.state).toMatchObject({ type: 'support', processAt: null, escalatable: true, typeBeforeSellerChange: 'refund' });
    expect(changed.effects).toContainEqual({ kind: 'order_claim', claimed: false });
    // Changing to support stops the refund: the sweep after the old due time does nothing of the kind.
    const swept = ok(decide(changed.state, { kind: 'sweep' }, ctx(addDays(t0, 2))));
    expect(swept.effects.some((e) => e.kind === 'refund')).toBe(false);
    // The buyer may change it back: processed 24 h after that change.
    const back = ok(decide(changed.state, { kind: 'change_type', to: 'refund', by: 'buyer' }, ctx(addDays(t0, 2))));
    expect(back.state.processAt).toEqual(addDays(t0, 3));
    const escalated = ok(decide(changed.state, { kind: 'escalate', by: 'buyer' }, later));
    expect(escalated.state.escalation).toBe('pending');
    const reopened = ok(decide(escalated.state, { kind: 'decide', by: 'staff', decision: 'reopen' }, ctx(addDays(t0, 4))));
    expect(reopened.state).toMatchObject({ type: 'refund', status: 'reopened', escalation: 'reopened' });
    // Reopened Friday 09:00: 24 h later is Saturday, so Monday 09:00.
    expect(reopened.state.processAt).toEqual(addDays(t0, 7));
  });

  it('a flagged seller cannot close or change a refund ticket, and it is due at once', () => {
    const flagged = ctx(t0, { abusesSaveWindow: true });
    const opened = ok(decide(null, { kind: 'open', type: 'refund', by: 'buyer' }, flagged));
    expect(opened.state.processAt).toEqual(t0);
    expect(decide(opened.state, { kind: 'close', by: 'seller', buyerConsent: true }, flagged)).toMatchObject({ ok: false, code: 'abuse_flag', rule: 'TKT-12' });
    expect(ok(decide(opened.state, { kind: 'sweep' }, flagged)).effects).toContainEqual({ kind: 'refund', scope: 'order' });
  });

  it('a seller-opened refund can be closed without consent within its 5 minutes, not after', () => {
    const opened = ok(decide(null, { kind: 'open', type: 'refund', by: 'seller' }, ctx(t0)));
    expect(opened.effects).not.toContainEqual({ kind: 'order_claim', claimed: true });
    expect(ok(decide(opened.state, { kind: 'close', by: 'seller' }, ctx(new Date(t0.getTime() + 4 * 60_000)))).state.escalatable).toBe(false);
    const processed = ok(decide(opened.state, { kind: 'sweep' }, ctx(new Date(t0.getTime() + 5 * 60_000))));
    expect(processed.state.processedAt).not.toBeNull();
  });
});

describe('TKT-6, TKT-10, TKT-11', () => {
  const t0 = local('2026-11-16T09:00', 'UTC');
  it('a subscription’s refund refunds the last invoice and cancels it; a cancel ticket only cancels', () => {
    const sub = { productKind: 'recurring' as const, chargedAt: addDays(t0, -10), fullyRefunded: false, subscriptionActive: true };
    const r = ok(decide(null, { kind: 'open', type: 'refund', by: 'buyer' }, ctx(t0, { order: sub })));
    expect(ok(decide(r.state, { kind: 'sweep' }, ctx(addDays(t0, 1), { order: sub }))).effects.slice(0, 2)).toEqual([
      { kind: 'refund', scope: 'last_invoice' },
      { kind: 'cancel_subscription' },
    ]);
    const c = ok(decide(null, { kind: 'open', type: 'cancel', by: 'buyer' }, ctx(t0, { order: sub })));
    const done = ok(decide(c.state, { kind: 'sweep' }, ctx(addDays(t0, 1), { order: sub })));
    expect(done.effects[0]).toEqual({ kind: 'cancel_subscription' });
    expect(done.effects.some((e) => e.kind === 'refund')).toBe(false);
    expect(decide(done.state, { kind: 'reopen', by: 'buyer' }, ctx(addDays(t0, 2), { order: sub }))).toMatchObject({ ok: false, code: 'ticket_processed' });
  });

  it('refund windows: 60 days for the buyer, 90 for the seller; cancel needs an active subscription; one refund ticket per order', () => {
    const old = (days: number) => ctx(t0, { order: { productKind: 'standard', chargedAt: addDays(t0, -days), fullyRefunded: false, subscriptionActive: false } });
    expect(decide(null, { kind: 'open', type: 'refund', by: 'buyer' }, old(59)).ok).toBe(true);
    expect(decide(null, { kind: 'open', type: 'refund', by: 'buyer' }, old(60))).toMatchObject({ ok: false, code: 'refund_window_passed', rule: 'TKT-11' });
    expect(decide(null, { kind: 'open', type: 'refund', by: 'seller' }, old(89)).ok).toBe(true);
    expect(decide(null, { kind: 'open', type: 'refund', by: 'seller' }, old(90))).toMatchObject({ ok: false, code: 'refund_window_passed' });
    expect(decide(null, { kind: 'open', type: 'cancel', by: 'buyer' }, old(1))).toMatchObject({ ok: false, code: 'cancel_needs_subscription' });
    expect(decide(null, { kind: 'open', type: 'refund', by: 'buyer' }, ctx(t0, { otherOpenRefundTicket: true }))).toMatchObject({ ok: false, code: 'refund_ticket_exists' });
  });

  it('a ticket asked on day 59 is still processed on day 60 (the window is judged when asked); one refunded meanwhile closes without a refund', () => {
    const order = { productKind: 'standard' as const, chargedAt: addDays(t0, -59), fullyRefunded: false, subscriptionActive: false };
    const r = ok(decide(null, { kind: 'open', type: 'refund', by: 'buyer' }, ctx(t0, { order })));
    expect(ok(decide(r.state, { kind: 'sweep' }, ctx(addDays(t0, 1), { order }))).effects[0]).toEqual({ kind: 'refund', scope: 'order' });
    const refunded = ok(decide(r.state, { kind: 'sweep' }, ctx(addDays(t0, 1), { order: { ...order, fullyRefunded: true } })));
    expect(refunded.effects.some((e) => e.kind === 'refund')).toBe(false);
    expect(refunded.state).toMatchObject({ status: 'closed', processedAt: null });
  });

  it('replying on a closed ticket is refused; reopening restarts the timers', () => {
    const s = ok(decide(null, { kind: 'open', type: 'support', by: 'buyer' }, ctx(t0)));
    const closed = ok(decide(s.state, { kind: 'close', by: 'buyer' }, ctx(addDays(t0, 1))));
    expect(decide(closed.state, { kind: 'comment', by: 'seller' }, ctx(addDays(t0, 2)))).toMatchObject({ ok: false, code: 'ticket_closed' });
    const re = ok(decide(closed.state, { kind: 'reopen', by: 'buyer' }, ctx(addDays(t0, 3))));
    expect(re.state).toMatchObject({ status: 'reopened', lastActivityAt: addDays(t0, 3), warningsSent: 0 });
  });
});

describe('properties over random event sequences', () => {
  const event: fc.Arbitrary<TicketEvent> = fc.oneof(
    fc.record({ kind: fc.constant('comment' as const), by: fc.constantFrom('buyer' as const, 'seller' as const, 'staff' as const) }),
    fc.record({ kind: fc.constant('change_type' as const), to: fc.constantFrom('support' as const, 'refund' as const, 'cancel' as const), by: fc.constantFrom('buyer' as const, 'seller' as const), buyerConsent: fc.boolean() }),
    fc.record({ kind: fc.constant('close' as const), by: fc.constantFrom('buyer' as const, 'seller' as const), buyerConsent: fc.boolean() }),
    fc.record({ kind: fc.constant('reopen' as const), by: fc.constantFrom('buyer' as const, 'seller' as const) }),
    fc.constant({ kind: 'escalate' as const, by: 'buyer' as const }),
    fc.record({ kind: fc.constant('decide' as const), by: fc.constant('staff' as const), decision: fc.constantFrom('uphold' as const, 'reopen' as const) }),
    fc.constant({ kind: 'sweep' as const }),
  );
  const scenario = fc.record({
    zone: fc.constantFrom(...ZONES),
    start: fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
    type: fc.constantFrom('support' as const, 'refund' as const, 'cancel' as const),
    by: fc.constantFrom('buyer' as const, 'staff' as const, 'seller' as const),
    flagged: fc.boolean(),
    recurring: fc.boolean(),
    steps: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 * 86_400_000 }), event), { maxLength: 25 }),
  });

  it('processed at most once, never after a close or a change to support, never before its rule allows; closings by the sweep never on a weekend', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const order = { productKind: s.recurring ? ('recurring' as const) : ('standard' as const), chargedAt: new Date(s.start.getTime() - 86_400_000), fullyRefunded: false, subscriptionActive: s.recurring };
        const c = (now: Date): TicketContext => ({ now, zone: s.zone, abusesSaveWindow: s.flagged, order, otherOpenRefundTicket: false });
        const opened = decide(null, { kind: 'open', type: s.type, by: s.by }, c(s.start));
        if (!opened.ok) return;
        let state: TicketState = opened.state;
        let now = s.start;
        let processed = 0;
        for (const [gap, e] of s.steps) {
          now = new Date(now.getTime() + gap);
          const before = state;
          const d = decide(state, e, c(now));
          if (!d.ok) continue;
          const moneyMoved = d.effects.some((x) => x.kind === 'refund' || x.kind === 'cancel_subscription');
          if (moneyMoved) {
            processed++;
            // Only a live refund/cancel ticket whose time has come, and never before the rule's instant.
            expect(before.status).not.toBe('closed');
            expect(before.type).not.toBe('support');
            const earliest = TKT_4_processAt(before.timerStartedAt, before.openedBy, s.zone, s.flagged);
            expect(now.getTime()).toBeGreaterThanOrEqual(earliest.getTime());
            expect(before.processAt!.getTime()).toBeGreaterThanOrEqual(earliest.getTime());
            if (s.recurring) order.subscriptionActive = false;
            else order.fullyRefunded = d.effects.some((x) => x.kind === 'refund') || order.fullyRefunded;
          }
          if (e.kind === 'sweep' && before.type === 'support' && d.state.status === 'closed' && before.status !== 'closed') {
            expect(isWeekend(TKT_8_schedule(before.lastActivityAt, before.turn, s.zone).closeAt, s.zone)).toBe(false);
          }
          state = d.state;
        }
        expect(processed).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });
});
