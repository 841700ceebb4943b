// The API of My profile: the person's own name, e-mail language, password, PIN and
// security questions, sessions and API keys. PATCH /me and POST /me/password keep the
// bodies they always had (auth.schemas.ts).
import { z } from 'zod';
import { Instant } from '../../kernel/http/contract.ts';
import { PASSWORD_MAX, SECURITY_QUESTION_IDS } from './password.rules.ts';

export { ChangePasswordBody, Ok, UpdateMeBody } from './auth.schemas.ts';

const currentPassword = z.string().min(1).max(PASSWORD_MAX);

export const ChangeSecurityBody = z
  .strictObject({
    currentPassword,
    questions: z
      .array(z.strictObject({ questionId: z.enum(SECURITY_QUESTION_IDS), answer: z.string().trim().min(1).max(200), hint: z.string().trim().min(1).max(200) }))
      .length(2),
    pin: z.string().max(6),
  })
  .meta({
    examples: [
      {
        currentPassword: 'Ventana-Azul-42',
        questions: [
          { questionId: 'first_school', answer: 'San Telmo', hint: 'Near the market' },
          { questionId: 'first_car', answer: 'Seat', hint: 'Spanish make' },
        ],
        pin: '90210',
      },
    ],
  });

export const MySecurity = z.object({
  /** Whether the person has a PIN (master-account owners do from sign-up; members may add one). */
  pinSet: z.boolean(),
  /** The two questions on record (ids of GET /auth/security-questions); answers and hints stay private. */
  questionIds: z.array(z.string()),
});

export const SessionParams = z.strictObject({
  sessionId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .describe('The `id` of a session in `listMySessions` (an opaque reference, not the session cookie nor its hash)'),
});

export const MySessions = z.object({
  sessions: z.array(
    z.object({
      id: z.string().describe('Opaque reference for `endMySession`'),
      current: z.boolean().describe('The session this request came with'),
      browser: z.string().nullable().describe('"Chrome 131", from the user agent; null when unknown'),
      os: z.string().nullable().describe('"Windows", "Android"…; null when unknown'),
      ip: z.string().nullable(),
      createdAt: Instant,
      lastSeenAt: Instant.describe('Updated at most every 5 minutes'),
    }),
  ),
});

export const SessionEnded = z.object({ status: z.literal('ended') });

export const MyApiKeys = z.object({
  keys: z.array(
    z.object({
      teamId: z.string(),
      membershipId: z.string(),
      role: z.enum(['owner', 'member']),
      ownerName: z.string(),
      /** What the key may do in that team today (API Read / Read-Write, TEAM-4); the owner's key may do all. */
      apiAccess: z.enum(['none', 'read', 'read_write']),
      apiKeyPrefix: z.string().nullable(),
      apiKeyCreatedAt: Instant.nullable(),
      apiKeyLastUsedAt: Instant.nullable(),
    }),
  ),
});
