// The audit page's shapes: a page of a team's audit log, newest first, filtered by
// action, by who acted and by time (issue 7).
import { z } from 'zod';
import { Instant } from '../../kernel/http/contract.ts';

export const TeamParams = z.strictObject({ teamId: z.uuid() });

export const AuditQuery = z.strictObject({
  before: z.string().max(100).optional().describe('The `nextBefore` of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  action: z
    .string()
    .regex(/^[a-z_]+\.[a-z_]+$/)
    .max(100)
    .optional()
    .describe('Only entries of this action, e.g. `member.disabled`')
    .meta({ examples: ['member.disabled'] }),
  actorUserId: z.uuid().optional().describe('Only entries made by this person (their user id)'),
  from: Instant.optional().describe('Only entries at or after this instant'),
  to: Instant.optional().describe('Only entries before this instant'),
});
export type AuditQueryInput = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      at: Instant,
      actorUserId: z.string().nullable(),
      actorLabel: z.string(),
      via: z.enum(['session', 'api_key', 'cli', 'system', 'link']),
      apiKeyId: z.string().nullable().describe('With an API key: the membership the key belongs to'),
      ip: z.string().nullable(),
      action: z.string(),
      entityType: z.string(),
      entityId: z.string().nullable(),
      accountId: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
  nextBefore: z.string().nullable().describe('An opaque cursor: pass it as `before` for the next (older) page; null at the end'),
});
export type AuditPageView = z.infer<typeof AuditPage>;
