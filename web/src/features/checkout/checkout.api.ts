// The public checkout's API (SALES-11): what the page shows about a product, and the purchase.
// The shapes are the server's own schemas (types only).
import type * as schemas from '@server/modules/sales/sales.checkout.schemas.ts';
import { type ApiBody, type ApiResponse, apiFetch } from '../../lib/api.ts';

export type Checkout = ApiResponse<typeof schemas.CheckoutView>;
export type CheckoutBody = ApiBody<typeof schemas.CheckoutBody>;
export type CheckoutResult = ApiResponse<typeof schemas.CheckoutResult>;

/** The web page of a product's checkout: the link sellers share. */
export const checkoutPagePath = (productId: string) => `/buy/${productId}`;

export function getCheckout(productId: string, signal?: AbortSignal) {
  return apiFetch<Checkout>(`/checkout/${encodeURIComponent(productId)}`, { signal });
}

export function buy(productId: string, body: CheckoutBody) {
  return apiFetch<CheckoutResult>(`/checkout/${encodeURIComponent(productId)}`, { method: 'POST', body });
}
