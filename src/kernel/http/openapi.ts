// The API contract: the OpenAPI 3.1 document served at /openapi.json, and its
// browsable reference at /docs. Route files say only what they alone know (operationId,
// summary, description, tag, request examples, the errors of their own module); what a
// route already declares is turned into the contract here, once: its security from
// config.access, its error answers from its inputs, access and rate limit. The document
// is linted by `npm run lint:api` (scripts/lint-api.ts) and checked by test/openapi.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import swagger, { type SwaggerTransformObject } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AppError, type ErrorFactory, httpErrors } from '../errors.ts';
import { ErrorBody } from './contract.ts';

declare module 'fastify' {
  interface FastifySchema {
    /**
     * The module errors this route may answer with (e.g. `[teamErrors.already_member]`):
     * their statuses join the ones derived from the route (400, 401, 403, 404, 413, 415,
     * 429, 500) and their codes are listed under each status. Documentation only.
     */
    errors?: readonly ErrorFactory[];
  }
}

export const OPENAPI_PATH = '/openapi.json';
export const DOCS_PREFIX = '/docs';

/** A tag of the document: one per module (a module descriptor has both fields). */
export interface ApiTag {
  name: string;
  description: string;
}

// --- security -------------------------------------------------------------------------

/** The cookies a browser session is carried in (named by the access module; `__Host-` prefixed over https). */
export interface SessionCookies {
  session: string;
  csrf: string;
  staffSession: string;
  staffCsrf: string;
}

/** The security schemes of the document. Bearer first: it is what API clients use, and the reference lists it first. */
export function securitySchemes(cookies: SessionCookies) {
  return {
    bearer: {
      type: 'http',
      scheme: 'bearer',
      description:
        "An API key: `Authorization: Bearer <key>`. A team member's key belongs to one membership, so to one team, and works for reads with the `api.read` permission and for changes with `api.write` (the owner's always works); platform staff have keys of their own.",
    },
    session: {
      type: 'apiKey',
      in: 'cookie',
      name: cookies.session,
      description: 'The browser session that logging in sets (httpOnly). Changes made with it also need the `csrf` scheme.',
    },
    csrf: {
      type: 'apiKey',
      in: 'header',
      name: 'X-CSRF-Token',
      description: `Double submit: the value of the \`${cookies.csrf}\` cookie (\`${cookies.staffCsrf}\` for staff), echoed on every change (POST, PATCH, PUT, DELETE) made with a session.`,
    },
    staffSession: {
      type: 'apiKey',
      in: 'cookie',
      name: cookies.staffSession,
      description: "Platform staff's browser session (httpOnly), apart from sellers' sessions. Changes made with it also need the `csrf` scheme.",
    },
  } as const;
}

type SecurityRequirement = Partial<Record<keyof ReturnType<typeof securitySchemes>, string[]>>;

/**
 * The part of an access rule (config.access) the contract reads. Structural on purpose:
 * the access module owns the rule's union and adds kinds to it; the default branches
 * below give a new kind a sensible contract until it gets a case of its own.
 */
export interface AccessLike {
  kind: string;
  /** A permission, `owner`, `member`, or any one of several permissions. */
  need?: string | { anyOf: readonly string[] };
  browserOnly?: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Who may call, as OpenAPI security requirements (alternatives; the schemes in one are all needed). */
export function securityOf(access: AccessLike, method: string): SecurityRequirement[] {
  const change = !SAFE_METHODS.has(method);
  const session: SecurityRequirement = change ? { session: [], csrf: [] } : { session: [] };
  switch (access.kind) {
    case 'public':
    case 'link': // the e-mailed token in the path is the credential
      return [];
    case 'session': // a live browser session, even with no team left (log out)
      return [session];
    case 'staff': {
      const staffSession: SecurityRequirement = change ? { staffSession: [], csrf: [] } : { staffSession: [] };
      return access.browserOnly ? [staffSession] : [{ bearer: [] }, staffSession];
    }
    default:
      // Members (user, person, team, account) and any kind added later: an API key or a browser session.
      return access.browserOnly ? [session] : [{ bearer: [] }, session];
  }
}

function needText(need: AccessLike['need']): string {
  if (typeof need === 'object') return `the owner, or a member holding any of ${need.anyOf.map((p) => `\`${p}\``).join(', ')}`;
  if (!need || need === 'member') return 'any member';
  if (need === 'owner') return 'the owner only';
  return `the owner, or a member holding the \`${need}\` permission`;
}

