// Check-ins' API shapes (SALES-10): the seller's updateCheckIn and resendCheckInLink, and the
// buyer's check-in page (the link's token in the path).
import { z } from 'zod';
import { EmailOut, Instant } from '../../kernel/http/contract.ts';

export const CheckInStatus = z.enum(['pending', 'done']);

export const UpdateCheckInBody = z
  .strictObject({ status: CheckInStatus.describe('`done`: the attendee is in; `pending`: not (yet)') })
  .meta({ examples: [{ status: 'done' }, { status: 'pending' }] });

export const CheckInSent = z.object({
  status: z.literal('sent'),
  to: EmailOut.describe('The buyer’s address the new link was queued to'),
});
export type CheckInSentView = z.infer<typeof CheckInSent>;

export const CheckInTokenParams = z.strictObject({ token: z.string().min(1).max(200).describe('The token of the e-mailed check-in link') });

/** What the buyer's check-in page shows. No e-mail address: whoever holds the link sees only the attendee's name. */
export const BuyerCheckIn = z
  .object({
    receipt: z.string(),
    event: z.object({
      name: z.string(),
      startsAt: Instant.nullable(),
      place: z.string().nullable(),
      timeZone: z.string().nullable().describe('The seller account’s IANA zone: the event’s local time'),
    }),
    attendee: z.object({ name: z.string() }),
    seller: z.object({ name: z.string(), email: EmailOut.describe('Customer-service address') }),
    status: CheckInStatus,
    checkedInAt: Instant.nullable(),
    valid: z.boolean().describe('False when the order was refunded, cancelled or charged back: the ticket no longer admits'),
    locale: z.enum(['es', 'en']).describe('The language the buyer chose at checkout'),
  })
  .describe("An event ticket's check-in, as its buyer sees it (SALES-10)");
export type BuyerCheckInView = z.infer<typeof BuyerCheckIn>;
