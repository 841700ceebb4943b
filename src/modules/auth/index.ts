// People's logins (MA-1..MA-4): sign-up of master accounts, login with its second step,
// sessions, passwords, and "me" with every team (TEAM-9). Other modules use the password
// policy and the link purposes declared here.
import { defineModule } from '../../kernel/module.ts';
import { authAuditActions } from './auth.audit.ts';
import { authLinks } from './auth.links.ts';
import { authMailTemplates } from './auth.mail.ts';
import { authRoutes } from './auth.routes.ts';

export { authErrors } from './auth.errors.ts';
export { passwordSetLink, passwordResetLink, signupConfirmLink } from './auth.links.ts';
export { checkPassword, isValidPin, normalizeAnswer, SECURITY_QUESTIONS, type SecurityQuestionId } from './password.rules.ts';

export const authModule = defineModule({
  name: 'auth',
  description: 'Sign-up, login and its second step, sessions, passwords, and the signed-in person.',
  routes: authRoutes,
  mailTemplates: authMailTemplates,
  auditActions: authAuditActions,
  links: authLinks,
});
