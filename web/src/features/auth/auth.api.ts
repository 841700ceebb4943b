// The public endpoints the auth pages call: sign-up and its confirmation (MA-1, MA-2), login
// and its second step (MA-4), password links (MA-3, TEAM-1), invitations (TEAM-7) and
// account-link confirmations (MA-5). Shapes mirror the server's zod schemas
// (src/modules/{auth,team,accounts}/*.schemas.ts).
import { apiFetch } from '../../lib/api.ts';
import type { SecurityQuestionId } from '../../../../src/modules/auth/password.rules.ts';

export type TokenStatus = 'valid' | 'expired' | 'used' | 'invalid';

export interface SecurityQuestionOption {
  id: string;
  label: string;
}

export type LoginResult = { status: 'ok' } | { status: 'second_step'; challengeId: string; questionId: string; hint: string };

export interface SignupInput {
  email: string;
  firstName: string;
  lastName: string;
  locale: 'es' | 'en';
  questions: Array<{ questionId: SecurityQuestionId; answer: string; hint: string }>;
  pin: string;
  accountUsername: string;
  accountPassword: string;
}

export interface SignupTokenInfo {
  status: TokenStatus;
  email: string | null;
  firstName: string | null;
}

export interface PasswordTokenInfo extends SignupTokenInfo {
  /** Only for a reset of someone with a PIN: the question to answer, with its hint. */
  question: { questionId: string; hint: string } | null;
}

export interface SessionResult {
  status: 'ok';
  loggedIn: boolean;
}

export type PasswordLinkKind = 'reset' | 'set';

export type InvitationStatus = 'pending' | 'expired' | 'accepted' | 'revoked';

export interface PublicInvitation {
  teamOwnerName: string;
  email: string;
  name: string;
  profileName: string;
  status: InvitationStatus;
  /** The e-mail has no login with a password yet: accepting creates one (MA-3). */
  needsPassword: boolean;
}

export interface InvitationAccepted {
  status: 'accepted';
  teamId: string;
  teamOwnerName: string;
  email: string;
  passwordCreated: boolean;
  /** Not sent today; if the server ever starts a session on acceptance, the page goes straight in. */
  loggedIn?: boolean;
}

export interface AccountLinkInfo {
  status: TokenStatus;
  accountNickname?: string;
  ownerEmail?: string;
}

export interface AccountLinked {
  status: 'linked';
  accountId: string;
  accountNickname: string;
}

const enc = encodeURIComponent;

export const authApi = {
  securityQuestions: (signal?: AbortSignal) => apiFetch<{ questions: SecurityQuestionOption[] }>('/auth/security-questions', { signal }),

  login: (body: { email: string; password: string }) => apiFetch<LoginResult>('/auth/login', { method: 'POST', body }),
  secondStep: (body: { challengeId: string; pin: string; answer: string }) =>
    apiFetch<{ status: 'ok' }>('/auth/login/second-step', { method: 'POST', body }),

  signup: (body: SignupInput) => apiFetch<{ status: 'accepted'; pendingEmail?: string }>('/auth/signup', { method: 'POST', body }),
  signupToken: (token: string, signal?: AbortSignal) => apiFetch<SignupTokenInfo>(`/auth/signup/${enc(token)}`, { signal }),
  confirmSignup: (body: { token: string; password: string }) => apiFetch<SessionResult>('/auth/signup/confirm', { method: 'POST', body }),

  forgotPassword: (body: { email: string }) => apiFetch<{ status: 'accepted' }>('/auth/password/forgot', { method: 'POST', body }),
  passwordToken: (kind: PasswordLinkKind, token: string, signal?: AbortSignal) =>
    apiFetch<PasswordTokenInfo>(`/auth/password/${kind}/${enc(token)}`, { signal }),
  setPassword: (kind: PasswordLinkKind, body: { token: string; password: string; pin?: string; answer?: string }) =>
    apiFetch<SessionResult>(`/auth/password/${kind}`, { method: 'POST', body }),

  invitation: (token: string, signal?: AbortSignal) => apiFetch<PublicInvitation>(`/invitations/${enc(token)}`, { signal }),
  acceptInvitation: (token: string, body: { password?: string; firstName?: string; lastName?: string }) =>
    apiFetch<InvitationAccepted>(`/invitations/${enc(token)}/accept`, { method: 'POST', body }),

  accountLink: (token: string, signal?: AbortSignal) => apiFetch<AccountLinkInfo>(`/account-links/${enc(token)}`, { signal }),
  confirmAccountLink: (token: string) => apiFetch<AccountLinked>(`/account-links/${enc(token)}/confirm`, { method: 'POST' }),
};
