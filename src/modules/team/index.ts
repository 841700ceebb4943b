// The team of a master account (TEAM-*): members and their API keys, permission
// profiles, invitations, and the owner's audit page. Who may do what is checked by the
// access module; what a Manage-Users member may grant is bounded here (checkGrant).
export { teamErrors, type TeamErrorCode } from './team.errors.ts';
export { teamMailTemplates, addedToTeam, invitation, invitationAccepted, memberPasswordReset, memberPasswordSetup } from './team.mail.ts';
export { createTeamService, type TeamService } from './team.service.ts';
export { teamRoutes } from './team.routes.ts';
export type { MemberView, ProfileView, InvitationView } from './team.schemas.ts';
