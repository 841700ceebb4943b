// The accounts module's API: linked seller accounts of a team (ACC-1, MA-5, MA-6, TEAM-8).
// The shapes are the server's own schemas.
import type * as schemas from '@server/modules/accounts/accounts.schemas.ts';
import { type ApiBody, type ApiResponse, apiFetch } from '../../lib/api.ts';

export type Account = ApiResponse<typeof schemas.Account>;
export type AccountList = ApiResponse<typeof schemas.AccountList>;
export type AccountUpdate = ApiBody<typeof schemas.UpdateAccountBody>;
export type AccountSettings = ApiResponse<typeof schemas.AccountSettings>;
export type AccountSettingsUpdate = ApiBody<typeof schemas.UpdateAccountSettingsBody>;
export type LinkRequest = ApiResponse<typeof schemas.LinkRequest>;
export type LinkRequestList = ApiResponse<typeof schemas.LinkRequestList>;

export const teamAccountsPath = (teamId: string) => `/teams/${teamId}/accounts`;
export const accountPath = (accountId: string) => `/accounts/${accountId}`;
/** MA-5 (issue 7): the links e-mailed to seller accounts and not followed yet. */
export const linkRequestsPath = (teamId: string) => `/teams/${teamId}/accounts/link-requests`;

export function resendLinkRequest(teamId: string, requestId: string) {
  return apiFetch<ApiResponse<typeof schemas.LinkRequested>>(`${linkRequestsPath(teamId)}/${requestId}/resend`, { method: 'POST' });
}

export function cancelLinkRequest(teamId: string, requestId: string) {
  return apiFetch<ApiResponse<typeof schemas.LinkRequestCancelled>>(`${linkRequestsPath(teamId)}/${requestId}`, { method: 'DELETE' });
}

export function requestLink(teamId: string, body: ApiBody<typeof schemas.LinkAccountBody>) {
  return apiFetch<ApiResponse<typeof schemas.LinkRequested>>(`/teams/${teamId}/accounts/link`, { method: 'POST', body });
}

export function unlinkAccount(teamId: string, accountId: string) {
  return apiFetch<ApiResponse<typeof schemas.Unlinked>>(`/teams/${teamId}/accounts/${accountId}`, { method: 'DELETE' });
}

export function updateAccount(accountId: string, body: AccountUpdate) {
  return apiFetch<Account>(accountPath(accountId), { method: 'PATCH', body });
}

/** ACC-1, ACC-2, NOTIF-1: the account's settings (read by every member in scope, changed by the owner). */
export const accountSettingsPath = (accountId: string) => `/accounts/${accountId}/settings`;

export function updateAccountSettings(accountId: string, body: AccountSettingsUpdate) {
  return apiFetch<AccountSettings>(accountSettingsPath(accountId), { method: 'PATCH', body });
}
