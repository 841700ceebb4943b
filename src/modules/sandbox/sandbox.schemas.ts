// The sandbox clock's API shapes (PLAT-4); the staff console imports their types.
import { z } from 'zod';
import { Instant } from '../../kernel/http/contract.ts';

export const SandboxClock = z
  .object({
    now: Instant.describe("The platform's time"),
    frozen: z.boolean().describe('Whether the clock stands still'),
    offsetMs: z.number().int().describe('How far it is from real time, in milliseconds'),
    enabled: z.boolean().describe('False in production, where the clock is real time and cannot be changed'),
  })
  .meta({ examples: [{ now: '2026-11-30T09:00:00.000Z', frozen: false, offsetMs: 3600000, enabled: true }] });

export const SetSandboxClockBody = z
  .union([
    z.strictObject({ now: z.iso.datetime({ offset: true }).describe('The instant to set, ISO 8601'), frozen: z.boolean().optional().describe('Stand still there') }),
    z.strictObject({ advanceBy: z.string().min(2).max(40).describe('An ISO 8601 duration: PT2H, P1DT30M; -PT1H goes back') }),
  ])
  .meta({ examples: [{ advanceBy: 'PT24H' }, { now: '2026-11-30T09:00:00-03:00', frozen: true }] });
