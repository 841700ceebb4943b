// The products module's API (SALES-1): a seller account's catalog. The shapes are the
// server's own schemas (types only).
import type * as schemas from '@server/modules/products/products.schemas.ts';
import { type ApiBody, type ApiResponse, apiFetch } from '../../lib/api.ts';

export type Product = ApiResponse<typeof schemas.Product>;
export type ProductKind = Product['kind'];
export type ProductPage = ApiResponse<typeof schemas.ProductPage>;
export type NewProduct = ApiBody<typeof schemas.CreateProductBody>;
export type ProductChange = ApiBody<typeof schemas.UpdateProductBody>;

export const PRODUCT_KINDS: readonly ProductKind[] = ['standard', 'recurring', 'event'];
export const PERIODS = ['week', 'month', 'year'] as const;
export type Period = (typeof PERIODS)[number];
/** What products are sold in (the server's PRODUCT_CURRENCIES; a type error here when they part). */
export const CURRENCIES = ['BRL', 'USD', 'EUR', 'MXN', 'ARS'] as const satisfies readonly NewProduct['price']['currency'][];
export type SaleCurrency = (typeof CURRENCIES)[number];

/** The web page of an account's products (MA-6: the team and the account are in the URL). */
export const productsPagePath = (teamId: string, accountId: string) => `/t/${teamId}/a/${accountId}/products`;

export function productsPath(accountId: string, query: { status?: 'active' | 'archived'; cursor?: string | null } = {}) {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.cursor) params.set('cursor', query.cursor);
  const qs = params.toString();
  return `/accounts/${accountId}/products${qs ? `?${qs}` : ''}`;
}

export function listProducts(accountId: string, query: { status?: 'active' | 'archived'; cursor?: string | null }, signal?: AbortSignal) {
  return apiFetch<ProductPage>(productsPath(accountId, query), { signal });
}

export function createProduct(accountId: string, body: NewProduct) {
  return apiFetch<Product>(`/accounts/${accountId}/products`, { method: 'POST', body });
}

export function updateProduct(accountId: string, productId: string, body: ProductChange) {
  return apiFetch<Product>(`/accounts/${accountId}/products/${productId}`, { method: 'PATCH', body });
}
