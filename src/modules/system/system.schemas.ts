// The system routes' answers (health, NOTIF-4's development mailbox); the web imports their types.
import { z } from 'zod';
import { EmailOut, Instant } from '../../kernel/http/contract.ts';

const Database = z.enum(['pglite', 'postgres']);
export const Health = z.object({ status: z.literal('ok'), database: Database, time: Instant });
export const HealthUnavailable = z.object({ status: z.literal('unavailable'), database: Database });

export const MailboxMessage = z.object({
  id: z.string(),
  from: z.string(),
  to: EmailOut,
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  status: z.string(),
  template: z.string(),
  createdAt: Instant,
});
export const Mailbox = z.object({ enabled: z.boolean(), messages: z.array(MailboxMessage) });
