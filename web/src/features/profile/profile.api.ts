// The endpoints My profile calls; the shapes are the server's own schemas
// (src/modules/auth/auth.profile.schemas.ts).
import type * as profile from '@server/modules/auth/auth.profile.schemas.ts';
import { type ApiBody, type ApiResponse, apiFetch } from '../../lib/api.ts';

export type MySessions = ApiResponse<typeof profile.MySessions>;
export type MySession = MySessions['sessions'][number];
export type MyApiKeys = ApiResponse<typeof profile.MyApiKeys>;
export type MyApiKey = MyApiKeys['keys'][number];
export type MySecurity = ApiResponse<typeof profile.MySecurity>;
export type ChangeSecurityBody = ApiBody<typeof profile.ChangeSecurityBody>;
type Ok = ApiResponse<typeof profile.Ok>;

export const profilePaths = {
  sessions: '/me/sessions',
  apiKeys: '/me/api-keys',
  security: '/me/security',
};

export const profileApi = {
  updateMe: (body: ApiBody<typeof profile.UpdateMeBody>) => apiFetch<Ok>('/me', { method: 'PATCH', body }),
  changePassword: (body: ApiBody<typeof profile.ChangePasswordBody>) => apiFetch<Ok>('/me/password', { method: 'POST', body }),
  changeSecurity: (body: ChangeSecurityBody) => apiFetch<Ok>(profilePaths.security, { method: 'PUT', body }),
  endSession: (id: string) =>
    apiFetch<ApiResponse<typeof profile.SessionEnded>>(`${profilePaths.sessions}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  logoutEverywhere: () => apiFetch<Ok>('/auth/logout-everywhere', { method: 'POST' }),
};
