// Transactions' API (SALES-4): the team's order search, one order, its receipt (PDF and
// e-mail). The shapes are the server's own schemas (types only).
import type * as schemas from '@server/modules/sales/sales.transactions.schemas.ts';
import { type ApiResponse, API_BASE, apiFetch } from '../../lib/api.ts';

export type OrderPage = ApiResponse<typeof schemas.OrderPage>;
export type OrderListItem = OrderPage['items'][number];
export type OrderDetail = ApiResponse<typeof schemas.OrderDetail>;
export type OrderStatus = OrderListItem['status'];
export type ReceiptSent = ApiResponse<typeof schemas.ReceiptSent>;

export const ORDER_STATUSES: readonly OrderStatus[] = ['approved', 'claimed', 'partially_refunded', 'refunded', 'cancelled', 'chargeback'];

/** The search as the API takes it: `from`/`to` instants, amounts in minor units. */
export interface OrderSearch {
  q?: string;
  status?: OrderStatus;
  productId?: string;
  accountId?: string;
  from?: string;
  to?: string;
  minAmount?: number;
  maxAmount?: number;
  cursor?: string;
  limit?: number;
}

export function ordersPath(teamId: string, search: OrderSearch): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(search)) if (value !== undefined && value !== '') query.set(name, String(value));
  const qs = query.toString();
  return `/teams/${teamId}/orders${qs ? `?${qs}` : ''}`;
}

export const orderPath = (teamId: string, orderId: string) => `/teams/${teamId}/orders/${orderId}`;

/** The web page of one order (MA-6: the team is in the URL). */
export const orderPagePath = (teamId: string, orderId: string) => `/t/${teamId}/orders/${orderId}`;

/** The receipt PDF, opened by the browser itself (the session cookie goes along). */
export const receiptPdfUrl = (teamId: string, orderId: string) => `${API_BASE}/teams/${teamId}/orders/${orderId}/receipt.pdf`;

export function searchOrders(teamId: string, search: OrderSearch, signal?: AbortSignal) {
  return apiFetch<OrderPage>(ordersPath(teamId, search), { signal });
}

export function getOrder(teamId: string, orderId: string, signal?: AbortSignal) {
  return apiFetch<OrderDetail>(orderPath(teamId, orderId), { signal });
}

export function sendReceipt(teamId: string, orderId: string) {
  return apiFetch<ReceiptSent>(`${orderPath(teamId, orderId)}/receipt-email`, { method: 'POST' });
}
