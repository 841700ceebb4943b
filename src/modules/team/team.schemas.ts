// The team API's shapes (TEAM-1..TEAM-9). Requests are strict; responses are the
// contract the web app and API clients read. API keys appear in full only in the
// answers of the calls that create or renew them (KeyIssued, MemberCreated).
import { z } from 'zod';
import { ALL_PERMISSIONS, type Permission } from '../../kernel/access/permissions.ts';
import { TABS } from '../../kernel/access/access.rules.ts';
import { EmailIn, EmailOut, Instant } from '../../kernel/http/contract.ts';

const uuid = z.uuid();
const email = EmailIn;
const token = z.string().min(10).max(200);
const locale = z.enum(['es', 'en']);
const label = z.object({ es: z.string(), en: z.string() });
const timestamp = Instant;

export const PermissionId = z.enum(ALL_PERMISSIONS as [Permission, ...Permission[]]);
const permissionList = z.array(PermissionId).max(ALL_PERMISSIONS.length * 2);
const accountList = z.array(uuid).max(500);

export const TeamParams = z.strictObject({ teamId: uuid });
export const MemberParams = z.strictObject({ teamId: uuid, memberId: uuid });
export const ProfileParams = z.strictObject({ teamId: uuid, profileId: uuid });
export const InvitationParams = z.strictObject({ teamId: uuid, invitationId: uuid });
export const TokenParams = z.strictObject({ token });

// --- members ------------------------------------------------------------------------

export const MemberStatus = z
  .enum(['active', 'awaiting_acceptance'])
  .describe('awaiting_acceptance: someone who already had a Mostrador login or record was added and has not accepted yet; the membership is not live until they do');

export const Member = z.object({
  id: z.string().describe('The membership id (a person has one per team)'),
  status: MemberStatus,
  userId: z.string().nullable().describe('Null until the person accepts'),
  email: EmailOut,
  firstName: z.string().describe('Until the person accepts: the name as this team typed it'),
  lastName: z.string(),
  description: z.string().describe('Intended role, free text (TEAM-1)'),
  role: z.enum(['owner', 'member']),
  apiOnly: z.boolean(),
  enabled: z.boolean(),
  profileId: z.string().nullable(),
  profileName: z.string().nullable(),
  permissions: z.array(PermissionId).describe("Effective permissions: the profile's, else the member's own set"),
  allAccounts: z.boolean(),
  accountIds: z.array(z.string()).describe("Listed accounts (empty with allAccounts), within the caller's own scope"),
  apiKeyPrefix: z.string().nullable().describe('The first characters of the key; the key itself is never shown again'),
  apiKeyCreatedAt: timestamp.nullable(),
  apiKeyLastUsedAt: timestamp.nullable(),
  createdAt: timestamp,
  passwordSet: z.boolean().nullable().describe('Whether the person has created a password (web login); null until the person accepts'),
  canEdit: z.boolean().describe('Whether the caller may change this member (TEAM-3, TEAM-8)'),
});
export type MemberView = z.infer<typeof Member>;
export const MemberList = z.object({ members: z.array(Member) });

const names = {
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().max(100),
};

