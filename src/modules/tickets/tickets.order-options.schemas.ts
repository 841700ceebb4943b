// What the buyer's order page shows of tickets (TKT-2, TKT-11): the order's tickets with their
// due times, and which kinds the buyer may open now, each refused one with the code the opening
// itself would answer. The web app imports these types.
import { z } from 'zod';
import { Instant } from '../../kernel/http/contract.ts';
import { TicketStatusSchema, TicketTypeSchema } from './tickets.schemas.ts';

/** A ticket of the order as its buyer sees it from the order page (the ticket's own page is the e-mailed link). */
export const OrderTicket = z.object({
  number: z.number().int().describe('The ticket number (in every e-mail subject)'),
  type: TicketTypeSchema,
  status: TicketStatusSchema,
  turn: z.enum(['buyer', 'seller']).describe('Whose reply is awaited (TKT-1)'),
  processAt: Instant.nullable().describe('Refund and cancel tickets not yet processed: when the sweep processes it (TKT-4)'),
  nextWarningAt: Instant.nullable().describe('Support tickets: the next inactivity warning (TKT-8)'),
  autoCloseAt: Instant.nullable().describe('Support tickets: when it closes without activity (TKT-8)'),
  createdAt: Instant,
  closedAt: Instant.nullable(),
  processedAt: Instant.nullable().describe('When its refund or cancellation was processed (TKT-6)'),
});

/** The refusals of TKT-11 the opening answers (409), here as the reason a kind is not offered. */
export const OPENING_REFUSALS = ['refund_window_passed', 'already_refunded', 'refund_ticket_exists', 'cancel_needs_subscription'] as const;
export type OpeningRefusal = (typeof OPENING_REFUSALS)[number];

const Option = z.object({
  allowed: z.boolean(),
  reason: z
    .enum(OPENING_REFUSALS)
    .optional()
    .describe('When not allowed: the code `openTicketFromOrder` would answer (TKT-11): `refund_window_passed` (60 days), `already_refunded`, `refund_ticket_exists`, `cancel_needs_subscription`'),
});

export const OrderTicketOptions = z
  .object({
    tickets: z.array(OrderTicket).describe('The order’s tickets, newest first'),
    options: z
      .object({
        support: z.object({ allowed: z.literal(true) }).describe('Support may always be asked'),
        refund: Option,
        cancel: Option.optional().describe('Subscriptions only; absent for other products'),
      })
      .describe('Which kinds the buyer may open now, by the rules the opening applies (TKT-11)'),
  })
  .meta({
    examples: [
      {
        tickets: [
          {
            number: 100042,
            type: 'refund',
            status: 'open',
            turn: 'seller',
            processAt: '2026-01-06T12:00:00.000Z',
            nextWarningAt: null,
            autoCloseAt: null,
            createdAt: '2026-01-05T12:00:00.000Z',
            closedAt: null,
            processedAt: null,
          },
        ],
        options: { support: { allowed: true }, refund: { allowed: false, reason: 'refund_ticket_exists' }, cancel: { allowed: true } },
      },
    ],
  });
export type OrderTicketOptionsView = z.infer<typeof OrderTicketOptions>;
