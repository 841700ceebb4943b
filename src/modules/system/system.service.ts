import type { AppDeps } from '../../kernel/deps.ts';

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopback(ip: string | null): boolean {
  if (!ip) return false;
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

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

    /**
     * Messages carry live login links, so the mailbox exists only in development without SMTP,
     * and answers only the machine itself unless DEV_MAILBOX=on (issue 7, finding 8).
     */
    async devMailbox(clientIp: string | null) {
      const reachable = config.devMailbox === 'on' || (config.devMailbox === 'loopback' && isLoopback(clientIp));
      const enabled = !mailer.deliveryEnabled && config.nodeEnv !== 'production' && reachable;
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
