// The team of a master account (TEAM-1..TEAM-9): members, API keys, profiles,
// invitations and the permission catalog. One service call per route; who may call
// each one is declared here and checked by the access hook. What a Manage-Users member
// may grant is bounded in the services (team.guards.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { teamErrors as e } from './team.errors.ts';
import * as s from './team.schemas.ts';
import { callerOf } from './team.context.ts';
import { createAcceptanceService } from './team.acceptance.service.ts';
import { createInvitationsService } from './team.invitations.service.ts';
import { createMembersService } from './team.members.service.ts';
import { createProfilesService } from './team.profiles.service.ts';

const tags = ['team'];
const pub = { kind: 'public' as const };
const manage = { kind: 'team' as const, need: 'team.manage' as const };
const anyMember = { kind: 'team' as const, need: 'member' as const };
/** Invitation links are guessing targets, and accepting hashes a password: per address. */
const tokenUse = { max: 20, timeWindow: '1 minute' };

const team = '/api/v1/teams/:teamId';

// For the API contract (schema.errors): what the grant rule refuses (team.guards.ts).
const touch = [e.cannot_touch_owner, e.cannot_edit_self, e.target_exceeds_actor];
const grant = [e.permission_not_held, e.account_not_held, e.profile_or_permissions, e.scope_conflict, e.scope_required, e.unknown_profile, e.unknown_account];

