import { z } from 'zod';

export const StaffLoginBody = z
  .strictObject({ email: z.email().max(254), password: z.string().min(1).max(128) })
  .meta({ examples: [{ email: 'soporte@mostrador.example', password: 'Correct-Horse!!42' }] });
export const StaffChallenge = z.object({ status: z.literal('second_step'), challengeId: z.string() });
export const StaffSecondStepBody = z
  .strictObject({ challengeId: z.string().min(10).max(200), pin: z.string().regex(/^\d{4,6}$/) })
  .meta({ examples: [{ challengeId: 'b3JkZXItY2hhbGxlbmdlLWlk', pin: '2468' }] });
export const StaffSetPasswordBody = z
  .strictObject({ token: z.string().min(10).max(200), password: z.string().min(1).max(128), pin: z.string().regex(/^\d{4,6}$/) })
  .meta({ examples: [{ token: 'c2V0LXBhc3N3b3JkLXRva2Vu', password: 'Correct-Horse!!42', pin: '2468' }] });
export const TokenParams = z.strictObject({ token: z.string().min(1).max(200) });
export const StaffLinkInfo = z.object({
  status: z.enum(['valid', 'expired', 'used', 'invalid']),
  email: z.email().nullable(),
  name: z.string().nullable(),
});
export const Ok = z.object({ status: z.literal('ok') });
export const StaffMe = z.object({
  id: z.uuid(),
  email: z.email(),
  name: z.string(),
  locale: z.enum(['es', 'en']),
  apiKeyPrefix: z.string().nullable(),
  apiKeyCreatedAt: z.iso.datetime().nullable(),
  apiKeyLastUsedAt: z.iso.datetime().nullable(),
});
export const StaffKeyIssued = z.object({ apiKey: z.string(), apiKeyPrefix: z.string(), apiKeyCreatedAt: z.iso.datetime() });
