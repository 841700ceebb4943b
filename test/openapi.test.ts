// The API contract (/openapi.json) as scripts and API clients rely on it: every operation
// named (verb first), tagged, with its security, its error answers on the shared Error
// schema and an example for each request body; instants and e-mails with their formats;
// and the reference at /docs served from this server. `npm run lint:api` lints the same
// document with Redocly and Spectral; this keeps `npm test` catching regressions too.
import { describe, expect, it } from 'vitest';
import { securityOf } from '../src/kernel/http/openapi.ts';
import { type AccessRule, cookieNames, principalsOf } from '../src/modules/access/index.ts';
import { buildTestApp } from './app.ts';

const ctx = await buildTestApp();

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { example?: unknown; examples?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

const doc = (await ctx.app.inject('/openapi.json')).json() as {
  openapi: string;
  servers: { url: string }[];
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ path, method: method.toUpperCase(), op, name: `${method.toUpperCase()} ${path}` })),
);

/** Verbs an operationId may start with; a new one is added here on purpose. */
const VERBS = [
  'get', 'list', 'search', 'export', 'download', 'create', 'add', 'update', 'set', 'clear', 'change', 'delete', 'remove',
  'renew', 'send', 'resend', 'revoke', 'accept', 'reject', 'approve', 'cancel', 'confirm', 'complete', 'request', 'reset',
  'link', 'unlink', 'login', 'logout', 'sign', 'start', 'end', 'close', 'reopen', 'refund', 'enable', 'disable', 'retry', 'redeliver', 'preview', 'reactivate',
  // Tickets (API-1, PLAT-1, PLAT-2): `staffOpenTicket` is the issue's own name for the staff's opening.
  'open', 'comment', 'escalate', 'decide', 'staffOpen',
];

/** Public, without any input and without a rate limit: nothing they can answer is a 4xx. */
const CANNOT_ANSWER_4XX = ['getHealth', 'getDevMailbox', 'listSecurityQuestions', 'getPermissionCatalog', 'listMailTemplates', 'getMailTemplatesPdf'];

/** operationIds that scripts call by name: renaming one breaks them. */
const SCRIPTED = {
  listMembers: 'GET /api/v1/teams/{teamId}/members',
  createMember: 'POST /api/v1/teams/{teamId}/members',
  getMember: 'GET /api/v1/teams/{teamId}/members/{memberId}',
  updateMember: 'PATCH /api/v1/teams/{teamId}/members/{memberId}',
  deleteMember: 'DELETE /api/v1/teams/{teamId}/members/{memberId}',
  renewMemberKey: 'POST /api/v1/teams/{teamId}/members/{memberId}/api-key',
  listAccounts: 'GET /api/v1/teams/{teamId}/accounts',
  updateAccount: 'PATCH /api/v1/accounts/{accountId}',
};

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with the configured server address', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0].url).toBe(ctx.config.baseUrl);
  });

  it('names every operation once, camelCase and verb first, and keeps the names scripts use', () => {
    const ids = operations.map((o) => o.op.operationId);
    for (const { name, op } of operations) {
      expect(op.operationId, name).toMatch(/^[a-z][a-zA-Z0-9]+$/);
      expect(VERBS.some((v) => op.operationId!.startsWith(v) && /^[A-Z]?$/.test(op.operationId!.charAt(v.length))), `${name}: ${op.operationId}`).toBe(true);
    }
    expect(new Set(ids).size).toBe(ids.length);
    const byId = Object.fromEntries(operations.map((o) => [o.op.operationId, o.name]));
    for (const [id, route] of Object.entries(SCRIPTED)) expect(byId[id], id).toBe(route);
  });

  it('gives every operation one tag, described at the top level, and a summary', () => {
    const described = new Map(doc.tags.map((t) => [t.name, t.description]));
    for (const { name, op } of operations) {
      expect(op.tags, name).toHaveLength(1);
      expect(described.get(op.tags![0]), `${name}: tag ${op.tags![0]} has no description`).toBeTruthy();
      expect(op.summary, name).toBeTruthy();
      expect(op.description, name).toMatch(/\*\*Who may call:\*\*/);
    }
  });

  it('states every operation’s security, in the schemes the document defines', () => {
    const cookies = cookieNames(ctx.config.baseUrl.startsWith('https:'));
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: cookies.session });
    expect(doc.components.securitySchemes.staffSession).toMatchObject({ type: 'apiKey', in: 'cookie', name: cookies.staffSession });
    for (const { name, op } of operations) {
      expect(Array.isArray(op.security), `${name} has no security`).toBe(true);
      for (const requirement of op.security!) {
        for (const scheme of Object.keys(requirement)) expect(doc.components.securitySchemes[scheme], `${name}: ${scheme}`).toBeDefined();
      }
      if (op.security!.length > 0) expect(op.responses['401'], `${name}: signed-in only, so it can answer 401`).toBeDefined();
    }
  });

  it('agrees with the access module on who may call each route', () => {
    for (const route of ctx.app.routeTable) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[path]?.[route.method.toLowerCase()];
      if (!op) continue; // not part of the contract (hidden)
      const principals = principalsOf(route.access as AccessRule);
      const schemes = new Set((op.security ?? []).flatMap((r) => Object.keys(r)));
      const name = `${route.method} ${route.url}`;
      expect(schemes.size === 0, `${name}: public or link only <=> no security`).toBe(principals.every((p) => p === 'anyone' || p.startsWith('buyer_link:')));
      expect(schemes.has('bearer'), `${name}: an API key <=> bearer`).toBe(principals.some((p) => p.endsWith(':api_key')));
      expect(schemes.has('session'), `${name}: a member session`).toBe(principals.includes('member:session'));
      expect(schemes.has('staffSession'), `${name}: a staff session`).toBe(principals.includes('staff:session'));
    }
  });

  it('answers errors with the shared Error schema, and documents a 4xx wherever one can happen', () => {
    expect(doc.components.schemas.Error).toBeDefined();
    const without4xx: string[] = [];
    for (const { name, op } of operations) {
      const errors = Object.entries(op.responses).filter(([status]) => /^[45]/.test(status));
      expect(op.responses['500'], `${name}: 500`).toBeDefined();
      for (const [status, response] of errors) {
        if (name === 'GET /health' && status === '503') continue; // health answers its own shape
        expect(response.content?.['application/json']?.schema?.$ref, `${name} ${status}`).toBe('#/components/schemas/Error');
      }
      if (!errors.some(([status]) => status.startsWith('4'))) without4xx.push(op.operationId!);
    }
    expect(without4xx.sort()).toEqual([...CANNOT_ANSWER_4XX].sort());
  });

  it('has an example for every request body', () => {
    for (const { name, op } of operations) {
      if (!op.requestBody) continue;
      const media = op.requestBody.content['application/json'];
      expect(media.example ?? media.examples, name).toBeDefined();
    }
  });

  it('marks instants as date-time and e-mail addresses as email', () => {
    const wrong: string[] = [];
    const formatOf = (schema: { format?: string; anyOf?: { format?: string }[] }) => schema.format ?? schema.anyOf?.find((s) => s.format)?.format;
    const walk = (node: unknown, at: string) => {
      if (!node || typeof node !== 'object') return;
      const { properties } = node as { properties?: Record<string, object> };
      for (const [key, schema] of Object.entries(properties ?? {})) {
        // pendingEmail is masked (a***@example.com), not an address
        if (/(At|^at|^time)$/.test(key) && formatOf(schema) !== 'date-time') wrong.push(`${at}.${key} (date-time)`);
        if (/(^email|Email|^to|^sentTo)$/.test(key) && key !== 'pendingEmail' && formatOf(schema) !== 'email') wrong.push(`${at}.${key} (email)`);
      }
      for (const [key, child] of Object.entries(node)) walk(child, `${at}/${key}`);
    };
    walk(doc.paths, '');
    expect(wrong).toEqual([]);
  });
});

