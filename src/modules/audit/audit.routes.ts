// The team's audit page: owner only, declared here and checked by the access hook.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditErrors } from './audit.errors.ts';
import * as s from './audit.schemas.ts';
import { createAuditService } from './audit.service.ts';

const tags = ['audit'];
const ownerOnly = { kind: 'team' as const, need: 'owner' as const };

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createAuditService(app.deps);

  app.get(
    '/api/v1/teams/:teamId/audit',
    {
      config: { access: ownerOnly },
      schema: {
        operationId: 'listAuditEntries',
        tags,
        summary: "The team's audit log, newest first (X-2); owner only",
        description: 'Filters combine: an action, who acted, and a time range (`from` inclusive, `to` exclusive). The `nextBefore` cursor pages within the same filters.',
        params: s.TeamParams,
        querystring: s.AuditQuery,
        response: { 200: s.AuditPage },
        errors: [auditErrors.invalid_cursor],
      },
    },
    async (request) => service.teamPage(request.access, request.query),
  );
};
