// GET /api/v1/dev/mailbox (server module `system`, NOTIF-4): the outbox, newest first,
// while no SMTP server is configured outside production.
import { apiFetch } from '../../lib/api.ts';

export interface MailboxMessage {
  id: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  status: string;
  createdAt: string;
  template?: string;
}

export interface Mailbox {
  enabled: boolean;
  messages: MailboxMessage[];
}

export function fetchMailbox(signal?: AbortSignal): Promise<Mailbox> {
  return apiFetch<Mailbox>('/dev/mailbox', { signal });
}
