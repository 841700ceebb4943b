// Operational routes: health, and the development mailbox (NOTIF-4).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Health, HealthUnavailable, Mailbox } from './system.schemas.ts';
import { createSystemService } from './system.service.ts';

const publicAccess = { access: { kind: 'public' as const } };

export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createSystemService(app.deps);

  app.get(
    '/health',
    {
      config: publicAccess,
      schema: {
        tags: ['system'],
        operationId: 'getHealth',
        summary: 'Liveness and database check',
        description: 'Answers 503 with `status: unavailable` while the database does not answer.',
        response: { 200: Health, 503: HealthUnavailable },
      },
    },
    async (_request, reply) => {
      const health = await service.health();
      if (health.status === 'ok') return health;
      return reply.status(503).send(health);
    },
  );

  app.get(
    '/api/v1/dev/mailbox',
    {
      config: publicAccess,
      schema: {
        tags: ['system'],
        operationId: 'getDevMailbox',
        summary: 'Development mailbox: the outbox, when no SMTP server is configured',
        description: 'Outgoing e-mail carries login links, so the mailbox is empty and `enabled: false` in production, whenever mail is delivered by SMTP, and to any address but the machine itself unless `DEV_MAILBOX=on`.',
        response: { 200: Mailbox },
      },
    },
    async (request) => service.devMailbox(request.ip ?? null),
  );
};
