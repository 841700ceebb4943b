// The buyer's order page asks what it may offer (TKT-2, TKT-11): the order's tickets, so a buyer
// who comes back sees their requests, and which kinds may be opened now. The kinds are judged by
// trying the opening itself on the pure rules (`decide` with `open`, which runs
// TKT_11_eligibility) on the same context the opening builds, at the platform's time: the page
// offers exactly what `openTicketFromOrder` would accept, and names the refusal it would answer.
import type { AppDeps } from '../../kernel/deps.ts';
import { type AccessContext, accessErrors } from '../access/index.ts';
import { orderLink } from '../sales/index.ts';
import { OPENING_REFUSALS, type OpeningRefusal, type OrderTicketOptionsView } from './tickets.order-options.schemas.ts';
import { createTicketsOrderRepository } from './tickets.order.repository.ts';
import { createTicketsRepository } from './tickets.repository.ts';
import { decide, type TicketContext, type TicketRefusal, type TicketType } from './tickets.rules.ts';
import { contextOf, toTicketView } from './tickets.service.ts';

const isOpeningRefusal = (code: TicketRefusal): code is OpeningRefusal => (OPENING_REFUSALS as readonly string[]).includes(code);

/** Whether the buyer's opening of `type` would be accepted now, and if not, its refusal. */
function optionOf(type: TicketType, ctx: TicketContext): { allowed: boolean; reason?: OpeningRefusal } {
  const d = decide(null, { kind: 'open', type, by: 'buyer' }, ctx);
  if (d.ok) return { allowed: true };
  // An opening is refused only by TKT-11; anything else is a rule this page does not know to explain.
  if (!isOpeningRefusal(d.code)) throw new Error(`tickets: the opening refused with ${d.code}, not a TKT-11 refusal`);
  return { allowed: false, reason: d.code };
}

export function createOrderTicketOptions(deps: Pick<AppDeps, 'database' | 'clock'>) {
  const repo = createTicketsRepository();
  const orderTickets = createTicketsOrderRepository();
  const { db } = deps.database;

  return {
    /** `getOrderTicketOptions`: the link's order only (its id comes from the link, never the request). */
    async get(access: AccessContext): Promise<OrderTicketOptionsView> {
      const p = access.principal;
      if (!p || p.kind !== 'buyer_link' || p.purpose !== orderLink.name) throw new Error('tickets: the order-page route declared without the order link rule');
      const orderId = p.payload.orderId ?? p.about;
      const now = deps.clock.now();
      const [facts, rows, otherRefund] = await Promise.all([repo.factsByOrderId(db, orderId), orderTickets.ofOrder(db, orderId), repo.openRefundTicketOf(db, orderId)]);
      // A live link to an order that is gone never happens; answer as a dead link.
      if (!facts) throw accessErrors.not_found();
      const ctx = contextOf(facts, now, otherRefund);
      const zone = facts.account.timeZone;
      return {
        tickets: rows.map((row) => {
          const v = toTicketView(row, facts.order.receipt, zone);
          return {
            number: v.number,
            type: v.type,
            status: v.status,
            turn: v.turn,
            processAt: v.processAt,
            nextWarningAt: v.nextWarningAt,
            autoCloseAt: v.autoCloseAt,
            createdAt: v.createdAt,
            closedAt: v.closedAt,
            processedAt: v.processedAt,
          };
        }),
        options: {
          support: { allowed: true },
          refund: optionOf('refund', ctx),
          ...(facts.order.productKind === 'recurring' ? { cancel: optionOf('cancel', ctx) } : {}),
        },
      };
    },
  };
}
