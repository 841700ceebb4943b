// Runs the access check for every request, from the route's declared rule. Deny by
// default: a request whose route declares nothing is refused (the app also refuses to
// start with such a route, see kernel/http/route-access.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { accessErrors } from './access.errors.ts';
import { type AccessContext, type AccessRule, PUBLIC_CONTEXT } from './access.principals.ts';
import type { AccessService } from './access.service.ts';

export const SESSION_COOKIE = 'sid';
export const CSRF_COOKIE = 'csrf';
export const DEVICE_COOKIE = 'did';
/** Staff have their own session, so a staff login never mixes with a seller's. */
export const STAFF_SESSION_COOKIE = 'staff_sid';
export const STAFF_CSRF_COOKIE = 'staff_csrf';

export interface CookieNames {
  session: string;
  csrf: string;
  device: string;
  staffSession: string;
  staffCsrf: string;
}

/**
 * Over https every cookie takes the `__Host-` prefix (ASVS 3.3.1): the browser then accepts it
 * only from this host, over TLS, for path "/", so a sibling subdomain cannot plant one.
 */
export function cookieNames(secure: boolean): CookieNames {
  const name = (base: string) => (secure ? `__Host-${base}` : base);
  return { session: name(SESSION_COOKIE), csrf: name(CSRF_COOKIE), device: name(DEVICE_COOKIE), staffSession: name(STAFF_SESSION_COOKIE), staffCsrf: name(STAFF_CSRF_COOKIE) };
}

declare module 'fastify' {
  interface FastifyRequest {
    access: AccessContext;
  }
}

declare module '../../kernel/http/route-access.ts' {
  interface AccessRules {
    rule: AccessRule;
  }
}

function bearerOf(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1] : '';
}

export function registerAccessControl(app: FastifyInstance, access: AccessService, names: CookieNames): void {
  app.decorateRequest('access', null as unknown as AccessContext);
  app.addHook('preValidation', async (request) => {
    const rule = request.routeOptions.config?.access as AccessRule | undefined;
    if (!rule) {
      // Only the not-found handler runs without a route; it answers 404 (or the web app's page).
      if (request.is404) {
        request.access = PUBLIC_CONTEXT;
        return;
      }
      throw accessErrors.forbidden();
    }
    const header = request.headers['x-csrf-token'];
    request.access = await access.resolve(rule, {
      method: request.method,
      sessionToken: request.cookies[names.session],
      staffSessionToken: request.cookies[names.staffSession],
      csrfHeader: typeof header === 'string' ? header : undefined,
      bearer: bearerOf(request),
      ip: request.ip ?? null,
      params: (request.params ?? {}) as Record<string, string | undefined>,
    });
    // An explicit language choice (cookie) wins; otherwise the person's own.
    const principal = request.access.principal;
    if (principal && 'locale' in principal && !request.cookies.lang) request.locale = principal.locale;
  });
}
