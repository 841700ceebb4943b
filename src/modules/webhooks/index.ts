// Webhooks (API-2): seller accounts' endpoints, events signed per the Standard Webhooks
// specification, delivered by a job with retries and a log. Other modules emit events with
// `enqueueWebhookEvent(tx, now, { accountId, type, data })` INSIDE the transaction of their
// change: it writes rows only (no network), so a slow or failing endpoint never blocks it.
import type { AppDeps } from '../../kernel/deps.ts';
import { defineModule } from '../../kernel/module.ts';
import { webhooksAuditActions } from './webhooks.audit.ts';
import { webhooksRoutes } from './webhooks.routes.ts';
import { createWebhookDelivery } from './webhooks.service.ts';

export { webhooksErrors, type WebhooksErrorCode } from './webhooks.errors.ts';
export { MAX_ATTEMPTS, RETRY_DELAYS_MS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhooks.rules.ts';
export { createWebhookDelivery, enqueueWebhookEvent, type DeliveryOptions } from './webhooks.service.ts';

export const webhooksModule = defineModule({
  name: 'webhooks',
  description: "Seller accounts' webhook endpoints, signed deliveries (Standard Webhooks) with retries, and their delivery log (API-2).",
  routes: webhooksRoutes,
  auditActions: webhooksAuditActions,
  jobs: (deps: AppDeps) => {
    const delivery = createWebhookDelivery(deps);
    return [{ name: 'webhooks.deliver', intervalMs: deps.config.workerIntervalMs, run: () => delivery.deliverDue() }];
  },
});
