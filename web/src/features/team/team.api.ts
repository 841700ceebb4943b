// The team module's API: members, API keys, profiles and invitations (TEAM-1..TEAM-9).
// The shapes are the server's own schemas.
import type * as schemas from '@server/modules/team/team.schemas.ts';
import { type ApiBody, type ApiResponse, apiFetch } from '../../lib/api.ts';

export type Member = ApiResponse<typeof schemas.Member>;
export type MemberList = ApiResponse<typeof schemas.MemberList>;
export type MemberCreated = ApiResponse<typeof schemas.MemberCreated>;
export type KeyIssued = ApiResponse<typeof schemas.KeyIssued>;
export type MyMembership = ApiResponse<typeof schemas.MyMembership>;
export type Profile = ApiResponse<typeof schemas.Profile>;
export type ProfileList = ApiResponse<typeof schemas.ProfileList>;
export type Invitation = ApiResponse<typeof schemas.Invitation>;
export type InvitationList = ApiResponse<typeof schemas.InvitationList>;
export type PublicMembershipLink = ApiResponse<typeof schemas.PublicMembershipLink>;
export type MembershipAccepted = ApiResponse<typeof schemas.MembershipAccepted>;

export type CreateMemberBody = ApiBody<typeof schemas.CreateMemberBody>;
export type UpdateMemberBody = ApiBody<typeof schemas.UpdateMemberBody>;
/** Where a member's permissions come from, and which accounts it sees, as the API takes them. */
export type GrantBody = Pick<CreateMemberBody, 'profileId' | 'permissions' | 'allAccounts' | 'accountIds'>;

const team = (teamId: string) => `/teams/${teamId}`;

export const paths = {
  members: (teamId: string) => `${team(teamId)}/members`,
  profiles: (teamId: string) => `${team(teamId)}/profiles`,
  invitations: (teamId: string) => `${team(teamId)}/invitations`,
  me: (teamId: string) => `${team(teamId)}/me`,
};

export const teamApi = {
  createMember: (teamId: string, body: CreateMemberBody) => apiFetch<MemberCreated>(paths.members(teamId), { method: 'POST', body }),
  updateMember: (teamId: string, memberId: string, body: UpdateMemberBody) =>
    apiFetch<Member>(`${paths.members(teamId)}/${memberId}`, { method: 'PATCH', body }),
  deleteMember: (teamId: string, memberId: string) =>
    apiFetch<ApiResponse<typeof schemas.MemberDeleted>>(`${paths.members(teamId)}/${memberId}`, { method: 'DELETE' }),
  resetPassword: (teamId: string, memberId: string) =>
    apiFetch<ApiResponse<typeof schemas.PasswordLinkSent>>(`${paths.members(teamId)}/${memberId}/reset-password`, { method: 'POST' }),
  renewMemberKey: (teamId: string, memberId: string) => apiFetch<KeyIssued>(`${paths.members(teamId)}/${memberId}/api-key`, { method: 'POST' }),
  resendAcceptance: (teamId: string, memberId: string) =>
    apiFetch<ApiResponse<typeof schemas.AcceptanceLinkSent>>(`${paths.members(teamId)}/${memberId}/resend-acceptance`, { method: 'POST' }),
  renewMyKey: (teamId: string) => apiFetch<KeyIssued>(`${paths.me(teamId)}/api-key`, { method: 'POST' }),

  createProfile: (teamId: string, body: ApiBody<typeof schemas.CreateProfileBody>) =>
    apiFetch<Profile>(paths.profiles(teamId), { method: 'POST', body }),
  updateProfile: (teamId: string, profileId: string, body: ApiBody<typeof schemas.UpdateProfileBody>) =>
    apiFetch<Profile>(`${paths.profiles(teamId)}/${profileId}`, { method: 'PATCH', body }),
  deleteProfile: (teamId: string, profileId: string) =>
    apiFetch<ApiResponse<typeof schemas.ProfileDeleted>>(`${paths.profiles(teamId)}/${profileId}`, { method: 'DELETE' }),

  createInvitation: (teamId: string, body: ApiBody<typeof schemas.CreateInvitationBody>) =>
    apiFetch<Invitation>(paths.invitations(teamId), { method: 'POST', body }),
  resendInvitation: (teamId: string, invitationId: string) =>
    apiFetch<Invitation>(`${paths.invitations(teamId)}/${invitationId}/resend`, { method: 'POST' }),
  revokeInvitation: (teamId: string, invitationId: string) => apiFetch<Invitation>(`${paths.invitations(teamId)}/${invitationId}`, { method: 'DELETE' }),

  // The person's side of a membership that awaits acceptance (issue 7): public, by the e-mailed token.
  membershipLink: (token: string, signal?: AbortSignal) => apiFetch<PublicMembershipLink>(`/memberships/${encodeURIComponent(token)}`, { signal }),
  acceptMembership: (token: string, body: ApiBody<typeof schemas.AcceptMembershipBody>) =>
    apiFetch<MembershipAccepted>(`/memberships/${encodeURIComponent(token)}/accept`, { method: 'POST', body }),
};
