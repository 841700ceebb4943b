// SALES-9's API shapes: changing a buyer's e-mail within a seller account (the current
// address, the tax id on record and the new address), and recording the tax id a buyer lacks.
import { z } from 'zod';
import { EmailIn, EmailOut } from '../../kernel/http/contract.ts';

export const AccountParams = z.strictObject({ accountId: z.uuid() });

const taxId = z.string().trim().min(1).max(30).describe('CPF or CNPJ (numeric or alphanumeric), punctuation optional');

export const ChangeBuyerEmailBody = z
  .strictObject({
    currentEmail: EmailIn.describe("The buyer's address on record"),
    taxId: taxId.describe('The CPF/CNPJ on record for this buyer (SALES-9)'),
    newEmail: EmailIn,
  })
  .meta({ examples: [{ currentEmail: 'ana.old@example.com', taxId: '529.982.247-25', newEmail: 'ana@example.com' }] });
export type ChangeBuyerEmailInput = z.infer<typeof ChangeBuyerEmailBody>;

export const AddBuyerTaxIdBody = z
  .strictObject({ email: EmailIn.describe("The buyer's address on record"), taxId })
  .meta({ examples: [{ email: 'ana@example.com', taxId: '529.982.247-25' }] });
export type AddBuyerTaxIdInput = z.infer<typeof AddBuyerTaxIdBody>;

const MovedOrder = z.object({ id: z.uuid(), receipt: z.string() });

export const BuyerEmailChanged = z
  .object({
    accountId: z.uuid(),
    previousEmail: EmailOut,
    email: EmailOut,
    orders: z.array(MovedOrder).describe('The orders that moved, oldest first; each had its links revoked and a new one sent to the new address'),
  })
  .describe("A buyer's e-mail changed (SALES-9)");
export type BuyerEmailChangedView = z.infer<typeof BuyerEmailChanged>;

export const BuyerTaxIdAdded = z
  .object({
    accountId: z.uuid(),
    email: EmailOut,
    taxId: z.string().describe('Normalized: digits and capital letters only'),
    orders: z.number().int().describe('How many of the buyer’s orders received it'),
  })
  .describe('The tax id recorded for a buyer');
export type BuyerTaxIdAddedView = z.infer<typeof BuyerTaxIdAdded>;
