// The seller's actions on an order (SALES-5, SALES-6, SALES-9) and on a product's members list.
// The shapes are the server's own schemas (types only).
import type * as access from '@server/modules/sales/sales.access.schemas.ts';
import type * as buyers from '@server/modules/sales/sales.buyer-email.schemas.ts';
import type * as refunds from '@server/modules/sales/sales.refunds.schemas.ts';
import type * as products from '@server/modules/products/products.schemas.ts';
import { type ApiBody, type ApiResponse, apiFetch } from '../../../lib/api.ts';

export type RefundPreview = ApiResponse<typeof refunds.RefundPreview>;
export type RefundResult = ApiResponse<typeof refunds.RefundResult>;
export type RefundRequest = ApiBody<typeof refunds.RefundBody>;
export type AccessResent = ApiResponse<typeof access.AccessResent>;
export type BuyerEmailChanged = ApiResponse<typeof buyers.BuyerEmailChanged>;
export type BuyerTaxIdAdded = ApiResponse<typeof buyers.BuyerTaxIdAdded>;
export type ChangeBuyerEmail = ApiBody<typeof buyers.ChangeBuyerEmailBody>;
export type MemberPage = ApiResponse<typeof products.ProductMemberPage>;
export type Member = MemberPage['items'][number];

const order = (teamId: string, orderId: string) => `/teams/${teamId}/orders/${orderId}`;

/** What refundOrder would do with this request (no change). */
export function previewRefund(teamId: string, orderId: string, request: Pick<RefundRequest, 'amount' | 'percentage'>, signal?: AbortSignal) {
  const query = new URLSearchParams();
  if (request.amount !== undefined) query.set('amount', String(request.amount));
  if (request.percentage !== undefined) query.set('percentage', request.percentage);
  const qs = query.toString();
  return apiFetch<RefundPreview>(`${order(teamId, orderId)}/refund-preview${qs ? `?${qs}` : ''}`, { signal });
}

export function refundOrder(teamId: string, orderId: string, body: RefundRequest) {
  return apiFetch<RefundResult>(`${order(teamId, orderId)}/refunds`, { method: 'POST', body });
}

export function acceptRefund(teamId: string, orderId: string, reason?: string) {
  return apiFetch<RefundResult>(`${order(teamId, orderId)}/accept-refund`, { method: 'POST', body: reason ? { reason } : {} });
}

export function resendAccess(teamId: string, orderId: string) {
  return apiFetch<AccessResent>(`${order(teamId, orderId)}/resend-access`, { method: 'POST' });
}

export function changeBuyerEmail(accountId: string, body: ChangeBuyerEmail) {
  return apiFetch<BuyerEmailChanged>(`/accounts/${accountId}/buyers/email`, { method: 'POST', body });
}

export function addBuyerTaxId(accountId: string, body: { email: string; taxId: string }) {
  return apiFetch<BuyerTaxIdAdded>(`/accounts/${accountId}/buyers/tax-id`, { method: 'POST', body });
}

export function listMembers(accountId: string, productId: string, query: { q?: string; cursor?: string | null }, signal?: AbortSignal) {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.cursor) params.set('cursor', query.cursor);
  const qs = params.toString();
  return apiFetch<MemberPage>(`/accounts/${accountId}/products/${productId}/members${qs ? `?${qs}` : ''}`, { signal });
}

export function resendMemberAccess(accountId: string, productId: string, email: string) {
  return apiFetch<AccessResent>(`/accounts/${accountId}/products/${productId}/members/resend-access`, { method: 'POST', body: { email } });
}