describe('securityOf', () => {
  it('maps each kind of caller to its schemes; a kind it does not know yet gets the member schemes', () => {
    expect(securityOf({ kind: 'public' }, 'POST')).toEqual([]);
    expect(securityOf({ kind: 'link' }, 'POST')).toEqual([]);
    expect(securityOf({ kind: 'team', need: 'member' }, 'GET')).toEqual([{ bearer: [] }, { session: [] }]);
    expect(securityOf({ kind: 'team', need: 'owner' }, 'PATCH')).toEqual([{ bearer: [] }, { session: [], csrf: [] }]);
    expect(securityOf({ kind: 'person', browserOnly: true }, 'POST')).toEqual([{ session: [], csrf: [] }]);
    expect(securityOf({ kind: 'staff' }, 'PUT')).toEqual([{ bearer: [] }, { staffSession: [], csrf: [] }]);
    expect(securityOf({ kind: 'something_new' }, 'GET')).toEqual([{ bearer: [] }, { session: [] }]);
  });
});

describe('/docs', () => {
  it('serves the reference from this server: no outside scripts, styles or fonts', async () => {
    const page = await ctx.app.inject('/docs/');
    expect(page.statusCode).toBe(200);
    const refs = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(3);
    for (const ref of refs) expect(ref, ref).not.toMatch(/^(https?:)?\/\//);
    for (const ref of refs.filter((r) => r.startsWith('./'))) {
      expect((await ctx.app.inject(`/docs/${ref.slice(2)}`)).statusCode, ref).toBe(200);
    }
    // The app's own policy applies: scripts from this server only, none inline.
    const scriptSrc = String(page.headers['content-security-policy']).split(';').find((d) => d.trim().startsWith('script-src'));
    expect(scriptSrc?.trim()).toBe("script-src 'self'");
  });

  it('fills the servers with the address the page was loaded from, then the configured one', async () => {
    const spec = (await ctx.app.inject({ url: '/docs/json', headers: { host: 'docs.mostrador.test:8080' } })).json() as { servers: { url: string }[] };
    expect(spec.servers.map((s) => s.url)).toEqual(['http://docs.mostrador.test:8080', ctx.config.baseUrl]);
  });

  it('links back to the app and preauthorizes the CSRF header for signed-in people', async () => {
    const js = await ctx.app.inject('/docs/static/theme/mostrador.js');
    expect(js.body).toContain("back.href = '/'");
    const init = await ctx.app.inject('/docs/static/swagger-initializer.js');
    expect(init.body).toContain("preauthorizeApiKey('csrf'");
    expect(init.body).toContain('"persistAuthorization":true');
  });
});
