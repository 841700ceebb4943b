// Outgoing mail: `enqueue` writes a rendered message into the outbox inside the
// caller's transaction (NOTIF-4); `deliverDue` sends what is due through SMTP.
import nodemailer from 'nodemailer';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../clock.ts';
import type { Locale } from '../i18n.ts';
import { newId } from '../ids.ts';
import { backoffMs, redactLinks, shouldGiveUp } from './mail.rules.ts';
import { type MailTemplate, renderMail } from './mail.templates.ts';
import { createOutboxRepository } from './outbox.repository.ts';

export interface MailerDeps {
  clock: Clock;
  from: string;
  /** smtp:// URL; without it messages stay in the outbox (development mailbox). */
  smtpUrl: string | undefined;
  /** Domain used in Message-IDs. */
  messageIdDomain: string;
}

export interface EnqueueInput<P> {
  template: MailTemplate<P>;
  params: P;
  to: string;
  locale: Locale;
  accountId?: string | null;
}

export type Mailer = ReturnType<typeof createMailer>;

export function createMailer(deps: MailerDeps) {
  const repo = createOutboxRepository();
  const transport = deps.smtpUrl ? nodemailer.createTransport(deps.smtpUrl) : null;

  /**
   * Messages written in one statement, in the caller's transaction (a batch of the ticket sweep:
   * one insert instead of one per message); their ids, in the order of `inputs`.
   */
  async function enqueueMany<P>(db: Db, inputs: ReadonlyArray<EnqueueInput<P>>): Promise<string[]> {
    if (inputs.length === 0) return [];
    const now = deps.clock.now();
    const rows = inputs.map((input) => {
      const rendered = renderMail(input.template, input.params, input.locale);
      const id = newId();
      return {
        id,
        messageId: `<${id}@${deps.messageIdDomain}>`,
        template: input.template.name,
        locale: input.locale,
        fromAddress: deps.from,
        toAddress: input.to,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        accountId: input.accountId ?? null,
        nextAttemptAt: now,
        createdAt: now,
      };
    });
    await repo.insertMany(db, rows);
    return rows.map((r) => r.id);
  }

  return {
    deliveryEnabled: transport !== null,

    async enqueue<P>(db: Db, input: EnqueueInput<P>): Promise<string> {
      const [id] = await enqueueMany(db, [input]);
      return id!;
    },

    enqueueMany,

    /** One delivery pass; returns how many messages were sent. */
    async deliverDue(db: Db, batch = 20): Promise<number> {
      if (!transport) return 0;
      const claimed = await repo.claimDue(db, deps.clock.now(), 5 * 60_000, batch);
      let sent = 0;
      for (const msg of claimed) {
        try {
          await transport.sendMail({
            from: msg.fromAddress,
            to: msg.toAddress,
            subject: msg.subject,
            html: msg.html,
            text: msg.text,
            messageId: msg.messageId,
            date: msg.createdAt,
          });
          await repo.markSent(db, msg.id, deps.clock.now(), { html: redactLinks(msg.html), text: redactLinks(msg.text) });
          sent++;
        } catch (e) {
          const now = deps.clock.now();
          await repo.markRetry(
            db,
            msg.id,
            new Date(now.getTime() + backoffMs(msg.attempts)),
            e instanceof Error ? e.message : String(e),
            shouldGiveUp(msg.attempts),
          );
        }
      }
      return sent;
    },

    listRecent: (db: Db, limit = 200) => repo.listRecent(db, limit),

    /** Deletes sent messages older than the retention period (MAIL_RETENTION_DAYS). */
    purgeSent: (db: Db, retentionMs: number) => repo.purgeSentBefore(db, new Date(deps.clock.now().getTime() - retentionMs)),

    close: () => transport?.close(),
  };
}
