// Notifications (NOTIF-3): the reference of every e-mail the product sends. Sending itself is the
// kernel's outbox (src/kernel/mail); each module declares its own templates.
import { defineModule } from '../../kernel/module.ts';
import { notificationsRoutes } from './notifications.routes.ts';

export const notificationsModule = defineModule({
  name: 'notifications',
  description: 'The reference of every e-mail the product sends, in Spanish and English (NOTIF-3).',
  routes: notificationsRoutes,
});
