// PLAT-4: the sandbox clock for platform staff: read it, set it to an instant (running or
// frozen), or advance it by an ISO 8601 duration. Refused in production.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sandboxClockErrors, type SandboxClockState } from '../../kernel/sandbox-clock/index.ts';
import { auditActorOf } from '../access/index.ts';
import { SandboxClock, SetSandboxClockBody } from './sandbox.schemas.ts';

const tags = ['sandbox'];
const view = (s: SandboxClockState) => ({ now: s.now.toISOString(), frozen: s.frozen, offsetMs: Math.round(s.offsetMs), enabled: s.enabled });

export const sandboxRoutes: FastifyPluginAsyncZod = async (app) => {
  const { sandboxClock, database, audit } = app.deps;

  app.get(
    '/api/v1/staff/sandbox-clock',
    {
      config: { access: { kind: 'staff' } },
      schema: { tags, operationId: 'getSandboxClock', summary: "The platform's time and how it is set (PLAT-4)", response: { 200: SandboxClock } },
    },
    async () => {
      await sandboxClock.load(database.db);
      return view(sandboxClock.state());
    },
  );

  app.put(
    '/api/v1/staff/sandbox-clock',
    {
      config: { access: { kind: 'staff' } },
      schema: {
        tags,
        operationId: 'setSandboxClock',
        summary: "Set or advance the platform's time (PLAT-4, outside production)",
        description:
          'Either `{ now, frozen? }` (an instant; frozen stands still there) or `{ advanceBy }` (an ISO 8601 duration). Every process of the platform ' +
          'reads the new time within a second; periodic jobs (the ticket sweep, billing) then work at it. Refused in production (`sandbox_clock_disabled`).',
        body: SetSandboxClockBody,
        errors: [sandboxClockErrors.sandbox_clock_disabled, sandboxClockErrors.invalid_duration],
        response: { 200: SandboxClock },
      },
    },
    async (request) => {
      const change = 'advanceBy' in request.body ? { advanceBy: request.body.advanceBy } : { now: new Date(request.body.now), frozen: request.body.frozen };
      const state = await sandboxClock.set(database.db, change);
      await audit.record(database.db, {
        actor: auditActorOf(request.access),
        action: 'sandbox.clock_set',
        entityType: 'sandbox_clock',
        details: { ...('advanceBy' in change ? { advanceBy: change.advanceBy } : { now: change.now.toISOString(), frozen: change.frozen ?? false }), result: state.now.toISOString() },
      });
      return view(state);
    },
  );
};
