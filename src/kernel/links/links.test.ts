// The links service on a real database: hashed tokens, single use under a race,
// replacement, revocation by subject, links valid until revoked.
import { describe, expect, it } from 'vitest';
import { createTestDeps } from '../../../test/app.ts';
import { newId, sha256 } from '../ids.ts';
import { defineLinkPurpose } from './index.ts';

const { deps, clock } = await createTestDeps();
const db = deps.database.db;
const { links } = deps;

const once = defineLinkPurpose<{ n: string }>({ name: 'test.once', ttlMs: 3_600_000, singleUse: true, grants: 'none', about: 'user', replacesEarlier: true });
const lasting = defineLinkPurpose({ name: 'test.order_page', ttlMs: null, singleUse: false, grants: 'buyer', about: 'order' });

describe('links (X-5)', () => {
  it('stores only the hash of a 256-bit token and gives the payload back', async () => {
    const user = newId();
    const raw = await links.issue(db, once, { about: user, payload: { n: '1' } });
    expect(Buffer.from(raw, 'base64url')).toHaveLength(32);
    const rows = await deps.database.db.execute<{ token_hash: string }>(`select token_hash from links where purpose = 'test.once'` as never);
    const hashes = (rows as unknown as { rows: Array<{ token_hash: string }> }).rows.map((r) => r.token_hash);
    expect(hashes).toContain(sha256(raw));
    expect(hashes).not.toContain(raw);
    expect(await links.inspect(db, once, raw)).toMatchObject({ status: 'valid', link: { about: user, payload: { n: '1' } } });
  });

  it('a single-use link is used once, even by parallel callers', async () => {
    const raw = await links.issue(db, once, { about: newId() });
    const results = await Promise.all(Array.from({ length: 6 }, () => links.use(db, once, raw)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await links.inspect(db, once, raw)).status).toBe('used');
  });

  it('a new link of a replacing purpose voids the earlier one about the same subject only', async () => {
    const [a, b] = [newId(), newId()];
    const first = await links.issue(db, once, { about: a });
    const other = await links.issue(db, once, { about: b });
    const second = await links.issue(db, once, { about: a });
    expect((await links.inspect(db, once, first)).status).toBe('revoked');
    expect((await links.inspect(db, once, other)).status).toBe('valid');
    expect(await links.use(db, once, first)).toBeNull();
    expect(await links.use(db, once, second)).not.toBeNull();
  });

  it('expires after its time to live; a purpose without one lasts until revoked, by any of its subjects', async () => {
    const raw = await links.issue(db, once, { about: newId() });
    clock.advance(3_600_000);
    expect((await links.inspect(db, once, raw)).status).toBe('expired');
    expect(await links.use(db, once, raw)).toBeNull();

    const order = newId();
    const buyer = newId();
    const page = await links.issue(db, lasting, { about: order, alsoAbout: [`buyer:${buyer}`] });
    clock.advance(400 * 86_400_000);
    expect(await links.use(db, lasting, page)).not.toBeNull();
    expect(await links.use(db, lasting, page)).not.toBeNull(); // reusable
    expect(await links.revoke(db, { type: 'buyer', id: buyer })).toBe(1);
    expect((await links.inspect(db, lasting, page)).status).toBe('revoked');
  });

  it('lists the live links of a purpose by payload, newest first, and revokes one by id', async () => {
    const pending = defineLinkPurpose<{ team: string; account: string }>({ name: 'test.pending', ttlMs: 3_600_000, singleUse: true, grants: 'none', about: 'account' });
    const team = newId();
    const used = await links.issue(db, pending, { about: newId(), payload: { team, account: 'a0' } });
    await links.use(db, pending, used);
    const revoked = await links.issue(db, pending, { about: newId(), payload: { team, account: 'a1' } });
    await links.issue(db, pending, { about: newId(), payload: { team: newId(), account: 'other team' } });
    clock.advance(1_000);
    await links.issue(db, pending, { about: newId(), payload: { team, account: 'a2' } });
    clock.advance(1_000);
    const newest = await links.issue(db, pending, { about: newId(), payload: { team, account: 'a3' } });
    await links.revoke(db, { type: 'account', id: (await links.inspect(db, pending, revoked)).link!.about });

    const live = await links.listLive(db, pending, { team });
    expect(live.map((l) => l.payload.account)).toEqual(['a3', 'a2']);
    expect(await links.listLive(db, once, { team } as never)).toEqual([]);

    const gone = await links.revokeById(db, pending, live[0]!.id);
    expect(gone?.payload).toEqual({ team, account: 'a3' });
    expect((await links.inspect(db, pending, newest)).status).toBe('revoked');
    expect(await links.revokeById(db, pending, live[0]!.id)).toBeNull(); // not live any more
    expect(await links.revokeById(db, once, live[1]!.id)).toBeNull(); // another purpose's id
    expect((await links.listLive(db, pending, { team })).map((l) => l.payload.account)).toEqual(['a2']);
    clock.advance(3_600_000);
    expect(await links.listLive(db, pending, { team })).toEqual([]); // expired
  });

  it('a token of one purpose does nothing for another, and junk never reaches the database', async () => {
    const raw = await links.issue(db, once, { about: newId() });
    expect((await links.inspect(db, lasting, raw)).status).toBe('invalid');
    expect((await links.inspect(db, once, '../../etc')).status).toBe('invalid');
  });
});
