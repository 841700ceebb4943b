// Operational routes: health, and the development mailbox (NOTIF-4).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
        summary: 'Liveness and database check',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), time: z.string() }),
          503: z.object({ status: z.literal('unavailable'), database: z.enum(['pglite', 'postgres']) }),
        },
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
        summary: 'Development mailbox: the outbox, when no SMTP server is configured',
        response: {
          200: z.object({
            enabled: z.boolean(),
            messages: z.array(
              z.object({
                id: z.string(),
                from: z.string(),
                to: z.string(),
                subject: z.string(),
                html: z.string(),
                text: z.string(),
                status: z.string(),
                template: z.string(),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async () => service.devMailbox(),
  );
};
