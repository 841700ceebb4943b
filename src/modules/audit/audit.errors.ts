import { defineErrors } from '../../kernel/errors.ts';

export const auditErrors = defineErrors({
  invalid_cursor: { kind: 'validation', en: 'Invalid page cursor', es: 'Cursor de página no válido' },
});

export type AuditErrorCode = (typeof auditErrors.codes)[number];
