// The audit log: one service every module calls to record changes.
export { createAudit, decodeAuditCursor, encodeAuditCursor, systemActor, cliActor, type AuditCursor, type Audit, type AuditActor, type AuditEntry, type AuditRow, type AuditAction, type AuditActionLabels, defineAuditActions } from './audit.ts';
export { auditLog } from './audit.tables.ts';
