// The audit module's API: a page of the team's audit log, newest first. The shapes
// are the server's own schemas.
import type * as schemas from '@server/modules/audit/audit.schemas.ts';
import type { ApiResponse } from '../../lib/api.ts';

export type AuditPage = ApiResponse<typeof schemas.AuditPage>;
export type AuditEntry = AuditPage['entries'][number];
export type AuditVia = AuditEntry['via'];

/** The page's filters as the API takes them (issue 7): an action, who acted, instants from (inclusive) and to (exclusive). */
export interface AuditFilter {
  action?: string;
  actorUserId?: string;
  from?: string;
  to?: string;
}

export function auditPath(teamId: string, before?: string | null, filter: AuditFilter = {}, limit = 50): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (before) query.set('before', before);
  for (const [name, value] of Object.entries(filter)) if (value) query.set(name, value);
  return `/teams/${teamId}/audit?${query}`;
}
