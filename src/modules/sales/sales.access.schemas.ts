// SALES-5's API shapes: resending a buyer's access, from an order or from a product's members list.
import { z } from 'zod';
import { EmailIn, EmailOut } from '../../kernel/http/contract.ts';

export const ProductMemberParams = z.strictObject({ accountId: z.uuid(), productId: z.uuid() });

export const ResendMemberAccessBody = z
  .strictObject({ email: EmailIn.describe("The member's address, as the members list shows it (listProductMembers searches by its start)") })
  .meta({ examples: [{ email: 'ana@example.com' }] });
export type ResendMemberAccessInput = z.infer<typeof ResendMemberAccessBody>;

export const AccessResent = z
  .object({
    status: z.literal('sent'),
    to: EmailOut,
    orders: z.array(z.object({ id: z.uuid(), receipt: z.string() })).describe('One e-mail per order, each with a fresh link to its order page'),
  })
  .describe("The buyer's access e-mailed again (SALES-5)");
export type AccessResentView = z.infer<typeof AccessResent>;
