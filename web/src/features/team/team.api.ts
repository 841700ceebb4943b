// The team module's API (src/modules/team/team.schemas.ts): members, API keys, profiles,
// invitations, the permission catalog and the audit log (TEAM-1..TEAM-9, X-2).
import { apiFetch } from '../../lib/api.ts';

export interface Member {
  id: string;
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  description: string;
  role: 'owner' | 'member';
  apiOnly: boolean;
  enabled: boolean;
  profileId: string | null;
  profileName: string | null;
  permissions: string[];
  allAccounts: boolean;
  accountIds: string[];
  apiKeyPrefix: string | null;
  apiKeyCreatedAt: string | null;
  apiKeyLastUsedAt: string | null;
  createdAt: string;
  passwordSet: boolean;
  /** Whether the caller may change this member (TEAM-3, TEAM-8). */
  canEdit: boolean;
}

export interface KeyIssued {
  apiKey: string;
  apiKeyPrefix: string;
  apiKeyCreatedAt: string;
}

export interface MemberCreated {
  member: Member;
  apiKey: string;
  emailSent: 'password_setup' | 'added_to_team' | 'none';
}

/** Where a member's permissions come from, and which accounts it sees, as the API takes them. */
export interface GrantInput {
  profileId?: string | null;
  permissions?: string[];
  allAccounts?: boolean;
  accountIds?: string[];
}

export interface CreateMemberInput extends GrantInput {
  email: string;
  firstName: string;
  lastName: string;
  description: string;
  apiOnly: boolean;
  locale?: 'es' | 'en';
}

export interface UpdateMemberInput extends GrantInput {
  description?: string;
  firstName?: string;
  lastName?: string;
  enabled?: boolean;
  apiOnly?: boolean;
}

export interface MyMembership {
  teamId: string;
  membershipId: string;
  role: 'owner' | 'member';
  description: string;
  apiOnly: boolean;
  profileId: string | null;
  profileName: string | null;
  permissions: string[];
  allAccounts: boolean;
  accountIds: string[];
  tabs: string[];
  apiKeyPrefix: string | null;
  apiKeyCreatedAt: string | null;
  apiKeyLastUsedAt: string | null;
}

export interface Profile {
  id: string;
  name: string;
  permissions: string[];
  members: number;
  pendingInvitations: number;
  createdAt: string;
}

export interface Label {
  es: string;
  en: string;
}

export interface PermissionCatalog {
  groups: Array<{ id: string; label: Label; permissions: Array<{ id: string; label: Label }> }>;
}

export type InvitationStatus = 'pending' | 'expired' | 'accepted' | 'revoked';

export interface Invitation {
  id: string;
  email: string;
  name: string;
  profileId: string;
  profileName: string;
  allAccounts: boolean;
  accountIds: string[];
  status: InvitationStatus;
  expiresAt: string;
  createdAt: string;
  acceptedAt: string | null;
}

export type AuditVia = 'session' | 'api_key' | 'cli' | 'system' | 'link';

export interface AuditEntry {
  id: string;
  at: string;
  actorUserId: string | null;
  actorLabel: string;
  via: AuditVia;
  apiKeyId: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  accountId: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextBefore: string | null;
}

const team = (teamId: string) => `/teams/${teamId}`;

export const paths = {
  members: (teamId: string) => `${team(teamId)}/members`,
  profiles: (teamId: string) => `${team(teamId)}/profiles`,
  invitations: (teamId: string) => `${team(teamId)}/invitations`,
  me: (teamId: string) => `${team(teamId)}/me`,
  audit: (teamId: string, before?: string | null, limit = 50) => {
    const query = new URLSearchParams({ limit: String(limit) });
    if (before) query.set('before', before);
    return `${team(teamId)}/audit?${query}`;
  },
  catalog: '/permissions',
};

export const teamApi = {
  createMember: (teamId: string, body: CreateMemberInput) =>
    apiFetch<MemberCreated>(paths.members(teamId), { method: 'POST', body }),
  updateMember: (teamId: string, memberId: string, body: UpdateMemberInput) =>
    apiFetch<Member>(`${paths.members(teamId)}/${memberId}`, { method: 'PATCH', body }),
  deleteMember: (teamId: string, memberId: string) =>
    apiFetch<{ status: 'deleted'; memberId: string }>(`${paths.members(teamId)}/${memberId}`, { method: 'DELETE' }),
  resetPassword: (teamId: string, memberId: string) =>
    apiFetch<{ status: 'sent'; sentTo: string }>(`${paths.members(teamId)}/${memberId}/reset-password`, { method: 'POST' }),
  renewMemberKey: (teamId: string, memberId: string) =>
    apiFetch<KeyIssued>(`${paths.members(teamId)}/${memberId}/api-key`, { method: 'POST' }),
  renewMyKey: (teamId: string) => apiFetch<KeyIssued>(`${paths.me(teamId)}/api-key`, { method: 'POST' }),

  createProfile: (teamId: string, body: { name: string; permissions: string[] }) =>
    apiFetch<Profile>(paths.profiles(teamId), { method: 'POST', body }),
  updateProfile: (teamId: string, profileId: string, body: { name?: string; permissions?: string[] }) =>
    apiFetch<Profile>(`${paths.profiles(teamId)}/${profileId}`, { method: 'PATCH', body }),
  deleteProfile: (teamId: string, profileId: string) =>
    apiFetch<{ status: 'deleted'; profileId: string }>(`${paths.profiles(teamId)}/${profileId}`, { method: 'DELETE' }),

  createInvitation: (teamId: string, body: { email: string; name: string; profileId: string; accountIds?: string[] | null }) =>
    apiFetch<Invitation>(paths.invitations(teamId), { method: 'POST', body }),
  resendInvitation: (teamId: string, invitationId: string) =>
    apiFetch<Invitation>(`${paths.invitations(teamId)}/${invitationId}/resend`, { method: 'POST' }),
  revokeInvitation: (teamId: string, invitationId: string) =>
    apiFetch<Invitation>(`${paths.invitations(teamId)}/${invitationId}`, { method: 'DELETE' }),
};
