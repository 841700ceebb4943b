// The audit actions of the staff module.
import { defineAuditActions } from '../../kernel/audit/index.ts';

export const staffAuditActions = defineAuditActions({
  'staff.created': { en: 'Staff login created', es: 'Acceso de personal creado' },
  'staff.password_set': { en: 'Staff password set', es: 'Contraseña de personal establecida' },
  'staff.api_key_renewed': { en: 'Staff API key renewed', es: 'Clave de API de personal renovada' },
});

declare module '../../kernel/audit/audit.ts' {
  interface AuditActionRegistry extends Record<keyof typeof staffAuditActions, true> {}
}
