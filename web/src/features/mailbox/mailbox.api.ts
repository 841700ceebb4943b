// GET /api/v1/dev/mailbox (server module `system`, NOTIF-4): the outbox, newest first,
// while no SMTP server is configured outside production. The shapes are the server's own
// schemas (types only).
import type * as schemas from '@server/modules/system/system.schemas.ts';
import { type ApiResponse, apiFetch } from '../../lib/api.ts';

export type Mailbox = ApiResponse<typeof schemas.Mailbox>;
export type MailboxMessage = ApiResponse<typeof schemas.MailboxMessage>;

export function fetchMailbox(signal?: AbortSignal): Promise<Mailbox> {
  return apiFetch<Mailbox>('/dev/mailbox', { signal });
}
