import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDeps } from '../../../test/app.ts';
import { newId } from '../ids.ts';
import { type AuditAction, type AuditCursor, cliActor, decodeAuditCursor, encodeAuditCursor } from './index.ts';

const { deps, clock } = await createTestDeps();
const db = deps.database.db;
afterAll(() => deps.database.close());

describe('audit log (X-2)', () => {
  it('pages newest first without splitting or repeating entries of the same millisecond', async () => {
    const team = newId();
    // 23 entries over 5 instants: many share a millisecond.
    for (let i = 0; i < 23; i++) {
      if (i % 5 === 0) clock.advance(1);
      await deps.audit.record(db, { actor: cliActor, action: `a${i}` as AuditAction, entityType: 'test', masterAccountId: team });
    }
    await deps.audit.record(db, { actor: cliActor, action: 'other team' as AuditAction, entityType: 'test', masterAccountId: newId() });
    for (const limit of [1, 3, 4, 7, 50]) {
      const seen: string[] = [];
      let after: AuditCursor | undefined;
      for (;;) {
        const page = await deps.audit.listForMaster(db, team, { after, limit });
        seen.push(...page.map((r) => r.action));
        if (page.length < limit) break;
        after = page[page.length - 1];
      }
      expect(seen).toHaveLength(23);
      expect(new Set(seen).size).toBe(23);
    }
    const all = await deps.audit.listForMaster(db, team, { limit: 100 });
    const times = all.map((r) => r.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('cursor strings round-trip and reject garbage', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), fc.uuid(), (at, id) => {
        expect(decodeAuditCursor(encodeAuditCursor({ at, id }))).toEqual({ at, id });
      }),
    );
    expect(decodeAuditCursor('yesterday~x')).toBeNull();
    expect(decodeAuditCursor('2026-01-01T00:00:00Z')).toBeNull();
  });
});

describe('audit cursors (issue 7, finding 10)', () => {
  it('refuses crafted cursors before any query', () => {
    const id = '0191f5a2-1c2b-7c3d-8e4f-123456789abc';
    expect(decodeAuditCursor(`2026-01-01T00:00:00.000Z~${id}`)).not.toBeNull();
    expect(decodeAuditCursor(`2026-01-01T00:00:00Z~${'-'.repeat(36)}`)).toBeNull();
    expect(decodeAuditCursor(`+275760-09-13T00:00:00.000Z~${id}`)).toBeNull();
    expect(decodeAuditCursor(`2026-01-01T00:00:00Z~${id}~x`)).toBeNull();
    expect(decodeAuditCursor('garbage')).toBeNull();
  });
});
