// The audit actions of the auth module, with their labels for the audit page.
import { defineAuditActions } from '../../kernel/audit/index.ts';

export const authAuditActions = defineAuditActions({
  'master_account.confirmed': { en: 'Master account confirmed', es: 'Cuenta maestra confirmada' },
  'master_account.signup_requested': { en: 'Master account sign-up', es: 'Alta de cuenta maestra' },
  'user.password_changed': { en: 'Password changed', es: 'Contraseña cambiada' },
  'user.password_created': { en: 'Password created', es: 'Contraseña creada' },
  'user.password_reset': { en: 'Password reset', es: 'Contraseña restablecida' },
});

declare module '../../kernel/audit/audit.ts' {
  interface AuditActionRegistry extends Record<keyof typeof authAuditActions, true> {}
}
