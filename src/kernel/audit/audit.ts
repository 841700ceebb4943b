// modules call `record` inside the transaction of the change they log.
import type { Db } from '../../db/client.ts';
import type { Clock } from '../clock.ts';
import { newId } from '../ids.ts';
import { type AuditRow, createAuditRepository } from './audit.repository.ts';

/** Who acts and through what: built once per request (or CLI command, or job). */
export interface AuditActor {
  userId: string | null;
  /** Human-readable: an e-mail, "system", "cli". */
  label: string;
  via: 'session' | 'api_key' | 'cli' | 'system' | 'link';
  apiKeyId?: string | null;
  ip?: string | null;
}

/**
 * Every audit action of the product: each module adds its own (declaration merging from its
 * `<module>.audit.ts`), so recording an action nobody declared does not compile.
 */
// biome-ignore lint: filled by the modules
export interface AuditActionRegistry {}
export type AuditAction = keyof AuditActionRegistry & string;

/** An action's label for people, in both languages (the audit page). */
export type AuditActionLabels = Record<string, { en: string; es: string }>;

export function defineAuditActions<const T extends AuditActionLabels>(labels: T): T {
  return labels;
}

export interface AuditEntry {
  actor: AuditActor;
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  masterAccountId?: string | null;
  accountId?: string | null;
  details?: Record<string, unknown>;
}

export type { AuditRow };
export interface AuditCursor {
  at: Date;
  id: string;
}

/** The cursor as an opaque string for APIs: "<ISO time>~<id>". */
export function encodeAuditCursor(row: AuditCursor): string {
  return `${row.at.toISOString()}~${row.id}`;
}

const CURSOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Instants PostgreSQL's timestamptz and the audit log can hold (a crafted year 275760 cannot). */
const MIN_AT = Date.UTC(2000, 0, 1);
const MAX_AT = Date.UTC(9999, 11, 31);

/** Validates a cursor completely (issue 7, finding 10): anything else is null, never a query. */
export function decodeAuditCursor(value: string): AuditCursor | null {
  const parts = value.split('~');
  if (parts.length !== 2) return null;
  const [iso, id] = parts;
  const at = new Date(iso);
  const t = at.getTime();
  return CURSOR_ID.test(id) && !Number.isNaN(t) && t >= MIN_AT && t <= MAX_AT ? { at, id } : null;
}
export type Audit = ReturnType<typeof createAudit>;

export const systemActor: AuditActor = { userId: null, label: 'system', via: 'system' };
export const cliActor: AuditActor = { userId: null, label: 'cli', via: 'cli' };

export function createAudit(deps: { clock: Clock }) {
  const repo = createAuditRepository();
  return {
    async record(db: Db, entry: AuditEntry): Promise<void> {
      await repo.insert(db, {
        id: newId(),
        at: deps.clock.now(),
        masterAccountId: entry.masterAccountId ?? null,
        accountId: entry.accountId ?? null,
        actorUserId: entry.actor.userId,
        actorLabel: entry.actor.label,
        via: entry.actor.via,
        apiKeyId: entry.actor.apiKeyId ?? null,
        ip: entry.actor.ip ?? null,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId ?? null,
        details: entry.details ?? {},
      });
    },

    /**
     * Newest first, a page at a time. The cursor is (time, id) of the last entry seen,
     * so entries written in the same millisecond are never split or repeated.
     */
    async listForMaster(db: Db, masterAccountId: string, opts: { after?: AuditCursor; limit?: number } = {}): Promise<AuditRow[]> {
      return repo.listForMaster(db, masterAccountId, opts.after, opts.limit ?? 100);
    },
  };
}
