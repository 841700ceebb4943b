// Test helpers for the team module: its API as one caller sees it, and the mailbox of
// the in-process SMTP server (links are read from what actually arrived).
import type { FastifyInstance } from 'fastify';
import type { TestContext } from './app.ts';
import { as, type Login } from './factories.ts';
import type { ReceivedMail, TestSmtp } from './smtp.ts';

let address = 0;
/** A distinct client address per call: public token routes are rate-limited per address. */
export const freshAddress = () => `10.77.${Math.floor(address / 250) % 250}.${(address++ % 250) + 1}`;

export function teamApi(app: FastifyInstance, who: Login | { apiKey: string } | null) {
  const call = as(app, who);
  const t = (teamId: string) => `/api/v1/teams/${teamId}`;
  return {
    call,
    members: (teamId: string) => call({ url: `${t(teamId)}/members` }),
    createMember: (teamId: string, payload: object) => call({ method: 'POST', url: `${t(teamId)}/members`, payload }),
    member: (teamId: string, id: string) => call({ url: `${t(teamId)}/members/${id}` }),
    updateMember: (teamId: string, id: string, payload: object) => call({ method: 'PATCH', url: `${t(teamId)}/members/${id}`, payload }),
    deleteMember: (teamId: string, id: string) => call({ method: 'DELETE', url: `${t(teamId)}/members/${id}` }),
    resetPassword: (teamId: string, id: string) => call({ method: 'POST', url: `${t(teamId)}/members/${id}/reset-password` }),
    renewKey: (teamId: string, id: string) => call({ method: 'POST', url: `${t(teamId)}/members/${id}/api-key` }),
    me: (teamId: string) => call({ url: `${t(teamId)}/me` }),
    renewMyKey: (teamId: string) => call({ method: 'POST', url: `${t(teamId)}/me/api-key` }),
    profiles: (teamId: string) => call({ url: `${t(teamId)}/profiles` }),
    createProfile: (teamId: string, payload: object) => call({ method: 'POST', url: `${t(teamId)}/profiles`, payload }),
    updateProfile: (teamId: string, id: string, payload: object) => call({ method: 'PATCH', url: `${t(teamId)}/profiles/${id}`, payload }),
    deleteProfile: (teamId: string, id: string) => call({ method: 'DELETE', url: `${t(teamId)}/profiles/${id}` }),
    invitations: (teamId: string) => call({ url: `${t(teamId)}/invitations` }),
    invite: (teamId: string, payload: object) => call({ method: 'POST', url: `${t(teamId)}/invitations`, payload }),
    resend: (teamId: string, id: string) => call({ method: 'POST', url: `${t(teamId)}/invitations/${id}/resend` }),
    revoke: (teamId: string, id: string) => call({ method: 'DELETE', url: `${t(teamId)}/invitations/${id}` }),
    audit: (teamId: string, query = '') => call({ url: `${t(teamId)}/audit${query}` }),
  };
}

/** The invitee's side: public links, each call from its own address. */
export function invitationLinks(app: FastifyInstance) {
  return {
    info: (token: string) => app.inject({ url: `/api/v1/invitations/${token}`, remoteAddress: freshAddress() }),
    accept: (token: string, payload?: object) =>
      app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, remoteAddress: freshAddress(), ...(payload ? { payload } : {}) }),
  };
}

export function mailbox(ctx: TestContext, smtp: TestSmtp) {
  const db = ctx.deps.database.db;
  async function to(email: string): Promise<ReceivedMail[]> {
    await ctx.deps.mailer.deliverDue(db);
    return smtp.received.filter((m) => m.to.includes(email));
  }
  return {
    to,
    async last(email: string): Promise<ReceivedMail> {
      const mail = (await to(email)).at(-1);
      if (!mail) throw new Error(`no mail to ${email}`);
      return mail;
    },
    /** The token of the last link under `path` (e.g. '/invitations/') sent to `email`. */
    async token(email: string, path: string): Promise<{ mail: ReceivedMail; token: string }> {
      const mail = (await to(email)).at(-1);
      if (!mail) throw new Error(`no mail to ${email}`);
      const m = new RegExp(`${path.replace(/\//g, '\\/')}([A-Za-z0-9_-]{20,})`).exec(mail.text);
      if (!m) throw new Error(`no ${path} link in: ${mail.text}`);
      return { mail, token: m[1] };
    },
  };
}
