// Tickets' API shapes (API-1, TKT-1 to TKT-13): a ticket as every answer gives it (with its due
// times, issue 9 item 2), the detail a page shows (order, history, due sentence, the actions the
// viewer may take now), the list's query and page, and the bodies of the actions. The web app
// imports these types.
import { z } from 'zod';
import { EmailOut, Instant } from '../../kernel/http/contract.ts';

const uuid = z.uuid();
export const TicketTypeSchema = z.enum(['support', 'refund', 'cancel']).describe('TKT-1: `cancel` only for an active subscription');
export const TicketStatusSchema = z.enum(['open', 'reopened', 'closed']);
const Party = z.enum(['buyer', 'seller']);
const ActorKind = z.enum(['buyer', 'seller', 'staff', 'system']);

/** A ticket's number in a path: human-friendly, platform-wide (100001 and up). */
const ticketNumber = z.coerce.number().int().min(1).max(2_147_483_647).describe('The ticket number (shown in every e-mail subject)');
export const TeamParams = z.strictObject({ teamId: uuid });
export const TicketParams = z.strictObject({ teamId: uuid, number: ticketNumber });
export const StaffTicketParams = z.strictObject({ number: ticketNumber });
export const LinkParams = z.strictObject({ token: z.string().min(20).max(200).describe("The token of the ticket's e-mailed link") });

const MoneyOut = z.object({ amount: z.number().int().describe('Minor units: 4990 is 49.90'), currency: z.string().describe('ISO 4217') });

/** A ticket as every answer (and every webhook) gives it. */
export const Ticket = z
  .object({
    id: uuid,
    number: z.number().int(),
    accountId: uuid.describe('The seller account the order belongs to'),
    orderId: uuid,
    receipt: z.string().describe("The order's receipt number"),
    type: TicketTypeSchema,
    status: TicketStatusSchema,
    openedBy: z.enum(['buyer', 'staff', 'seller']).describe('TKT-2: a ticket opened with a team key or session is `seller`'),
    reason: z.string().nullable(),
    turn: Party.describe('Whose reply is awaited (TKT-1)'),
    processAt: Instant.nullable().describe('Refund and cancel tickets not yet processed: when the sweep processes it (TKT-4, TKT-7, TKT-12)'),
    nextWarningAt: Instant.nullable().describe('Support tickets: the next inactivity warning (TKT-8)'),
    autoCloseAt: Instant.nullable().describe('Support tickets: when it closes without activity (TKT-8)'),
    lastActivityAt: Instant,
    createdAt: Instant,
    closedAt: Instant.nullable(),
    processedAt: Instant.nullable().describe('When its refund or cancellation was processed (TKT-6); then it never reopens'),
    escalation: z.enum(['none', 'pending', 'upheld', 'reopened']).describe('PLAT-2: the platform’s review'),
    escalatable: z.boolean().describe('The buyer may escalate it now (TKT-5)'),
  })
  .meta({
    examples: [
      {
        id: '0194a0b0-0000-7000-8000-000000000001',
        number: 100042,
        accountId: '0194a0b0-0000-7000-8000-0000000000a1',
        orderId: '0194a0b0-0000-7000-8000-0000000000b1',
        receipt: 'K7XQ2M9RTA',
        type: 'refund',
        status: 'open',
        openedBy: 'buyer',
        reason: 'not_as_described',
        turn: 'seller',
        processAt: '2026-01-06T12:00:00.000Z',
        nextWarningAt: null,
        autoCloseAt: null,
        lastActivityAt: '2026-01-05T12:00:00.000Z',
        createdAt: '2026-01-05T12:00:00.000Z',
        closedAt: null,
        processedAt: null,
        escalation: 'none',
        escalatable: false,
      },
    ],
  });
export type TicketOut = z.infer<typeof Ticket>;

/** A ticket in a list: with what the Tickets tab shows of its order and account. */
export const TicketListItem = Ticket.extend({
  updatedAt: Instant,
  productName: z.string(),
  productKind: z.enum(['standard', 'recurring', 'event']),
  buyer: z.object({ name: z.string(), email: EmailOut }),
  account: z.object({ id: uuid, nickname: z.string() }),
});
export type TicketListItemView = z.infer<typeof TicketListItem>;