/** Who may call, in words, for the operation's description. */
export function accessText(access: AccessLike): string {
  const channel = access.browserOnly
    ? 'By browser session only (an API key is refused).'
    : 'By API key or browser session.';
  switch (access.kind) {
    case 'public':
      return 'Public: no credentials needed.';
    case 'link':
      return 'Public: the token of the e-mailed link, in the path, is the credential.';
    case 'session':
      return 'Any live browser session.';
    case 'user':
    case 'person':
      return `Any signed-in person. ${channel}`;
    case 'team':
      return `A member of the team in the path: ${needText(access.need)}. ${channel}`;
    case 'account':
      return `A member of the team that holds the seller account in the path, with that account in their scope: ${needText(access.need)}. ${channel}`;
    case 'staff':
      return `Platform staff. ${channel}`;
    default:
      return `Callers admitted by the \`${access.kind}\` access rule. ${channel}`;
  }
}

// --- error answers ------------------------------------------------------------------------

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input: a value (`validation_failed`, `error.field` names it), an unknown field (`unknown_field`), or a body that is not JSON (`invalid_json`).',
  401: 'Not signed in (`not_authenticated`), or the API key is unknown or disabled (`invalid_api_key`).',
  403: 'Not allowed: a permission or the account scope is missing (`forbidden`), the key may not do this (`api_not_allowed`), the CSRF header does not match the session (`csrf_failed`), or the operation is browser-only (`browser_only`).',
  404: "Not found, or outside the caller's reach: both answer alike, so ids cannot be probed.",
  409: 'Conflicts with the current state.',
  410: 'The link has expired or was already used.',
  413: 'The body is larger than 1 MiB (`payload_too_large`).',
  415: 'The body is not JSON (`unsupported_media_type`).',
  429: 'Too many requests (`rate_limited`); wait the seconds in `Retry-After`.',
  500: 'Something failed on our side (`internal`); the message never carries details. Quote the `X-Request-Id` header.',
  503: 'The service is not available right now.',
};

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface RouteFacts {
  method: string;
  access: AccessLike | undefined;
  hasInput: boolean;
  hasParams: boolean;
  rateLimited: boolean;
  declared: readonly ErrorFactory[];
}

/** The error statuses a route can answer with, and the codes behind each (declared ones). */
export function errorStatusesOf(route: RouteFacts): Map<number, { code: string; message: string }[]> {
  const statuses = new Map<number, { code: string; message: string }[]>();
  const add = (status: number) => statuses.get(status) ?? statuses.set(status, []).get(status)!;
  const isPublic = !route.access || route.access.kind === 'public';
  const bodyMethod = BODY_METHODS.has(route.method);
  if (route.hasInput || bodyMethod) add(400);
  if (!isPublic && route.access?.kind !== 'link') {
    add(401);
    add(403);
  }
  // What the path names (a team, an account, a member) may be missing or out of reach.
  if (!isPublic && route.hasParams) add(404);
  if (route.access?.kind === 'link') add(410);
  if (bodyMethod) {
    add(413);
    add(415);
  }
  if (route.rateLimited) add(429);
  add(500);
  for (const factory of route.declared) {
    const e = factory();
    const list = add(e.status);
    if (!list.some((c) => c.code === e.code)) list.push({ code: e.code, message: e.messageIn('en') });
  }
  return new Map([...statuses.entries()].sort(([a], [b]) => a - b));
}

type ErrorExample = { code: string; message: string; field?: string };

