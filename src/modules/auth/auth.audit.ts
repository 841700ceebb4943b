// The audit actions of the auth module, with their labels for the audit page.
import { defineAuditActions } from '../../kernel/audit/index.ts';

export const authAuditActions = defineAuditActions({
  'master_account.confirmed': { en: 'Master account confirmed', es: 'Cuenta maestra confirmada' },
  'master_account.signup_requested': { en: 'Master account sign-up', es: 'Alta de cuenta maestra' },
  'user.password_changed': { en: 'Password changed', es: 'Contraseña cambiada' },
  'user.password_created': { en: 'Password created', es: 'Contraseña creada' },
  'user.password_reset': { en: 'Password reset', es: 'Contraseña restablecida' },
  // My profile: the person's own changes (actor = the person).
  'user.name_changed': { en: 'Name changed', es: 'Nombre cambiado' },
  'user.email_language_changed': { en: 'E-mail language changed', es: 'Idioma de los e-mails cambiado' },
  'user.security_changed': { en: 'PIN and security questions changed', es: 'PIN y preguntas de seguridad cambiados' },
  'user.session_revoked': { en: 'Session logged out from My profile', es: 'Sesión cerrada desde Mi perfil' },
});

declare module '../../kernel/audit/audit.ts' {
  interface AuditActionRegistry extends Record<keyof typeof authAuditActions, true> {}
}