export const TicketPage = z.object({
  items: z.array(TicketListItem),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next (older) page; null at the end'),
  prevCursor: z.string().nullable().describe('Pass as `cursor` for the previous (newer) page; null on the first'),
});
export type TicketPageView = z.infer<typeof TicketPage>;

/** An action the viewer may take now, as the rules stand (TKT-5, TKT-10, TKT-11, TKT-12, PLAT-2). */
export const TicketAction = z.object({
  action: z.enum(['comment', 'change_type', 'close', 'reopen', 'escalate', 'decide']),
  toType: TicketTypeSchema.optional().describe('For `change_type`: the type it may change to'),
  needsBuyerConsent: z.boolean().describe('TKT-5: the seller must record that the buyer agreed (`buyerConsent: true`)'),
});
export type TicketActionView = z.infer<typeof TicketAction>;

export const TicketHistoryEntry = z.object({
  id: uuid,
  kind: z.string().describe('`opened`, `comment`, `type_changed`, `closed`, `reopened`, `escalated`, `escalation_uphold`, `escalation_reopen`, `warning`, `processed`'),
  actor: z.object({ kind: ActorKind, label: z.string().describe('Who: the member’s or staff’s e-mail, the buyer’s name, `system`; to a link’s reader, the party’s name') }),
  body: z.string().nullable().describe('The comment, or the note that came with the change'),
  fromType: TicketTypeSchema.nullable(),
  toType: TicketTypeSchema.nullable(),
  buyerConsent: z.boolean().nullable().describe('TKT-5: the seller recorded that the buyer agreed'),
  at: Instant,
});

export const TicketOrder = z.object({
  id: uuid,
  receipt: z.string(),
  status: z.string().describe('`approved`, `claimed`, `refunded`, `partially_refunded`, `cancelled`, `chargeback`'),
  productName: z.string(),
  productKind: z.enum(['standard', 'recurring', 'event']),
  total: MoneyOut,
  refunded: MoneyOut,
  buyer: z.object({ name: z.string(), email: EmailOut }),
  subscriptionStatus: z.string().nullable().describe('A subscription’s status, for recurring products'),
  createdAt: Instant,
});

/** One ticket as its page shows it: the order, the whole history, the due times in words, the actions. */
export const TicketDetail = Ticket.extend({
  updatedAt: Instant,
  account: z.object({ id: uuid, nickname: z.string(), timeZone: z.string().describe("The seller's zone (TKT-13): weekends and the due sentence") }),
  order: TicketOrder,
  history: z.array(TicketHistoryEntry).describe('Oldest first (TKT-1)'),
  dueSentence: z.string().describe("What happens next, in the reader's language and the seller's zone; empty when nothing is due"),
  viewer: z.enum(['buyer', 'seller', 'staff']).describe('Whose actions `actions` lists'),
  actions: z.array(TicketAction).describe('What the viewer may do now; anything else is refused with the rule that refuses it'),
});
export type TicketDetailView = z.infer<typeof TicketDetail>;

export const EscalationItem = TicketListItem.extend({ escalatedAt: Instant });
export const EscalationPage = z.object({
  items: z.array(EscalationItem).describe('Oldest escalation first'),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null at the end'),
});
export type EscalationPageView = z.infer<typeof EscalationPage>;

// --- inputs --------------------------------------------------------------------------------

const comment = z.string().trim().min(1).max(10_000);
const optionalNote = z.string().trim().max(10_000).optional();
const reason = z.string().trim().min(1).max(200).optional().describe('Why the buyer asks (free text, shown on top of every e-mail)');
const instantIn = z.iso.datetime({ offset: true });

export const OpenTicketBody = z
  .strictObject({
    receipt: z.string().trim().min(1).max(40).describe('The order’s receipt (spaces and dashes ignored, any case)'),
    type: TicketTypeSchema,
    reason,
    comment: comment.describe('The first comment'),
  })
  .meta({ examples: [{ receipt: 'K7XQ2M9RTA', type: 'refund', reason: 'The buyer phoned: the course does not open', comment: 'Refund asked by phone' }] });
export type OpenTicketInput = z.infer<typeof OpenTicketBody>;

