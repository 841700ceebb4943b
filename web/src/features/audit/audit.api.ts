// The audit module's API: a page of the team's audit log, newest first. The shapes
// are the server's own schemas.
import type * as schemas from '@server/modules/audit/audit.schemas.ts';
import type { ApiResponse } from '../../lib/api.ts';

export type AuditPage = ApiResponse<typeof schemas.AuditPage>;
export type AuditEntry = AuditPage['entries'][number];
export type AuditVia = AuditEntry['via'];

export function auditPath(teamId: string, before?: string | null, limit = 50): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (before) query.set('before', before);
  return `/teams/${teamId}/audit?${query}`;
}
