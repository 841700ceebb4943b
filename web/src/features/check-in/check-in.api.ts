// The buyer's check-in page API (SALES-10): the e-mailed link's token is the credential; the
// shapes are the server's own schemas (types only).
import type * as schemas from '@server/modules/sales/sales.check-in.schemas.ts';
import { type ApiResponse, apiFetch } from '../../lib/api.ts';

export type BuyerCheckIn = ApiResponse<typeof schemas.BuyerCheckIn>;

const path = (token: string) => `/check-in/${encodeURIComponent(token)}`;

export const checkInApi = {
  get: (token: string, signal?: AbortSignal) => apiFetch<BuyerCheckIn>(path(token), { signal }),
  confirm: (token: string) => apiFetch<BuyerCheckIn>(path(token), { method: 'POST' }),
};
