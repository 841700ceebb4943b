// Platform staff (PLAT-*): the operator's people, with their own login (PIN as second step),
// session cookie and API key. What they do to sellers is declared in the modules concerned.
import { defineModule } from '../../kernel/module.ts';
import { staffAuditActions } from './staff.audit.ts';
import { staffDemo } from './staff.demo.ts';
import { staffLinks } from './staff.links.ts';
import { staffRoutes } from './staff.routes.ts';

export { createStaffService, type StaffService, STAFF_KEY_PREFIX } from './staff.service.ts';

export const staffModule = defineModule({
  name: 'staff',
  description: "The platform's staff: their login, session and API key.",
  routes: staffRoutes,
  auditActions: staffAuditActions,
  links: staffLinks,
  demo: staffDemo,
});