export const CreateMemberBody = z.strictObject({
  email,
  firstName: names.firstName,
  lastName: names.lastName.default(''),
  description: z.string().trim().max(500).default(''),
  apiOnly: z.boolean().default(false),
  /** Language of the person's e-mails when the e-mail is new; the caller's language otherwise. */
  locale: locale.optional(),
  profileId: uuid.optional(),
  permissions: permissionList.optional(),
  allAccounts: z.boolean().optional(),
  accountIds: accountList.optional(),
}).meta({
  examples: [{ email: 'ana@example.com', firstName: 'Ana', lastName: 'Souza', description: 'Customer support', profileId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', allAccounts: true }],
});
export type CreateMemberInput = z.infer<typeof CreateMemberBody>;

export const UpdateMemberBody = z.strictObject({
  description: z.string().trim().max(500).optional(),
  firstName: names.firstName.optional(),
  lastName: names.lastName.optional(),
  /** A profile; null detaches the member and keeps the profile's permissions as its own set. */
  profileId: uuid.nullable().optional(),
  permissions: permissionList.optional(),
  allAccounts: z.boolean().optional(),
  accountIds: accountList.optional(),
  enabled: z.boolean().optional(),
  apiOnly: z.boolean().optional(),
}).meta({ examples: [{ permissions: ['sales.search', 'sales.tickets'], accountIds: ['0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a60'], enabled: true }] });
export type UpdateMemberInput = z.infer<typeof UpdateMemberBody>;

export const KeyIssued = z.object({
  apiKey: z.string().describe('Shown this once; store it now'),
  apiKeyPrefix: z.string(),
  apiKeyCreatedAt: timestamp,
});
export const MemberCreated = z.object({
  member: Member,
  apiKey: z.string().describe("The member's API key, shown this once (TEAM-4)"),
  /**
   * What the person was sent: a link to create a password (someone new), a link to accept the
   * membership (someone who already existed; API-only included), or nothing (someone new, API only).
   */
  emailSent: z.enum(['password_setup', 'acceptance_requested', 'none']),
});
export const MemberDeleted = z.object({ status: z.literal('deleted'), memberId: z.string() });
export const PasswordLinkSent = z.object({ status: z.literal('sent'), sentTo: EmailOut });
export const AcceptanceLinkSent = z.object({ status: z.literal('sent'), sentTo: EmailOut });

export const MyMembership = z.object({
  teamId: z.string(),
  membershipId: z.string(),
  role: z.enum(['owner', 'member']),
  description: z.string(),
  apiOnly: z.boolean(),
  profileId: z.string().nullable(),
  profileName: z.string().nullable(),
  permissions: z.array(PermissionId),
  allAccounts: z.boolean(),
  accountIds: z.array(z.string()),
  tabs: z.array(z.enum(TABS)),
  apiKeyPrefix: z.string().nullable(),
  apiKeyCreatedAt: timestamp.nullable(),
  apiKeyLastUsedAt: timestamp.nullable(),
});

// --- profiles -----------------------------------------------------------------------

export const Profile = z.object({
  id: z.string(),
  name: z.string(),
  permissions: z.array(PermissionId),
  members: z.number().int().describe('Members holding it'),
  pendingInvitations: z.number().int(),
  createdAt: timestamp,
});
export type ProfileView = z.infer<typeof Profile>;
export const ProfileList = z.object({ profiles: z.array(Profile) });
export const CreateProfileBody = z
  .strictObject({ name: z.string().trim().min(1).max(80), permissions: permissionList })
  .meta({ examples: [{ name: 'Support', permissions: ['sales.search', 'sales.tickets', 'sales.resend_purchase_email'] }] });
export const UpdateProfileBody = z
  .strictObject({ name: z.string().trim().min(1).max(80).optional(), permissions: permissionList.optional() })
  .meta({ examples: [{ name: 'Support (senior)', permissions: ['sales.search', 'sales.tickets', 'sales.refund'] }] });
export const ProfileDeleted = z.object({ status: z.literal('deleted'), profileId: z.string() });

export const PermissionCatalog = z.object({
  groups: z.array(
    z.object({
      id: z.string(),
      label,
      permissions: z.array(z.object({ id: PermissionId, label })),
    }),
  ),
});

// --- invitations --------------------------------------------------------------------

export const InvitationStatus = z.enum(['pending', 'expired', 'accepted', 'revoked']);

export const Invitation = z.object({
  id: z.string(),
  email: EmailOut,
  name: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  allAccounts: z.boolean(),
  accountIds: z.array(z.string()).describe("Within the caller's own scope"),
  status: InvitationStatus,
  expiresAt: timestamp,
  createdAt: timestamp,
  acceptedAt: timestamp.nullable(),
});
export type InvitationView = z.infer<typeof Invitation>;
export const InvitationList = z.object({ invitations: z.array(Invitation) });

export const CreateInvitationBody = z.strictObject({
  email,
  name: z.string().trim().min(1).max(200),
  profileId: uuid,
  /** null or absent: every linked account, present and future. */
  accountIds: accountList.nullable().optional(),
}).meta({
  examples: [{ email: 'bruno@example.com', name: 'Bruno Lima', profileId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', accountIds: null }],
});

export const PublicInvitation = z.object({
  teamOwnerName: z.string(),
  email: EmailOut,
  name: z.string(),
  profileName: z.string(),
  status: InvitationStatus,
  /** True when the e-mail has no login with a password yet: accepting asks for one (MA-3). */
  needsPassword: z.boolean(),
});

export const AcceptInvitationBody = z.strictObject({
  password: z.string().max(200).optional(),
  firstName: names.firstName.optional(),
  lastName: names.lastName.optional(),
}).meta({ examples: [{ password: 'Ventana-Azul-42', firstName: 'Bruno', lastName: 'Lima' }] });
export const InvitationAccepted = z.object({
  status: z.literal('accepted'),
  teamId: z.string(),
  teamOwnerName: z.string(),
  email: EmailOut,
  /** True when a password was created now: the person can log in with it. */
  passwordCreated: z.boolean(),
});

// --- accepting a membership (issue 7: someone who already exists joins only by accepting) ---

export const PublicMembershipLink = z.object({
  status: z.literal('pending'),
  teamOwnerName: z.string(),
  email: EmailOut,
  /** An API-only place: accepting gives no web access; the team hands over the key. */
  apiOnly: z.boolean(),
  /** True for a web place when the person has no password yet: accepting asks for one (MA-3). */
  needsPassword: z.boolean(),
});

export const AcceptMembershipBody = z
  .strictObject({ password: z.string().max(200).optional() })
  .meta({ examples: [{ password: 'Ventana-Azul-42' }] });

export const MembershipAccepted = z.object({
  status: z.literal('accepted'),
  teamId: z.string(),
  teamOwnerName: z.string(),
  email: EmailOut,
  apiOnly: z.boolean(),
  /** True when a password was created now: the person can log in with it. */
  passwordCreated: z.boolean(),
});
