// The audit actions of the catalog, with their labels for the audit page.
import { defineAuditActions } from '../../kernel/audit/index.ts';

export const productsAuditActions = defineAuditActions({
  'product.created': { en: 'Product created', es: 'Producto creado' },
  'product.updated': { en: 'Product changed', es: 'Producto modificado' },
  'product.archived': { en: 'Product archived', es: 'Producto archivado' },
  'product.restored': { en: 'Product restored from the archive', es: 'Producto recuperado del archivo' },
});

declare module '../../kernel/audit/audit.ts' {
  interface AuditActionRegistry extends Record<keyof typeof productsAuditActions, true> {}
}
