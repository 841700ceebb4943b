import { defineAuditActions } from '../../kernel/audit/index.ts';

export const sandboxAuditActions = defineAuditActions({
  'sandbox.clock_set': { en: 'Sandbox clock set', es: 'Reloj de pruebas cambiado' },
});

declare module '../../kernel/audit/audit.ts' {
  interface AuditActionRegistry extends Record<keyof typeof sandboxAuditActions, true> {}
}