export const teamRoutes: FastifyPluginAsyncZod = async (app) => {
  const members = createMembersService(app.deps);
  const profiles = createProfilesService(app.deps);
  const invitations = createInvitationsService(app.deps);
  const acceptance = createAcceptanceService(app.deps);

  // --- members (TEAM-1, TEAM-2, TEAM-4, TEAM-8) ------------------------------------------

  app.get(
    `${team}/members`,
    {
      config: { access: manage },
      schema: { tags, operationId: 'listMembers', summary: 'Members of the team, the owner first (TEAM-2)', params: s.TeamParams, response: { 200: s.MemberList } },
    },
    async (request) => ({ members: await members.listMembers(callerOf(request.access)) }),
  );

  app.post(
    `${team}/members`,
    {
      config: { access: manage },
      schema: {
        tags,
        operationId: 'createMember',
        summary: 'Create a member; its API key is returned this once (TEAM-1, TEAM-4)',
        description:
          'A new e-mail creates the person, live at once: a web member gets a link to create a password, an API-only one no e-mail. A known e-mail (someone with a login, in other teams, or only on record) gets a membership awaiting their acceptance and an e-mail with the link to accept, API-only included; until they accept, the answer and the member views show only what this team typed (`status: awaiting_acceptance`, no userId, no passwordSet) and the membership is not live. E-mails to people who have not accepted carry no description. A Manage-Users member grants only permissions and accounts it holds (TEAM-3).',
        params: s.TeamParams,
        body: s.CreateMemberBody,
        errors: [...grant, e.already_member],
        response: { 201: s.MemberCreated },
      },
    },
    async (request, reply) => reply.status(201).send(await members.createMember(callerOf(request.access), request.body, request.locale)),
  );

  app.get(
    `${team}/members/:memberId`,
    {
      config: { access: manage },
      schema: { tags, operationId: 'getMember', summary: 'One member (TEAM-2)', params: s.MemberParams, errors: [e.member_not_found], response: { 200: s.Member } },
    },
    async (request) => members.getMember(callerOf(request.access), request.params.memberId),
  );

  app.patch(
    `${team}/members/:memberId`,
    {
      config: { access: manage },
      schema: {
        tags,
        operationId: 'updateMember',
        summary: 'Change permissions, accounts, enabled, API only, description (TEAM-2, TEAM-3, TEAM-8)',
        description: 'Disabling takes effect at the member’s next request, by web and API. Nobody changes the owner here; a Manage-Users member never changes itself nor someone who holds more.',
        params: s.MemberParams,
        body: s.UpdateMemberBody,
        errors: [e.member_not_found, ...touch, ...grant, e.names_managed_by_person],
        response: { 200: s.Member },
      },
    },
    async (request) => members.updateMember(callerOf(request.access), request.params.memberId, request.body),
  );

  app.delete(
    `${team}/members/:memberId`,
    {
      config: { access: manage },
      schema: { tags, operationId: 'deleteMember', summary: 'Remove a member from the team (TEAM-2)', params: s.MemberParams, errors: [e.member_not_found, ...touch], response: { 200: s.MemberDeleted } },
    },
    async (request) => ({ status: 'deleted' as const, ...(await members.deleteMember(callerOf(request.access), request.params.memberId)) }),
  );

  app.post(
    `${team}/members/:memberId/reset-password`,
    {
      config: { access: manage },
      schema: {
        tags,
        operationId: 'sendMemberPasswordReset',
        summary: 'E-mail the member a link to set a new password (TEAM-2)',
        params: s.MemberParams,
        errors: [e.member_not_found, ...touch, e.member_awaiting_acceptance, e.member_api_only],
        response: { 200: s.PasswordLinkSent },
      },
    },
    async (request) => ({ status: 'sent' as const, ...(await members.sendPasswordReset(callerOf(request.access), request.params.memberId)) }),
  );

  app.post(
    `${team}/members/:memberId/resend-acceptance`,
    {
      config: { access: manage },
      schema: {
        tags,
        operationId: 'resendMemberAcceptance',
        summary: 'E-mail the link to accept the membership again; the earlier link stops working',
        description: 'Only for a member who has not accepted yet (`status: awaiting_acceptance`).',
        params: s.MemberParams,
        errors: [e.member_not_found, ...touch, e.member_already_accepted],
        response: { 200: s.AcceptanceLinkSent },
      },
    },
    async (request) => ({ status: 'sent' as const, ...(await members.resendAcceptance(callerOf(request.access), request.params.memberId)) }),
  );

  app.post(
    `${team}/members/:memberId/api-key`,
    {
      config: { access: manage },
      schema: { tags, operationId: 'renewMemberKey', summary: "Renew a member's API key; the old one stops working (TEAM-4)", params: s.MemberParams, errors: [e.member_not_found, ...touch], response: { 200: s.KeyIssued } },
    },
    async (request) => members.renewMemberKey(callerOf(request.access), request.params.memberId),
  );

  app.get(
    `${team}/me`,
    {
      config: { access: anyMember },
      schema: { tags, operationId: 'getMyMembership', summary: 'My place in this team: permissions, accounts, tabs, API key prefix (TEAM-4, MA-8)', params: s.TeamParams, response: { 200: s.MyMembership } },
    },
    async (request) => members.me(callerOf(request.access)),
  );

  // Web only: a key must not be able to replace itself (a leaked key would lock its
  // holder out and live on). API-only members' keys are renewed by whoever manages users.
  app.post(
    `${team}/me/api-key`,
    {
      config: { access: { ...anyMember, browserOnly: true } },
      schema: { tags, operationId: 'renewMyKey', summary: 'Renew my own API key; returned this once (TEAM-4)', params: s.TeamParams, response: { 200: s.KeyIssued } },
    },
    async (request) => members.renewMyKey(callerOf(request.access)),
  );

  // --- profiles and the catalog (TEAM-5, TEAM-6) -------------------------------------------

  app.get(
    '/api/v1/permissions',
    {
      config: { access: pub },
      schema: { tags, operationId: 'getPermissionCatalog', summary: 'The permission catalog, grouped, with Spanish and English labels (TEAM-6)', response: { 200: s.PermissionCatalog } },
    },
    async () => profiles.permissionCatalog(),
  );

  app.get(
    `${team}/profiles`,
    {
      config: { access: manage },
      schema: { tags, operationId: 'listProfiles', summary: 'Permission profiles and how many hold each (TEAM-5)', params: s.TeamParams, response: { 200: s.ProfileList } },
    },
    async (request) => ({ profiles: await profiles.listProfiles(callerOf(request.access)) }),
  );

  app.post(
    `${team}/profiles`,
    {
      config: { access: manage },
      schema: { tags, operationId: 'createProfile', summary: 'Create a profile (TEAM-5)', params: s.TeamParams, body: s.CreateProfileBody, errors: [e.permission_not_held, e.profile_name_taken], response: { 201: s.Profile } },
    },
    async (request, reply) => reply.status(201).send(await profiles.createProfile(callerOf(request.access), request.body)),
  );

  app.patch(
    `${team}/profiles/:profileId`,
    {
      config: { access: manage },
      schema: {
        tags,
        operationId: 'updateProfile',
        summary: 'Rename a profile or change its permissions; every holder changes at once (TEAM-5)',
        params: s.ProfileParams,
        body: s.UpdateProfileBody,
        errors: [e.profile_not_found, e.permission_not_held, e.target_exceeds_actor, e.profile_name_taken],
        response: { 200: s.Profile },
      },
    },
    async (request) => profiles.updateProfile(callerOf(request.access), request.params.profileId, request.body),
  );

  app.delete(
    `${team}/profiles/:profileId`,
    {
      config: { access: manage },
      schema: { tags, operationId: 'deleteProfile', summary: 'Delete a profile nobody holds (TEAM-5)', params: s.ProfileParams, errors: [e.profile_not_found, e.target_exceeds_actor, e.profile_in_use], response: { 200: s.ProfileDeleted } },
    },
    async (request) => ({ status: 'deleted' as const, ...(await profiles.deleteProfile(callerOf(request.access), request.params.profileId)) }),
  );

  // --- invitations (TEAM-7) -------------------------------------------------------------

  app.get(
    `${team}/invitations`,
    {
      config: { access: manage },
      schema: { tags, operationId: 'listInvitations', summary: 'Invitations, newest first, with their state (TEAM-7)', params: s.TeamParams, response: { 200: s.InvitationList } },
    },
    async (request) => ({ invitations: await invitations.listInvitations(callerOf(request.access)) }),
  );

  app.post(
    `${team}/invitations`,
    {
      config: { access: manage },
      schema: {
        tags,
        operationId: 'createInvitation',
        summary: 'Invite a collaborator by name, e-mail and profile; the link expires in 7 days (TEAM-7)',
        params: s.TeamParams,
        body: s.CreateInvitationBody,
        errors: [e.unknown_profile, e.unknown_account, e.permission_not_held, e.account_not_held, e.already_member, e.invitation_pending],
        response: { 201: s.Invitation },
      },
    },
    async (request, reply) => reply.status(201).send(await invitations.createInvitation(callerOf(request.access), request.body, request.locale)),
  );

  app.post(
    `${team}/invitations/:invitationId/resend`,
    {
      config: { access: manage },
      schema: { tags, operationId: 'resendInvitation', summary: 'Send a pending invitation again with a new link; the old link stops working (TEAM-7)', params: s.InvitationParams, errors: [e.invitation_not_found, e.invitation_not_pending, e.permission_not_held, e.account_not_held, e.already_member, e.invitation_pending], response: { 200: s.Invitation } },
    },
    async (request) => invitations.resendInvitation(callerOf(request.access), request.params.invitationId, request.locale),
  );

  app.delete(
    `${team}/invitations/:invitationId`,
    {
      config: { access: manage },
      schema: { tags, operationId: 'revokeInvitation', summary: 'Revoke a pending invitation (TEAM-7)', params: s.InvitationParams, errors: [e.invitation_not_found, e.invitation_not_pending, e.permission_not_held, e.account_not_held], response: { 200: s.Invitation } },
    },
    async (request) => invitations.revokeInvitation(callerOf(request.access), request.params.invitationId),
  );

  app.get(
    '/api/v1/invitations/:token',
    {
      config: { access: pub, rateLimit: tokenUse },
      schema: { tags, operationId: 'getInvitationLink', summary: 'What an invitation link offers, and whether accepting needs a password (TEAM-7)', params: s.TokenParams, errors: [e.invitation_invalid], response: { 200: s.PublicInvitation } },
    },
    async (request) => invitations.invitationInfo(request.params.token),
  );

  app.post(
    '/api/v1/invitations/:token/accept',
    {
      config: { access: pub, rateLimit: tokenUse },
      schema: {
        tags,
        operationId: 'acceptInvitation',
        summary: 'Accept an invitation; someone new creates a password (TEAM-7, MA-3)',
        params: s.TokenParams,
        body: s.AcceptInvitationBody.nullish(), // someone with a login may send no body at all
        errors: [e.invitation_invalid, e.invitation_expired, e.invitation_used, e.invitation_revoked, e.password_required, e.password_policy, e.already_member],
        response: { 200: s.InvitationAccepted },
      },
    },
    async (request) => invitations.acceptInvitation(request.params.token, request.body ?? {}, { ip: request.ip ?? null, locale: request.locale }),
  );

  // --- accepting a membership (issue 7: someone who already existed joins only by accepting) ---

  app.get(
    '/api/v1/memberships/:token',
    {
      config: { access: pub, rateLimit: tokenUse },
      schema: {
        tags,
        operationId: 'getMembershipLink',
        summary: 'Which team a link to accept a membership is from, and whether accepting needs a password',
        params: s.TokenParams,
        errors: [e.acceptance_invalid, e.acceptance_expired, e.acceptance_used, e.acceptance_revoked],
        response: { 200: s.PublicMembershipLink },
      },
    },
    async (request) => acceptance.acceptanceInfo(request.params.token),
  );

  app.post(
    '/api/v1/memberships/:token/accept',
    {
      config: { access: pub, rateLimit: tokenUse },
      schema: {
        tags,
        operationId: 'acceptMembership',
        summary: 'Accept a membership: it becomes live; a web place of someone without a password creates one (MA-3)',
        params: s.TokenParams,
        body: s.AcceptMembershipBody.nullish(), // someone with a login may send no body at all
        errors: [e.acceptance_invalid, e.acceptance_expired, e.acceptance_used, e.acceptance_revoked, e.password_required, e.password_policy],
        response: { 200: s.MembershipAccepted },
      },
    },
    async (request) => acceptance.acceptMembership(request.params.token, request.body ?? {}, { ip: request.ip ?? null }),
  );

};
