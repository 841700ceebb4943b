// Every route declares who may call it (config.access). The app refuses to start
// with a route that does not, so no path can be added without a permission.
import type { FastifyInstance, RouteOptions } from 'fastify';

/**
 * 'public': anyone (health, sign-up, login, token links).
 * Other kinds are added by the access module (sessions, permissions, account scope).
 */
export type PublicAccess = { kind: 'public' };

export interface AccessRules {
  public: PublicAccess;
}
export type RouteAccess = AccessRules[keyof AccessRules];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Routes that are not part of the API contract (static files, docs UI). */
    internal?: boolean;
  }
}

export class UndeclaredAccessError extends Error {}

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

/** Collects the route table and rejects routes without an access declaration. */
export function enforceAccessDeclarations(
  app: FastifyInstance,
  table: DeclaredRoute[],
  /** URL prefixes served by third-party plugins that are not API (the docs UI, static files). */
  internalPrefixes: string[] = [],
): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { access?: RouteAccess; internal?: boolean; rootPath?: string };
    // rootPath marks the file routes that @fastify/static creates for the web app.
    if (config.internal || config.rootPath || internalPrefixes.some((p) => route.url.startsWith(p))) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((m) => m === 'HEAD' || m === 'OPTIONS')) return;
    if (!config.access) {
      throw new UndeclaredAccessError(`Route ${methods.join(',')} ${route.url} does not declare config.access`);
    }
    for (const method of methods) {
      if (method !== 'HEAD') table.push({ method, url: route.url, access: config.access });
    }
  });
}
