// The team of a master account (TEAM-*): members and their API keys, permission
// profiles, invitations, and the acceptance of a membership by someone who already
// existed (issue 7), one service each. Who may do what is checked by the access
// module; what a Manage-Users member may grant is bounded here (team.guards.ts).
export { teamErrors, type TeamErrorCode } from './team.errors.ts';
export { teamMailTemplates, invitation, invitationAccepted, memberPasswordReset, memberPasswordSetup, membershipAcceptance } from './team.mail.ts';
export { apiKeyOf, callerOf, type Caller, type TeamDeps, type TeamSecrets } from './team.context.ts';
export { createMembersService, type MembersService } from './team.members.service.ts';
export { createProfilesService, type ProfilesService } from './team.profiles.service.ts';
export { createInvitationsService, type InvitationsService } from './team.invitations.service.ts';
export { createAcceptanceService, type AcceptanceService } from './team.acceptance.service.ts';
export { teamRoutes } from './team.routes.ts';
export type { CreateMemberInput, MemberView, ProfileView, InvitationView } from './team.schemas.ts';

// The module's descriptor (src/modules.ts builds the app from these).
import { defineModule } from '../../kernel/module.ts';
import { teamAuditActions } from './team.audit.ts';
import { teamDemo } from './team.demo.ts';
import { teamLinks } from './team.links.ts';
import { teamMailTemplates as mailTemplates } from './team.mail.ts';
import { teamRoutes as routes } from './team.routes.ts';

export const teamModule = defineModule({
  name: 'team',
  description: 'Members and their API keys, permission profiles and invitations (TEAM-*).',
  routes,
  mailTemplates,
  auditActions: teamAuditActions,
  links: teamLinks,
  demo: teamDemo,
});
