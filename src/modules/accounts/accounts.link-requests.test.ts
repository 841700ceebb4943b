// MA-5 (issue 7): the pending account links of a team, listed, sent again and cancelled.
// They are the links service's live links: what the owner sees pending is exactly what
// the e-mailed links still allow.
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.ts';
import { as, createFactories, type Login, TEST_PASSWORD } from '../../../test/factories.ts';
import { startSmtp } from '../../../test/smtp.ts';

const smtp = await startSmtp();
const ctx = await buildTestApp({ smtpUrl: smtp.url });
afterAll(() => smtp.close());
const { app } = ctx;
const db = ctx.deps.database.db;
const f = createFactories(db, () => ctx.clock.now());

let address = 0;
/** Each call from its own address: the link routes are rate-limited per address. */
const fresh = () => `10.19.${Math.floor(address / 250)}.${(address++ % 250) + 1}`;

function call(who: Login) {
  const inject = as(app, who);
  const base = (teamId: string) => `/api/v1/teams/${teamId}/accounts`;
  return {
    link: (teamId: string, username: string) =>
      inject({ method: 'POST', url: `${base(teamId)}/link`, payload: { username, password: TEST_PASSWORD }, remoteAddress: fresh() }),
    pending: (teamId: string) => inject({ url: `${base(teamId)}/link-requests` }),
    resend: (teamId: string, id: string) => inject({ method: 'POST', url: `${base(teamId)}/link-requests/${id}/resend`, remoteAddress: fresh() }),
    cancel: (teamId: string, id: string) => inject({ method: 'DELETE', url: `${base(teamId)}/link-requests/${id}` }),
  };
}
const info = (token: string) => app.inject({ url: `/api/v1/account-links/${token}`, remoteAddress: fresh() });
const confirm = (token: string) => app.inject({ method: 'POST', url: `/api/v1/account-links/${token}/confirm`, remoteAddress: fresh() });

async function tokensTo(email: string): Promise<string[]> {
  await ctx.deps.mailer.deliverDue(db);
  return smtp.received.filter((m) => m.to.includes(email.toLowerCase())).map((m) => /\/accounts\/link\/([A-Za-z0-9_-]+)/.exec(m.text)![1]!);
}
const actions = async (teamId: string) => (await ctx.deps.audit.listForMaster(db, teamId)).map((r) => r.action);

describe('pending account links (MA-5, issue 7)', () => {
  it('lists what waits for its e-mail, newest first; resending replaces the link; cancelling voids it; confirming ends it', async () => {
    const t = await f.team({ accounts: 1 });
    const owner = call(await f.login(t.owner));
    const first = await f.sellerAccount();
    const second = await f.sellerAccount();
    expect((await owner.link(t.teamId, first.username)).statusCode).toBe(202);
    ctx.clock.advance(60_000);
    expect((await owner.link(t.teamId, second.username)).statusCode).toBe(202);

    const listed = await owner.pending(t.teamId);
    expect(listed.statusCode).toBe(200);
    const requests = listed.json().requests as Array<{ id: string; accountId: string; username: string; pendingEmail: string; requestedAt: string; expiresAt: string }>;
    expect(requests.map((r) => r.username)).toEqual([second.username, first.username]);
    expect(requests[0]).toMatchObject({ accountId: second.id, nickname: second.username.toUpperCase(), requestedAt: ctx.clock.now().toISOString() });
    expect(requests[0]!.pendingEmail).toMatch(/^s\*+@/); // masked, as linkAccount answers
    expect(new Date(requests[0]!.expiresAt).getTime() - new Date(requests[0]!.requestedAt).getTime()).toBe(48 * 3_600_000);
    expect(JSON.stringify(listed.json())).not.toMatch(/token/i);

    // Resend: a new e-mail, a new link; the earlier link stops working.
    const [oldToken] = await tokensTo(`${first.username}@sellers.example.com`);
    const resent = await owner.resend(t.teamId, requests[1]!.id);
    expect(resent.statusCode).toBe(202);
    const tokens = await tokensTo(`${first.username}@sellers.example.com`);
    expect(tokens).toHaveLength(2);
    expect((await info(oldToken!)).json().status).toBe('used');
    expect((await info(tokens[1]!)).json().status).toBe('valid');
    const afterResend = (await owner.pending(t.teamId)).json().requests as Array<{ id: string; username: string }>;
    expect(afterResend.map((r) => r.username).sort()).toEqual([first.username, second.username].sort());
    expect(afterResend.map((r) => r.id)).not.toContain(requests[1]!.id);
    // The old request is gone: resending or cancelling it again answers "not found".
    expect((await owner.resend(t.teamId, requests[1]!.id)).json().error.code).toBe('link_request_not_found');

    // Cancel: the link stops working, the account stays free.
    const [secondToken] = await tokensTo(`${second.username}@sellers.example.com`);
    const cancelled = await owner.cancel(t.teamId, requests[0]!.id);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toEqual({ status: 'cancelled', requestId: requests[0]!.id });
    expect((await confirm(secondToken!)).statusCode).not.toBe(200);
    expect((await owner.cancel(t.teamId, requests[0]!.id)).statusCode).toBe(404);

    // Confirmed: no longer pending.
    expect((await confirm(tokens[1]!)).statusCode).toBe(200);
    expect((await owner.pending(t.teamId)).json().requests).toEqual([]);
    expect(await actions(t.teamId)).toEqual(expect.arrayContaining(['account.link_resent', 'account.link_cancelled']));
  });

  it("another team's request reads as missing and stays untouched; members and API keys do not see them", async () => {
    const t = await f.team({ accounts: 1 });
    const other = await f.team({ accounts: 1 });
    const owner = call(await f.login(t.owner));
    const stranger = call(await f.login(other.owner));
    const free = await f.sellerAccount();
    await owner.link(t.teamId, free.username);
    const [request] = (await owner.pending(t.teamId)).json().requests as Array<{ id: string }>;

    for (const res of [await stranger.resend(other.teamId, request!.id), await stranger.cancel(other.teamId, request!.id)]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('link_request_not_found');
    }
    expect((await stranger.pending(other.teamId)).json().requests).toEqual([]);
    expect((await owner.pending(t.teamId)).json().requests).toHaveLength(1); // still live

    const m = await f.member({ teamId: t.teamId, permissions: ['team.manage', 'api.write'] });
    const member = call(await f.login({ id: m.userId, email: m.email }));
    expect((await member.pending(t.teamId)).statusCode).toBe(403);
    expect((await member.cancel(t.teamId, request!.id)).statusCode).toBe(403);
    const byKey = await as(app, { apiKey: await f.apiKey(m.membershipId) })({ url: `/api/v1/teams/${t.teamId}/accounts/link-requests` });
    expect(byKey.statusCode).toBe(403);
  });
});
