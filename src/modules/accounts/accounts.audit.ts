// The audit actions of the accounts module, with their labels for the audit page.
import { defineAuditActions } from '../../kernel/audit/index.ts';

export const accountsAuditActions = defineAuditActions({
  'account.link_requested': { en: 'Account link requested', es: 'Vinculación de cuenta solicitada' },
  'account.link_resent': { en: 'Account link sent again', es: 'Vinculación de cuenta reenviada' },
  'account.link_cancelled': { en: 'Account link request cancelled', es: 'Solicitud de vinculación de cuenta cancelada' },
  'account.linked': { en: 'Account linked', es: 'Cuenta vinculada' },
  'account.unlinked': { en: 'Account unlinked', es: 'Cuenta desvinculada' },
  'account.updated': { en: 'Account details changed', es: 'Datos de la cuenta cambiados' },
  'account.created': { en: 'Seller account opened', es: 'Cuenta de vendedor abierta' },
  'account.password_set': { en: 'Seller account password set from its link', es: 'Contraseña de la cuenta de vendedor fijada desde su enlace' },
  'account.abuse_flag_set': { en: 'Save-window abuse flag set (platform staff)', es: 'Marca de abuso del plazo activada (personal de la plataforma)' },
  'account.abuse_flag_cleared': { en: 'Save-window abuse flag cleared (platform staff)', es: 'Marca de abuso del plazo retirada (personal de la plataforma)' },
});

declare module '../../kernel/audit/audit.ts' {
  interface AuditActionRegistry extends Record<keyof typeof accountsAuditActions, true> {}
}
