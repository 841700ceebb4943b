// The accounts module's API (src/modules/accounts/accounts.schemas.ts): linked seller
// accounts of a team (ACC-1, MA-5, MA-6, TEAM-8).
import { apiFetch } from '../../lib/api.ts';

export interface Account {
  id: string;
  username: string;
  nickname: string;
  email: string;
  customerServiceEmail: string | null;
  /** IANA name; null means UTC. */
  timeZone: string | null;
  locale: 'es' | 'en';
  abusesSaveWindow: boolean;
  linkedAt: string | null;
}

export interface AccountList {
  accounts: Account[];
}

export interface AccountUpdate {
  nickname?: string;
  email?: string;
  customerServiceEmail?: string | null;
  timeZone?: string | null;
  locale?: 'es' | 'en';
}

export const teamAccountsPath = (teamId: string) => `/teams/${teamId}/accounts`;
export const accountPath = (accountId: string) => `/accounts/${accountId}`;

export function requestLink(teamId: string, body: { username: string; password: string }) {
  return apiFetch<{ status: 'accepted'; pendingEmail: string }>(`/teams/${teamId}/accounts/link`, { method: 'POST', body });
}

export function unlinkAccount(teamId: string, accountId: string) {
  return apiFetch<{ status: 'unlinked'; accountId: string }>(`/teams/${teamId}/accounts/${accountId}`, { method: 'DELETE' });
}

export function updateAccount(accountId: string, body: AccountUpdate) {
  return apiFetch<Account>(accountPath(accountId), { method: 'PATCH', body });
}
