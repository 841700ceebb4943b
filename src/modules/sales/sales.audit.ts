// The audit actions of selling: what sellers and their team do to orders.
import { defineAuditActions } from '../../kernel/audit/index.ts';

export const salesAuditActions = defineAuditActions({
  'order.created': { en: 'Order created through the API', es: 'Pedido creado por la API' },
  'order.refunded': { en: 'Order refunded', es: 'Pedido reembolsado' },
  'order.receipt_sent': { en: 'Receipt e-mailed', es: 'Recibo enviado por e-mail' },
  'order.access_resent': { en: 'Access to the product sent again', es: 'Acceso al producto reenviado' },
  'buyer.email_changed': { en: "Buyer's e-mail changed", es: 'E-mail del comprador cambiado' },
  'buyer.tax_id_added': { en: "Buyer's CPF/CNPJ recorded", es: 'CPF/CNPJ del comprador registrado' },
  'subscription.cancelled': { en: 'Subscription cancelled', es: 'Suscripción cancelada' },
  'subscription.reactivated': { en: 'Subscription reactivated', es: 'Suscripción reactivada' },
  'check_in.link_resent': { en: 'Check-in link sent again', es: 'Enlace de check-in reenviado' },
  'check_in.updated': { en: 'Check-in status changed', es: 'Estado del check-in cambiado' },
});

declare module '../../kernel/audit/audit.ts' {
  interface AuditActionRegistry extends Record<keyof typeof salesAuditActions, true> {}
}
