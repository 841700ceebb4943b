// The buyer's order page API (SALES-3). The order link's token in the path is the credential
// (`{ kind: 'link', purpose: orderLink }`): a dead or revoked link answers 404 before the
// handler runs. The e-mail change confirmation link is consumed by its use case, not by the
// access check (a refused change must not spend it), so those two routes are public.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../kernel/errors.ts';
import { buyerErrors as e } from './sales.buyer.errors.ts';
import { salesErrors } from './sales.errors.ts';
import * as s from './sales.buyer.schemas.ts';
import { createBuyerService } from './sales.buyer.service.ts';
import { orderLink } from './sales.links.ts';
import type { PdfKind } from './sales.pdf.ts';

const tags = ['sales'];
const buyer = { kind: 'link' as const, purpose: orderLink };
const pub = { kind: 'public' as const };

const Pdf = {
  description: 'The PDF document',
  content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
};

export const buyerRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createBuyerService(app.deps);

  /** A limit's refusal tells when to come back (Retry-After), like the kernel's rate limits. */
  async function withRetryAfter<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const retryAt = error instanceof AppError ? (error.details as { retryAt?: string } | undefined)?.retryAt : undefined;
      if (retryAt) reply.header('retry-after', String(Math.max(1, Math.ceil((Date.parse(retryAt) - app.deps.clock.now().getTime()) / 1000))));
      throw error;
    }
  }

  const sendPdf = async (reply: FastifyReply, file: { filename: string; bytes: Buffer }) =>
    reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${file.filename}"`)
      .header('cache-control', 'private, no-store')
      .send(file.bytes);

  app.get(
    '/api/v1/buyer/orders/:token',
    {
      config: { access: buyer },
      schema: {
        tags,
        operationId: 'getBuyerOrder',
        summary: "The buyer's order page: the order and what the buyer can do (SALES-3)",
        description:
          'Opened from the receipt e-mail, no login. The order, the seller and its customer-service e-mail, the product access ' +
          "(the product's access address while the purchase grants access), a subscription's invoices, an event's date, place and " +
          'check-in, when the receipt can be sent again, a pending e-mail change, and the requests that come with support tickets.',
        params: s.BuyerTokenParams,
        response: { 200: s.BuyerOrderPage },
      },
    },
    async (request) => service.getPage(request.access),
  );

  const pdfRoute = (kind: PdfKind, operationId: string, summary: string) =>
    app.get(
      `/api/v1/buyer/orders/:token/${kind}.pdf`,
      {
        config: { access: buyer },
        schema: {
          tags,
          operationId,
          summary,
          description: "In the reader's language (the `lang` cookie, else Accept-Language); dates in the seller's time zone.",
          params: s.BuyerTokenParams,
          response: { 200: Pdf },
        },
      },
      async (request, reply) => sendPdf(reply, await service.pdf(request.access, kind, request.locale)),
    );
  pdfRoute('invoice', 'getBuyerInvoicePdf', "The order's invoice as PDF, to print (SALES-3)");
  pdfRoute('receipt', 'getBuyerReceiptPdf', "The order's receipt as PDF (SALES-3)");

  app.get(
    '/api/v1/buyer/orders/:token/invoices/:number/invoice.pdf',
    {
      config: { access: buyer },
      schema: {
        tags,
        operationId: 'getBuyerSubscriptionInvoicePdf',
        summary: "One invoice of the order's subscription as PDF (SALES-3)",
        description: "Invoice numbers start at 1 (the purchase). In the reader's language; dates in the seller's time zone.",
        params: s.BuyerInvoiceParams,
        errors: [e.no_such_invoice],
        response: { 200: Pdf },
      },
    },
    async (request, reply) => sendPdf(reply, await service.pdf(request.access, 'invoice', request.locale, request.params.number)),
  );

  app.post(
    '/api/v1/buyer/orders/:token/receipt-email',
    {
      config: { access: buyer },
      schema: {
        tags,
        operationId: 'resendBuyerReceipt',
        summary: 'Send the receipt e-mail again to the address on record (SALES-3)',
        description: 'At most once a minute and ten times in 24 hours per order (429 with `Retry-After`). The e-mail carries a fresh link to this page.',
        params: s.BuyerTokenParams,
        errors: [e.buyer_request_too_soon, e.buyer_request_limit],
        response: { 200: s.ReceiptResent },
      },
    },
    async (request, reply) => withRetryAfter(reply, () => service.resendReceipt(request.access)),
  );

  app.post(
    '/api/v1/buyer/orders/:token/email-change',
    {
      config: { access: buyer },
      schema: {
        tags,
        operationId: 'requestBuyerEmailChange',
        summary: 'Ask to change the e-mail of this purchase: a confirmation link goes to the new address (SALES-3, SALES-9)',
        description:
          "Nothing changes until the link (single use, 48 hours) is followed; then the buyer's orders with this seller move to the new address " +
          'and the links sent to the old one stop working. A newer request replaces the pending one. Limits as for the receipt.',
        params: s.BuyerTokenParams,
        body: s.EmailChangeBody,
        errors: [e.buyer_email_unchanged, salesErrors.buyer_email_taken, e.buyer_request_too_soon, e.buyer_request_limit],
        response: { 202: s.EmailChangeRequested },
      },
    },
    async (request, reply) => {
      const result = await withRetryAfter(reply, () => service.requestEmailChange(request.access, request.body.newEmail, request.locale));
      return reply.status(202).send(result);
    },
  );

  app.get(
    '/api/v1/buyer/email-changes/:token',
    {
      config: { access: pub },
      schema: {
        tags,
        operationId: 'getBuyerEmailChange',
        summary: 'State of an e-mail change confirmation link (SALES-3)',
        description: 'Public: the token of the e-mailed link, in the path, is the credential. Nothing is used.',
        params: s.BuyerTokenParams,
        response: { 200: s.EmailChangeLinkInfo },
      },
    },
    async (request) => service.emailChangeInfo(request.params.token),
  );

  app.post(
    '/api/v1/buyer/email-changes/:token',
    {
      config: { access: pub },
      schema: {
        tags,
        operationId: 'confirmBuyerEmailChange',
        summary: "Confirm the buyer's e-mail change from the link sent to the new address (SALES-3, SALES-9)",
        description:
          "Public: the token of the e-mailed link, in the path, is the credential; it works once. The buyer's orders with this seller " +
          'move to the new address, the links sent to the old one stop working, the new address gets new links and the old one a notice. ' +
          "Answers a new link token for this order's page.",
        params: s.BuyerTokenParams,
        errors: [e.email_change_link_invalid, e.email_change_link_expired, e.email_change_link_used, e.email_change_link_revoked, salesErrors.buyer_email_taken],
        response: { 200: s.EmailChangeConfirmed },
      },
    },
    async (request) => service.confirmEmailChange(request.params.token),
  );
};