/** The usual answer of each status, shown first among an operation's examples. */
function typicalError(status: number): ErrorExample | undefined {
  const of = (e: AppError): ErrorExample => ({ code: e.code, message: e.messageIn('en'), ...(e.field ? { field: e.field } : {}) });
  switch (status) {
    case 400:
      return of(httpErrors.validation_failed({ field: 'email', params: { detail: 'Invalid email address' } }));
    case 401: // the access module's codes (the kernel does not import modules)
      return { code: 'not_authenticated', message: 'Please log in' };
    case 403:
      return { code: 'forbidden', message: 'You do not have permission to do this' };
    case 404:
      return of(httpErrors.not_found());
    case 413:
      return of(httpErrors.payload_too_large());
    case 415:
      return of(httpErrors.unsupported_media_type());
    case 429:
      return of(httpErrors.rate_limited({ params: { seconds: 60 } }));
    case 500:
      return of(httpErrors.internal());
    default:
      return undefined;
  }
}

function errorResponse(status: number, codes: ErrorExample[], rateLimited: boolean) {
  const general = ERROR_TEXT[status] ?? 'An error.';
  const description = codes.length
    ? `${general}\n\nThis operation also answers:\n${codes.map((c) => `- \`${c.code}\`: ${c.message}`).join('\n')}`
    : general;
  const typical = typicalError(status);
  const shown = [...(typical && !codes.some((c) => c.code === typical.code) ? [typical] : []), ...codes];
  const examples = Object.fromEntries(shown.map((c) => [c.code, { summary: c.message, value: { error: c } }]));
  return {
    description,
    ...(status === 429 && rateLimited
      ? { headers: { 'retry-after': { type: 'integer', description: 'Seconds until a new request is accepted' } } }
      : {}),
    content: {
      'application/json': {
        schema: { $ref: '#/components/schemas/Error' },
        ...(shown.length ? { examples } : {}),
      },
    },
  };
}

// --- the transform --------------------------------------------------------------------------

const SUCCESS_TEXT: Record<string, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'Done; no body' };

/** An answer's description (swagger's placeholder is "Default Response"), unless the schema gives one. */
function described(status: string, json: unknown): unknown {
  if (!json || typeof json !== 'object' || 'description' in json || 'x-response-description' in json) return json;
  const text = SUCCESS_TEXT[status] ?? ERROR_TEXT[Number(status)];
  return text ? { ...json, 'x-response-description': text } : json;
}

/**
 * A body's examples become the request's example only at the top of its schema: a body
 * that may also be absent (`.nullish()`) keeps them on its object branch, so lift them.
 */
function withExample(body: unknown): unknown {
  const json = body as { examples?: unknown[]; anyOf?: { examples?: unknown[] }[] };
  if (json.examples || !json.anyOf) return body;
  const examples = json.anyOf.find((branch) => branch.examples)?.examples;
  return examples ? { ...json, examples } : body;
}

type Schema = Record<string, unknown> & { response?: Record<string, unknown>; errors?: readonly ErrorFactory[] };

/** jsonSchemaTransform (zod -> JSON Schema), then what the route's declarations imply. */
function transform(input: Parameters<typeof jsonSchemaTransform>[0]): ReturnType<typeof jsonSchemaTransform> {
  const declared = (input.schema as Schema | undefined)?.errors ?? [];
  const result = jsonSchemaTransform(input);
  const schema = result.schema as Schema;
  if (schema.hide) return result;
  const route = input.route as RouteOptions;
  const method = (Array.isArray(route.method) ? route.method[0] : route.method).toUpperCase();
  const config = (route.config ?? {}) as { access?: AccessLike; rateLimit?: unknown };
  const access = config.access;
  const { errors: _errors, ...rest } = schema;
  const facts: RouteFacts = {
    method,
    access,
    hasInput: Boolean(rest.body || rest.params || rest.querystring || rest.headers),
    hasParams: Boolean(rest.params) || route.url.includes(':'),
    rateLimited: Boolean(config.rateLimit),
    declared,
  };
  const response: Record<string, unknown> = {};
  for (const [status, json] of Object.entries(rest.response ?? {})) response[status] = described(status, json);
  for (const [status, codes] of errorStatusesOf(facts)) {
    if (!(String(status) in response)) response[String(status)] = errorResponse(status, codes, facts.rateLimited);
  }
  const who = access ? `**Who may call:** ${accessText(access)}` : '';
  const description = [rest.description, who].filter(Boolean).join('\n\n');
  return {
    url: result.url,
    schema: {
      ...rest,
      ...(description ? { description } : {}),
      ...(rest.body ? { body: withExample(rest.body) } : {}),
      ...(access ? { security: securityOf(access, method) } : {}),
      response,
    },
  };
}

// --- registration -----------------------------------------------------------------------------

function errorComponent() {
  const { $schema: _ignored, ...json } = z.toJSONSchema(ErrorBody, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  return json;
}

/** The app's favicon, from src/kernel/http/ or from the built dist/ file. */
const here = path.dirname(fileURLToPath(import.meta.url));
const faviconPath = [path.join(here, '..', '..', '..', 'web', 'public', 'favicon.svg'), path.join(here, '..', 'web', 'public', 'favicon.svg')].find((p) => existsSync(p));

/** Our own look for the reference: a header with the way back to the app, no vendor branding. */
const DOCS_CSS = `
body { margin: 0; background: #f5f7fa; }
.mostrador-bar { display: flex; align-items: center; gap: 1rem; padding: 0.75rem 1.5rem; background: #1f4e79; color: #fff;
  font: 600 1rem/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.mostrador-bar a { color: #fff; text-decoration: none; font-weight: 500; }
.mostrador-bar a:hover, .mostrador-bar a:focus { text-decoration: underline; }
.mostrador-bar .mostrador-title { margin-right: auto; }
.swagger-ui .information-container { padding-top: 0.5rem; }
`;

/** Runs at the end of the page's body, before Swagger UI renders into #swagger-ui. */
const DOCS_JS = `(function () {
  var bar = document.createElement('header');
  bar.className = 'mostrador-bar';
  var title = document.createElement('span');
  title.className = 'mostrador-title';
  title.textContent = 'Mostrador API';
  var back = document.createElement('a');
  back.href = '/';
  back.textContent = '\\u2190 Back to Mostrador';
  var raw = document.createElement('a');
  raw.href = '${OPENAPI_PATH}';
  raw.textContent = 'openapi.json';
  bar.appendChild(title);
  bar.appendChild(raw);
  bar.appendChild(back);
  document.body.insertBefore(bar, document.body.firstChild);
  // The bearer scheme is what API clients use: the Authorize dialog opens on it, ready to type.
  document.addEventListener('click', function (event) {
    if (!event.target.closest || !event.target.closest('.btn.authorize')) return;
    var tries = 0;
    (function focusBearer() {
      var input = document.querySelector('.modal-ux .auth-container input');
      if (!input) { if (++tries < 50) setTimeout(focusBearer, 20); return; }
      var content = document.querySelector('.modal-ux-content');
      input.focus({ preventScroll: true });
      if (content) content.scrollTop = 0;
    })();
  });
})();`;

/**
 * Runs in the browser once the reference has loaded, in the scope of swagger-initializer.js
 * where `ui` is the Swagger UI instance. Someone signed in to the app already sends the
 * session cookie; echoing the readable csrf cookie lets "Try it out" make changes too.
 */
function onDocsComplete(cookies: SessionCookies): string {
  const read = (name: string) => `(/(?:^|;\\s*)${name.replace(/[^\w-]/g, '')}=([^;]+)/.exec(document.cookie) || [])[1]`;
  return `
  var csrf = ${read(cookies.csrf)} || ${read(cookies.staffCsrf)};
  if (csrf && typeof ui !== 'undefined') ui.preauthorizeApiKey('csrf', decodeURIComponent(csrf));
`;
}

export interface OpenApiOptions {
  /** One per module, with its description (the module descriptors). Only the tags some operation uses are listed. */
  tags: readonly ApiTag[];
  /** The session cookies' names, as the access module sets them. */
  cookies: SessionCookies;
}

/** The document's tags: those the operations use, in the order given, each with its description. */
function usedTags(document: Record<string, unknown>, known: readonly ApiTag[]): ApiTag[] | { name: string }[] {
  const used = new Set<string>();
  for (const item of Object.values((document.paths ?? {}) as Record<string, Record<string, { tags?: string[] }>>)) {
    for (const operation of Object.values(item)) for (const tag of operation.tags ?? []) used.add(tag);
  }
  const listed = known.filter((t) => used.has(t.name)).map(({ name, description }) => ({ name, description }));
  // A tag no module describes stays visible (and fails the lint for its missing description).
  const unlisted = [...used].filter((name) => !known.some((t) => t.name === name)).map((name) => ({ name }));
  return [...listed, ...unlisted];
}

/** Swagger document generation, /openapi.json, and the reference UI at /docs. */
export async function registerOpenApi(app: FastifyInstance, options: OpenApiOptions): Promise<void> {
  const { baseUrl } = app.deps.config;
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Mostrador API',
        version: '1.0.0',
        description: [
          'Back office for sellers of digital products.',
          '',
          "**Authentication.** API clients send a team member's key: `Authorization: Bearer <key>`. The web app uses the session cookie, and echoes the `csrf` cookie in `X-CSRF-Token` on every change. Each operation lists what it accepts.",
          '',
          '**Errors** are `{ "error": { "code", "message", "field"?, "details"? } }` (the `Error` schema). `code` is stable; `message` is in the language of the `lang` cookie or `Accept-Language` (es, en).',
          '',
          '**Instants** are ISO 8601 in UTC (`2026-01-05T12:00:00.000Z`).',
        ].join('\n'),
        contact: { name: 'Mostrador', url: baseUrl },
        // Not open source; an SPDX reference of our own, as the license object needs a url or an identifier.
        license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
      },
      servers: [{ url: baseUrl, description: 'This server' }],
      components: {
        securitySchemes: securitySchemes(options.cookies) as unknown as Record<string, never>,
        schemas: { Error: errorComponent() as never },
      },
    },
    transform,
    transformObject: (document) => {
      const openapiObject = ('openapiObject' in document ? document.openapiObject : {}) as Record<string, unknown>;
      const { paths, components, ...head } = openapiObject;
      return { ...head, tags: usedTags(openapiObject, options.tags), paths, components } as ReturnType<SwaggerTransformObject>;
    },
  });

  app.get(OPENAPI_PATH, { config: { access: { kind: 'public' } }, schema: { hide: true } }, async () => app.swagger());

  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    // No outside requests: no validator badge, assets served from this server.
    validatorUrl: false,
    logo: null as never,
    uiConfig: {
      // BaseLayout: no vendor top bar (logo, "Explore" box); our own bar comes from the theme.
      layout: 'BaseLayout',
      deepLinking: true,
      persistAuthorization: true,
      displayOperationId: true,
      docExpansion: 'list',
      defaultModelsExpandDepth: 0,
      // A function's source is what the plugin writes into the page: built from text, so it is exactly this.
      onComplete: new Function(onDocsComplete(options.cookies)) as () => void,
    },
    theme: {
      title: 'Mostrador API',
      css: [{ filename: 'mostrador.css', content: DOCS_CSS }],
      js: [{ filename: 'mostrador.js', content: DOCS_JS }],
      ...(faviconPath
        ? { favicon: [{ filename: 'favicon.svg', rel: 'icon', type: 'image/svg+xml', sizes: 'any', content: readFileSync(faviconPath) }] }
        : {}),
    },
    // "Try it out" calls the address the page came from (CSP connect-src 'self'), then the configured one.
    transformSpecification: (spec: Readonly<Record<string, unknown>>, request: FastifyRequest) => {
      const here = `${request.protocol}://${request.host}`;
      const servers = here === baseUrl ? [{ url: baseUrl, description: 'This server' }] : [{ url: here, description: 'This server' }, { url: baseUrl, description: 'The configured address' }];
      return { ...spec, servers };
    },
  });
}
