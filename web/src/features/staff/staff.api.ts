// The platform staff's endpoints (src/modules/staff/staff.routes.ts, the abuse flag in
// src/modules/accounts/accounts.routes.ts, phone tickets and escalations in
// src/modules/tickets/tickets.routes.ts, the sandbox clock in src/modules/sandbox). The shapes
// are the server's own schemas.
//
// Staff have their own session: cookie `staff_sid` (httpOnly) and its CSRF twin `staff_csrf`,
// which every state-changing staff request echoes in `x-csrf-token`. lib/api.ts always
// echoes the seller's `csrf` cookie instead (and overwrites a header given to it), so a
// browser signed in as seller and as staff would fail every staff change through it. Until
// apiFetch takes the cookie to echo as an option (`apiFetch(path, { csrfCookie: STAFF_CSRF_COOKIE })`,
// proposed to the owner of lib/api.ts), `staffFetch` below is apiFetch with that one
// difference: same URL rules, Accept-Language, and `{ error: { code, message, field } }` → ApiError.
import type * as accounts from '@server/modules/accounts/accounts.schemas.ts';
import type * as sandbox from '@server/modules/sandbox/sandbox.schemas.ts';
import type * as staff from '@server/modules/staff/staff.schemas.ts';
import type * as tickets from '@server/modules/tickets/tickets.schemas.ts';
import { readCookie } from '../../lib/cookies.ts';
import { type ApiBody, ApiError, type ApiRequestInit, type ApiResponse, apiUrl, CSRF_HEADER } from '../../lib/api.ts';
import { currentLanguage, translate } from '../../lib/i18n.ts';

/** The staff session's CSRF cookie (src/modules/access/access.hook.ts: STAFF_CSRF_COOKIE). */
export const STAFF_CSRF_COOKIE = 'staff_csrf';

export type StaffLinkInfo = ApiResponse<typeof staff.StaffLinkInfo>;
export type StaffMe = ApiResponse<typeof staff.StaffMe>;
export type StaffKeyIssued = ApiResponse<typeof staff.StaffKeyIssued>;
export type SellerAccount = ApiResponse<typeof accounts.Account>;
/** PLAT-3: a seller account as the staff search finds it, with its abuse flag's latest change. */
export type SellerAccountMatch = ApiResponse<typeof accounts.SellerAccountMatch>;
type Ok = ApiResponse<typeof staff.Ok>;
export type StaffTicket = ApiResponse<typeof tickets.Ticket>;
export type StaffTicketDetail = ApiResponse<typeof tickets.TicketDetail>;
export type EscalationPage = ApiResponse<typeof tickets.EscalationPage>;
export type Escalation = EscalationPage['items'][number];

/** The sandbox clock (PLAT-4) and a change to it: set to an instant, or advanced by a duration. */
export type SandboxClock = ApiResponse<typeof sandbox.SandboxClock>;
export type SandboxClockChange = ApiBody<typeof sandbox.SetSandboxClockBody>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function errorOf(status: number, parsed: unknown): ApiError {
  const error = typeof parsed === 'object' && parsed !== null && 'error' in parsed ? (parsed as { error: unknown }).error : undefined;
  if (typeof error === 'object' && error !== null) {
    const { code, message, field } = error as { code?: unknown; message?: unknown; field?: unknown };
    if (typeof code === 'string' && typeof message === 'string') return new ApiError(status, code, message, typeof field === 'string' ? field : undefined);
  }
  return new ApiError(status, `http_${status}`, translate(currentLanguage(), 'error.unexpected', { status }));
}

/** apiFetch for staff: JSON in and out, echoing `staff_csrf` (never the seller's `csrf`) on changes. */
export async function staffFetch<T>(path: string, init: ApiRequestInit = {}): Promise<T> {
  const { body, headers: givenHeaders, ...rest } = init;
  const method = (init.method ?? 'GET').toUpperCase();
  const lang = currentLanguage();
  const headers = new Headers(givenHeaders);
  headers.set('accept', 'application/json');
  headers.set('accept-language', lang);
  if (body !== undefined) headers.set('content-type', 'application/json');
  if (!SAFE_METHODS.has(method)) {
    const csrf = (readCookie(`__Host-${STAFF_CSRF_COOKIE}`) ?? readCookie(STAFF_CSRF_COOKIE));
    if (csrf) headers.set(CSRF_HEADER, csrf);
    else headers.delete(CSRF_HEADER);
  }

  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      credentials: 'same-origin',
      ...rest,
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', translate(lang, 'error.network'));
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) throw errorOf(response.status, parsed);
  return parsed as T;
}

const enc = encodeURIComponent;

export const staffApi = {
  passwordLink: (token: string, signal?: AbortSignal) => staffFetch<StaffLinkInfo>(`/staff/password/${enc(token)}`, { signal }),
  setPassword: (body: ApiBody<typeof staff.StaffSetPasswordBody>) => staffFetch<Ok>('/staff/password', { method: 'POST', body }),

  login: (body: ApiBody<typeof staff.StaffLoginBody>) => staffFetch<ApiResponse<typeof staff.StaffChallenge>>('/staff/login', { method: 'POST', body }),
  secondStep: (body: ApiBody<typeof staff.StaffSecondStepBody>) => staffFetch<Ok>('/staff/login/second-step', { method: 'POST', body }),
  logout: () => staffFetch<Ok>('/staff/logout', { method: 'POST' }),

  me: (signal?: AbortSignal) => staffFetch<StaffMe>('/staff/me', { signal }),
  renewApiKey: () => staffFetch<StaffKeyIssued>('/staff/me/api-key', { method: 'POST' }),

  /** PLAT-3: seller accounts by the start of the username, part of the nickname, the e-mail or the id. */
  searchAccounts: (q: string, limit = 20, signal?: AbortSignal) =>
    staffFetch<ApiResponse<typeof accounts.SellerAccountMatches>>(`/staff/accounts?q=${enc(q)}&limit=${limit}`, { signal }),
  setAbuseFlag: (accountId: string, body: ApiBody<typeof accounts.AbuseFlagBody>) =>
    staffFetch<SellerAccount>(`/staff/accounts/${enc(accountId)}/abuse-flag`, { method: 'PUT', body }),

  // PLAT-1, PLAT-2: phone tickets and the escalation queue.
  openTicket: (body: ApiBody<typeof tickets.OpenTicketBody>) => staffFetch<StaffTicket>('/staff/tickets', { method: 'POST', body }),
  ticket: (number: number, signal?: AbortSignal) => staffFetch<StaffTicketDetail>(`/staff/tickets/${number}`, { signal }),
  escalations: (cursor?: string, signal?: AbortSignal) => staffFetch<EscalationPage>(`/staff/escalations${cursor ? `?cursor=${enc(cursor)}` : ''}`, { signal }),
  decideEscalation: (number: number, body: ApiBody<typeof tickets.DecideEscalationBody>) =>
    staffFetch<StaffTicketDetail>(`/staff/escalations/${number}`, { method: 'POST', body }),

  // PLAT-4: the sandbox clock.
  clock: (signal?: AbortSignal) => staffFetch<SandboxClock>('/staff/sandbox-clock', { signal }),
  setClock: (body: SandboxClockChange) => staffFetch<SandboxClock>('/staff/sandbox-clock', { method: 'PUT', body }),
};
