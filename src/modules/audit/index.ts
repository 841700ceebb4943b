// The audit page: a team's audit log as its owner reads it. Every module writes its
// entries through the kernel's audit log (src/kernel/audit); this module only reads them.
import { defineModule } from '../../kernel/module.ts';
import { auditRoutes } from './audit.routes.ts';

export { auditErrors, type AuditErrorCode } from './audit.errors.ts';
export { createAuditService, type AuditService } from './audit.service.ts';
export { auditRoutes };

export const auditModule = defineModule({
  name: 'audit',
  description: "A team's audit log, newest first (X-2).",
  routes: auditRoutes,
});
