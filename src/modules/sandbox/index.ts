// PLAT-4: the sandbox clock's staff API (the clock itself is the kernel's: src/kernel/sandbox-clock).
import { defineModule } from '../../kernel/module.ts';
import { sandboxAuditActions } from './sandbox.audit.ts';
import { sandboxRoutes } from './sandbox.routes.ts';

export const sandboxModule = defineModule({
  name: 'sandbox',
  description: "The platform's sandbox clock (PLAT-4): staff set or advance the time outside production.",
  routes: sandboxRoutes,
  auditActions: sandboxAuditActions,
});
