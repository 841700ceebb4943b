// The buyer's order page API (SALES-3): the e-mailed link's token is the credential; the shapes
// are the server's own schemas (types only).
import type * as schemas from '@server/modules/sales/sales.buyer.schemas.ts';
import { type ApiBody, type ApiResponse, apiFetch, apiUrl } from '../../lib/api.ts';

export type BuyerOrderPage = ApiResponse<typeof schemas.BuyerOrderPage>;
export type BuyerOrder = BuyerOrderPage['order'];
export type BuyerInvoice = ApiResponse<typeof schemas.BuyerInvoice>;
export type ReceiptResent = ApiResponse<typeof schemas.ReceiptResent>;
export type EmailChangeRequested = ApiResponse<typeof schemas.EmailChangeRequested>;
export type EmailChangeLinkInfo = ApiResponse<typeof schemas.EmailChangeLinkInfo>;
export type EmailChangeConfirmed = ApiResponse<typeof schemas.EmailChangeConfirmed>;

const base = (token: string) => `/buyer/orders/${encodeURIComponent(token)}`;

export const orderApi = {
  page: (token: string, signal?: AbortSignal) => apiFetch<BuyerOrderPage>(base(token), { signal }),
  resendReceipt: (token: string) => apiFetch<ReceiptResent>(`${base(token)}/receipt-email`, { method: 'POST' }),
  requestEmailChange: (token: string, body: ApiBody<typeof schemas.EmailChangeBody>) =>
    apiFetch<EmailChangeRequested>(`${base(token)}/email-change`, { method: 'POST', body }),
  emailChange: (token: string, signal?: AbortSignal) => apiFetch<EmailChangeLinkInfo>(`/buyer/email-changes/${encodeURIComponent(token)}`, { signal }),
  confirmEmailChange: (token: string) => apiFetch<EmailChangeConfirmed>(`/buyer/email-changes/${encodeURIComponent(token)}`, { method: 'POST' }),
};

/** PDFs open in the browser (to print or save); the server writes them in the `lang` cookie's language. */
export const pdfUrls = {
  receipt: (token: string) => apiUrl(`${base(token)}/receipt.pdf`),
  invoice: (token: string) => apiUrl(`${base(token)}/invoice.pdf`),
  subscriptionInvoice: (token: string, number: number) => apiUrl(`${base(token)}/invoices/${number}/invoice.pdf`),
};

/** The web page of an order link (the receipt e-mail's). */
export const orderPagePath = (token: string) => `/o/${token}`;
