// Operational routes: health, and the development mailbox (NOTIF-4).
import { defineModule } from '../../kernel/module.ts';
import { systemRoutes } from './system.routes.ts';

export const systemModule = defineModule({
  name: 'system',
  description: 'Health of the service, and the development mailbox.',
  routes: systemRoutes,
});
