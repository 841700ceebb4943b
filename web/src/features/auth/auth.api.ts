// The public endpoints the auth pages call: sign-up and its confirmation (MA-1, MA-2), login
// and its second step (MA-4), password links (MA-3, TEAM-1), invitations (TEAM-7) and
// account-link confirmations (MA-5). The shapes are the server's own schemas.
import type * as accounts from '@server/modules/accounts/accounts.schemas.ts';
import type * as auth from '@server/modules/auth/auth.schemas.ts';
import type * as team from '@server/modules/team/team.schemas.ts';
import { type ApiBody, type ApiResponse, apiFetch } from '../../lib/api.ts';

export type SecurityQuestionOption = ApiResponse<typeof auth.SecurityQuestionsResponse>['questions'][number];
export type SignupBody = ApiBody<typeof auth.SignupBody>;
export type SignupTokenInfo = ApiResponse<typeof auth.SignupTokenInfo>;
export type PasswordTokenInfo = ApiResponse<typeof auth.PasswordTokenInfo>;
export type PasswordLinkKind = 'reset' | 'set';
export type PublicInvitation = ApiResponse<typeof team.PublicInvitation>;
export type InvitationAccepted = ApiResponse<typeof team.InvitationAccepted>;
export type AccountLinkInfo = ApiResponse<typeof accounts.LinkTokenInfo>;
export type AccountLinked = ApiResponse<typeof accounts.LinkConfirmed>;
export type AccountPasswordLinkInfo = ApiResponse<typeof accounts.AccountPasswordLinkInfo>;

type Session = ApiResponse<typeof auth.SessionResponse>;

const enc = encodeURIComponent;

export const authApi = {
  securityQuestions: (signal?: AbortSignal) =>
    apiFetch<ApiResponse<typeof auth.SecurityQuestionsResponse>>('/auth/security-questions', { signal }),

  login: (body: ApiBody<typeof auth.LoginBody>) => apiFetch<ApiResponse<typeof auth.LoginResponse>>('/auth/login', { method: 'POST', body }),
  secondStep: (body: ApiBody<typeof auth.SecondStepBody>) =>
    apiFetch<ApiResponse<typeof auth.Ok>>('/auth/login/second-step', { method: 'POST', body }),

  signup: (body: SignupBody) => apiFetch<ApiResponse<typeof auth.Accepted>>('/auth/signup', { method: 'POST', body }),
  signupToken: (token: string, signal?: AbortSignal) => apiFetch<SignupTokenInfo>(`/auth/signup/${enc(token)}`, { signal }),
  confirmSignup: (body: ApiBody<typeof auth.ConfirmSignupBody>) =>
    apiFetch<ApiResponse<typeof auth.SignupConfirmed>>('/auth/signup/confirm', { method: 'POST', body }),

  forgotPassword: (body: ApiBody<typeof auth.ForgotBody>) =>
    apiFetch<ApiResponse<typeof auth.Accepted>>('/auth/password/forgot', { method: 'POST', body }),
  passwordToken: (kind: PasswordLinkKind, token: string, signal?: AbortSignal) =>
    apiFetch<PasswordTokenInfo>(`/auth/password/${kind}/${enc(token)}`, { signal }),
  setPassword: (kind: PasswordLinkKind, body: ApiBody<typeof auth.SetPasswordBody>) =>
    apiFetch<Session>(`/auth/password/${kind}`, { method: 'POST', body }),

  invitation: (token: string, signal?: AbortSignal) => apiFetch<PublicInvitation>(`/invitations/${enc(token)}`, { signal }),
  acceptInvitation: (token: string, body: ApiBody<typeof team.AcceptInvitationBody>) =>
    apiFetch<InvitationAccepted>(`/invitations/${enc(token)}/accept`, { method: 'POST', body }),

  accountLink: (token: string, signal?: AbortSignal) => apiFetch<AccountLinkInfo>(`/account-links/${enc(token)}`, { signal }),
  confirmAccountLink: (token: string) => apiFetch<AccountLinked>(`/account-links/${enc(token)}/confirm`, { method: 'POST' }),

  /** ACC-2: the set-password link of a seller account opened by platform staff. */
  accountPasswordLink: (token: string, signal?: AbortSignal) => apiFetch<AccountPasswordLinkInfo>(`/account-password/${enc(token)}`, { signal }),
  setAccountPassword: (body: ApiBody<typeof accounts.SetAccountPasswordBody>) =>
    apiFetch<ApiResponse<typeof accounts.AccountPasswordSet>>('/account-password', { method: 'POST', body }),
};
