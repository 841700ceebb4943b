// PLAT-4: the sandbox clock for platform staff: read it, set it to an instant (running or
// frozen), or advance it by an ISO 8601 duration. Refused in production.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Instant } from '../../kernel/http/contract.ts';
import { sandboxClockErrors, type SandboxClockState } from '../../kernel/sandbox-clock/index.ts';
import { auditActorOf } from '../access/index.ts';

const tags = ['sandbox'];
const ClockOut = z
  .object({
    now: Instant.describe("The platform's time"),
    frozen: z.boolean().describe('Whether the clock stands still'),
    offsetMs: z.number().int().describe('How far it is from real time, in milliseconds'),
    enabled: z.boolean().describe('False in production, where the clock is real time and cannot be changed'),
  })
  .meta({ examples: [{ now: '2026-11-30T09:00:00.000Z', frozen: false, offsetMs: 3600000, enabled: true }] });

const SetClockBody = z
  .union([
    z.strictObject({ now: z.iso.datetime({ offset: true }).describe('The instant to set, ISO 8601'), frozen: z.boolean().optional().describe('Stand still there') }),
    z.strictObject({ advanceBy: z.string().min(2).max(40).describe('An ISO 8601 duration: PT2H, P1DT30M; -PT1H goes back') }),
  ])
  .meta({ examples: [{ advanceBy: 'PT24H' }, { now: '2026-11-30T09:00:00-03:00', frozen: true }] });

const view = (s: SandboxClockState) => ({ now: s.now.toISOString(), frozen: s.frozen, offsetMs: Math.round(s.offsetMs), enabled: s.enabled });

export const sandboxRoutes: FastifyPluginAsyncZod = async (app) => {
  const { sandboxClock, database, audit } = app.deps;

  app.get(
    '/api/v1/staff/sandbox-clock',
    {
      config: { access: { kind: 'staff' } },
      schema: { tags, operationId: 'getSandboxClock', summary: "The platform's time and how it is set (PLAT-4)", response: { 200: ClockOut } },
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
        body: SetClockBody,
        errors: [sandboxClockErrors.sandbox_clock_disabled, sandboxClockErrors.invalid_duration],
        response: { 200: ClockOut },
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
