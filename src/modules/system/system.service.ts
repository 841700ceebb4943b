import type { AppDeps } from '../../kernel/deps.ts';

export function createSystemService(deps: Pick<AppDeps, 'database' | 'clock' | 'mailer' | 'config'>) {
  const { database, clock, mailer, config } = deps;
  return {
    async health() {
      try {
        await database.ping();
        return { status: 'ok' as const, database: database.kind, time: clock.now().toISOString() };
      } catch {
        return { status: 'unavailable' as const, database: database.kind };
      }
    },

    /** Messages carry login links, so the mailbox exists only in development without SMTP. */
    async devMailbox() {
      const enabled = !mailer.deliveryEnabled && config.nodeEnv !== 'production';
      if (!enabled) return { enabled, messages: [] };
      const rows = await mailer.listRecent(database.db);
      return {
        enabled,
        messages: rows.map((m) => ({
          id: m.id,
          from: m.fromAddress,
          to: m.toAddress,
          subject: m.subject,
          html: m.html,
          text: m.text,
          status: m.status,
          template: m.template,
          createdAt: m.createdAt.toISOString(),
        })),
      };
    },
  };
}
