// SALES-9: change a buyer's e-mail within a seller account, and record the CPF/CNPJ a buyer
// lacks first. Both need Change buyer e-mail (`sales.change_buyer_email`) on the account.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { taxIdErrors } from '../../kernel/tax-ids/index.ts';
import { createBuyerEmailService } from './sales.buyer-email.service.ts';
import * as s from './sales.buyer-email.schemas.ts';
import { salesErrors as e } from './sales.errors.ts';
import { ordersCallerOf } from './sales.refunds.service.ts';

const tags = ['sales'];
const change = { kind: 'account' as const, need: 'sales.change_buyer_email' as const };
const taxIdFormat = [taxIdErrors.tax_id_invalid_format, taxIdErrors.tax_id_invalid_check_digits, taxIdErrors.tax_id_repeated_digits];

export const buyerEmailRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createBuyerEmailService(app.deps);

  app.post(
    '/api/v1/accounts/:accountId/buyers/email',
    {
      config: { access: change },
      schema: {
        tags,
        operationId: 'changeBuyerEmail',
        summary: "Change a buyer's e-mail: every order of the address in this account moves (SALES-9)",
        description:
          'Needs the current address, the CPF/CNPJ on record for that buyer and the new address. Orders and access move; the links already e-mailed ' +
          'about those orders stop working; the new address gets a fresh link per order (and per pending check-in), the old one a notice. ' +
          'A buyer without a CPF/CNPJ on record answers 409 `buyer_tax_id_missing`: record it first with addBuyerTaxId.',
        params: s.AccountParams,
        body: s.ChangeBuyerEmailBody,
        errors: [e.buyer_not_found, e.buyer_tax_id_missing, e.buyer_tax_id_mismatch, e.same_buyer_email, e.buyer_email_taken, ...taxIdFormat],
        response: { 200: s.BuyerEmailChanged },
      },
    },
    async (request) => service.change(ordersCallerOf(request.access), request.params.accountId, request.body),
  );

  app.post(
    '/api/v1/accounts/:accountId/buyers/tax-id',
    {
      config: { access: change },
      schema: {
        tags,
        operationId: 'addBuyerTaxId',
        summary: 'Record the CPF/CNPJ of a buyer who has none on record (SALES-9)',
        description: 'Written on every order of that address in this account. A buyer who already has one keeps it (409 `buyer_tax_id_on_record`).',
        params: s.AccountParams,
        body: s.AddBuyerTaxIdBody,
        errors: [e.buyer_not_found, e.buyer_tax_id_on_record, ...taxIdFormat],
        response: { 200: s.BuyerTaxIdAdded },
      },
    },
    async (request) => service.addTaxId(ordersCallerOf(request.access), request.params.accountId, request.body),
  );
};
