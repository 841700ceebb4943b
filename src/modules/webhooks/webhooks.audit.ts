// The audit actions of webhooks, with their labels for the audit page. The signing
// secret never appears in an entry.
import { defineAuditActions } from '../../kernel/audit/index.ts';

export const webhooksAuditActions = defineAuditActions({
  'webhook_endpoint.created': { en: 'Webhook endpoint created', es: 'Endpoint de webhooks creado' },
  'webhook_endpoint.updated': { en: 'Webhook endpoint changed', es: 'Endpoint de webhooks modificado' },
  'webhook_endpoint.deleted': { en: 'Webhook endpoint deleted', es: 'Endpoint de webhooks eliminado' },
  'webhook_endpoint.secret_renewed': { en: 'Webhook signing secret renewed', es: 'Secreto de firma de webhooks renovado' },
  'webhook_delivery.resent': { en: 'Webhook delivery sent again', es: 'Envío de webhook repetido' },
});

declare module '../../kernel/audit/audit.ts' {
  interface AuditActionRegistry extends Record<keyof typeof webhooksAuditActions, true> {}
}
