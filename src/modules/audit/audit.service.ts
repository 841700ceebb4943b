// A team's audit log as its owner reads it: the kernel's log (src/kernel/audit),
// newest first, a page at a time, filtered by action, person and time (issue 7). Modules
// write entries; this module only reads them.
import type { AppDeps } from '../../kernel/deps.ts';
import { type AuditRow, decodeAuditCursor, encodeAuditCursor } from '../../kernel/audit/index.ts';
import type { AccessContext } from '../access/index.ts';
import { auditErrors } from './audit.errors.ts';
import { createAuditRepository } from './audit.repository.ts';
import type { AuditPageView, AuditQueryInput } from './audit.schemas.ts';

export type AuditService = ReturnType<typeof createAuditService>;

function entryView(r: AuditRow): AuditPageView['entries'][number] {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorUserId: r.actorUserId,
    actorLabel: r.actorLabel,
    via: r.via,
    apiKeyId: r.apiKeyId,
    ip: r.ip,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    accountId: r.accountId,
    details: r.details,
  };
}

export function createAuditService(deps: Pick<AppDeps, 'database'>) {
  const db = deps.database.db;
  const repo = createAuditRepository();

  return {
    /** The team's entries, newest first; who may read them (the owner) is declared on the route. */
    async teamPage(access: AccessContext, query: AuditQueryInput): Promise<AuditPageView> {
      if (!access.team) throw new Error('audit: route declared without a team access rule');
      const after = query.before ? decodeAuditCursor(query.before) : null;
      if (query.before && !after) throw auditErrors.invalid_cursor({ field: 'before' });
      const filter = {
        action: query.action,
        actorUserId: query.actorUserId,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      };
      // One more than asked for tells whether there is an older page.
      const rows = await repo.listForTeam(db, access.team.teamId, { after: after ?? undefined, limit: query.limit + 1, filter });
      const entries = rows.slice(0, query.limit);
      return {
        entries: entries.map(entryView),
        nextBefore: rows.length > query.limit ? encodeAuditCursor(entries[entries.length - 1]) : null,
      };
    },
  };
}