export const OpenFromOrderBody = z
  .strictObject({ type: TicketTypeSchema, reason, comment: comment.describe('The first comment') })
  .meta({ examples: [{ type: 'support', comment: 'I cannot open lesson 3' }, { type: 'refund', reason: 'Not what I expected', comment: 'Please refund me' }] });

export const OpenedFromOrder = z.object({
  ticket: Ticket,
  url: z.string().describe("The buyer's ticket page (also e-mailed): no login needed"),
});

export const CommentBody = z.strictObject({ body: comment }).meta({ examples: [{ body: 'Lesson 3 is fixed: please try again.' }] });

export const ChangeTypeBody = z
  .strictObject({
    type: TicketTypeSchema,
    buyerConsent: z.boolean().optional().describe('TKT-5: the seller records that the buyer agreed (required to change a refund or cancel ticket)'),
    comment: optionalNote.describe('A note kept in the history'),
  })
  .meta({ examples: [{ type: 'support', buyerConsent: true, comment: 'The buyer agreed to a week of help instead' }] });

export const BuyerChangeTypeBody = z
  .strictObject({ type: TicketTypeSchema, comment: optionalNote.describe('A note kept in the history') })
  .meta({ examples: [{ type: 'refund', comment: 'The help did not work' }] });

export const CloseBody = z
  .strictObject({
    buyerConsent: z.boolean().optional().describe('TKT-5: the seller records that the buyer agreed (required to close a refund or cancel ticket)'),
    comment: optionalNote.describe('A note kept in the history'),
  })
  .meta({ examples: [{ buyerConsent: true, comment: 'Solved by phone' }, {}] });

export const NoteBody = z.strictObject({ comment: optionalNote.describe('A note kept in the history') }).meta({ examples: [{ comment: 'Still not working' }, {}] });

export const DecideEscalationBody = z
  .strictObject({
    decision: z.enum(['uphold', 'reopen']).describe("PLAT-2: uphold the seller's action, or reopen with the original type and a new due time"),
    note: comment.describe('Why: e-mailed to both parties and kept in the history'),
  })
  .meta({ examples: [{ decision: 'reopen', note: 'The buyer did not agree to close the refund request' }] });

export const ListTicketsQuery = z
  .strictObject({
    q: z.string().trim().min(1).max(254).optional().describe('A buyer’s e-mail (exact, any case), a ticket number (`100042` or `#100042`) or a receipt'),
    type: TicketTypeSchema.optional(),
    productKind: z.enum(['standard', 'recurring', 'both']).default('both').describe('`standard`: one-payment products (events included); `recurring`: subscriptions'),
    status: TicketStatusSchema.optional(),
    accountId: uuid.optional().describe("Only this seller account's tickets (one within the caller's scope)"),
    createdFrom: instantIn.optional().describe('Opened at or after'),
    createdTo: instantIn.optional().describe('Opened before'),
    updatedFrom: instantIn.optional().describe('Last changed at or after'),
    updatedTo: instantIn.optional().describe('Last changed before'),
    closedFrom: instantIn.optional().describe('Closed at or after'),
    closedTo: instantIn.optional().describe('Closed before'),
    cursor: z.string().max(120).optional().describe('The `nextCursor` (or `prevCursor`) of a page, with the same filters'),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((q) => !q.createdFrom || !q.createdTo || Date.parse(q.createdFrom) < Date.parse(q.createdTo), {
    path: ['createdTo'],
    params: { en: '`createdTo` must be after `createdFrom`', es: '`createdTo` debe ser posterior a `createdFrom`' },
  })
  .refine((q) => !q.updatedFrom || !q.updatedTo || Date.parse(q.updatedFrom) < Date.parse(q.updatedTo), {
    path: ['updatedTo'],
    params: { en: '`updatedTo` must be after `updatedFrom`', es: '`updatedTo` debe ser posterior a `updatedFrom`' },
  })
  .refine((q) => !q.closedFrom || !q.closedTo || Date.parse(q.closedFrom) < Date.parse(q.closedTo), {
    path: ['closedTo'],
    params: { en: '`closedTo` must be after `closedFrom`', es: '`closedTo` debe ser posterior a `closedFrom`' },
  });
export type ListTicketsQueryInput = z.infer<typeof ListTicketsQuery>;

export const ListEscalationsQuery = z.strictObject({
  cursor: z.string().max(120).optional().describe('The `nextCursor` of a page'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
