// People's logins (MA-1..MA-4): sign-up of master accounts, login with its second step,
// sessions, passwords, and "me" with every team (TEAM-9). Other modules use the password
// policy and the link purposes declared here.
import { defineModule } from '../../kernel/module.ts';
import { authAuditActions } from './auth.audit.ts';
import { authLinks } from './auth.links.ts';
import { authMailTemplates } from './auth.mail.ts';
import { profileMailTemplates } from './auth.profile.mail.ts';
import { authProfileRoutes } from './auth.profile.routes.ts';
import { authRoutes } from './auth.routes.ts';

export { authErrors } from './auth.errors.ts';
/** Sign-up, login and password links as use cases: the team's demo step signs its people up with them. */
export { createAuthService, type AuthService } from './auth.service.ts';
export { passwordSetLink, passwordResetLink, signupConfirmLink } from './auth.links.ts';
export { checkPassword, isValidPin, normalizeAnswer, SECURITY_QUESTIONS, type SecurityQuestionId } from './password.rules.ts';

export const authModule = defineModule({
  name: 'auth',
  description: 'Sign-up, login and its second step, sessions, passwords, and the signed-in person.',
  // My profile (auth.profile.*) is its own plugin beside sign-up and login.
  routes: async (app) => {
    await app.register(authRoutes);
    await app.register(authProfileRoutes);
  },
  mailTemplates: [...authMailTemplates, ...profileMailTemplates],
  auditActions: authAuditActions,
  links: authLinks,
});
