// Every route declares who may call it (config.access). The app refuses to start with a
// route that does not: no path can be added without a declaration, and there is no
// escape hatch. Routes that third-party plugins create (the API reference's assets, the
// web app's static files) are declared public here, explicitly, by prefix.
import type { FastifyInstance, RouteOptions } from 'fastify';

export type PublicAccess = { kind: 'public' };

/** The access module adds its rule kinds to this interface (declaration merging). */
export interface AccessRules {
  public: PublicAccess;
}
export type RouteAccess = AccessRules[keyof AccessRules];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export class UndeclaredAccessError extends Error {}

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

export interface PublicDeclarations {
  /** URL prefixes served by plugins that cannot carry a declaration (the API reference UI). */
  prefixes: string[];
  /** The web app's static files (@fastify/static marks its routes with `rootPath`). */
  staticFiles: boolean;
}

/** Collects the route table and rejects routes without an access declaration. */
export function enforceAccessDeclarations(app: FastifyInstance, table: DeclaredRoute[], declared: PublicDeclarations): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { access?: RouteAccess; rootPath?: string };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!config.access) {
      const isStatic = declared.staticFiles && config.rootPath !== undefined;
      if (isStatic || declared.prefixes.some((p) => route.url === p || route.url.startsWith(`${p}/`))) {
        route.config = { ...route.config, access: { kind: 'public' } };
        return; // plugin routes are not part of the API's table
      }
      throw new UndeclaredAccessError(`Route ${methods.join(',')} ${route.url} does not declare config.access`);
    }
    for (const method of methods) {
      if (method !== 'HEAD' && method !== 'OPTIONS') table.push({ method, url: route.url, access: config.access });
    }
  });
}
