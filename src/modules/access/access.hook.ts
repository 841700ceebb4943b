// Runs the access check for every route, from the route's declared rule.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccessContext, AccessRule, AccessService } from './access.service.ts';

export const SESSION_COOKIE = 'sid';
export const CSRF_COOKIE = 'csrf';
export const DEVICE_COOKIE = 'did';

declare module 'fastify' {
  interface FastifyRequest {
    access: AccessContext;
  }
}

declare module '../../kernel/http/route-access.ts' {
  interface AccessRules {
    user: Extract<AccessRule, { kind: 'user' }>;
    team: Extract<AccessRule, { kind: 'team' }>;
    account: Extract<AccessRule, { kind: 'account' }>;
  }
}

function bearerOf(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1] : '';
}

export function registerAccessControl(app: FastifyInstance, access: AccessService): void {
  app.decorateRequest('access', null as unknown as AccessContext);
  app.addHook('preValidation', async (request) => {
    const rule = request.routeOptions.config?.access as AccessRule | undefined;
    if (!rule) return; // internal routes (docs UI, static files) and 404s
    const header = request.headers['x-csrf-token'];
    request.access = await access.resolve(rule, {
      method: request.method,
      sessionToken: request.cookies[SESSION_COOKIE],
      csrfHeader: typeof header === 'string' ? header : undefined,
      bearer: bearerOf(request),
      ip: request.ip ?? null,
      params: (request.params ?? {}) as Record<string, string | undefined>,
    });
    // An explicit language choice (cookie) wins; otherwise the person's own.
    if (request.access.actor && !request.cookies.lang) request.locale = request.access.actor.locale;
  });
}
