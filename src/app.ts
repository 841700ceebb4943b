// buildApp(deps) -> a Fastify instance with every module of src/modules.ts registered.
// The server and the tests build the app the same way; only the dependencies differ.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from './kernel/deps.ts';
import { httpErrors } from './kernel/errors.ts';
import { handleFrameworkError, registerErrorHandling } from './kernel/http/error-handler.ts';
import { registerAfterResponse } from './kernel/http/after-response.ts';
import { registerOpenApi } from './kernel/http/openapi.ts';
import { responseSerializerCompiler } from './kernel/http/response-serializer.ts';
import { registerTextGuard } from './kernel/http/text-guard.ts';
import { localeOf } from './kernel/http/request-locale.ts';
import { type DeclaredRoute, enforceAccessDeclarations } from './kernel/http/route-access.ts';
import type { Locale } from './kernel/i18n.ts';
import { newId } from './kernel/ids.ts';
import { cookieNames, createAccessService, registerAccessControl } from './modules/access/index.ts';
import { MODULES, mailCatalogue } from './modules.ts';
import './kernel/mail/catalogue.ts';

export const WEB_DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');

export type { AppDeps };

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
// Fastify types the factories after Ajv's compilers; zod's are called the same way.
const ZOD_COMPILERS = {
  compilersFactory: { buildValidator: () => validatorCompiler, buildSerializer: () => serializerCompiler } as unknown as CompilersFactory,
};

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
  }
  interface FastifyInstance {
    deps: AppDeps;
    routeTable: DeclaredRoute[];
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? loggerOptions(deps),
    // One line per request (the onResponse hook below), not Fastify's two; none for /health polls at info.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : newId();
    },
    bodyLimit: 1024 * 1024,
    // a client's address comes from X-Forwarded-For only through configured proxies.
    // (A hop count is documented Fastify behaviour its types omit.)
    trustProxy: deps.config.trustProxy as boolean | string[],
    routerOptions: { ignoreTrailingSlash: true },
    // zod compiles every schema (below); naming its compilers here too keeps Fastify from loading
    // Ajv and fast-json-stringify (~100 modules) at start only to leave them unused.
    schemaController: ZOD_COMPILERS,
    // The router's own refusals (bad URL, a path parameter over 100 characters) answer our error body.
    frameworkErrors: handleFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // Responses keep only their schema's fields; validated by zod too outside production (see the file).
  app.setSerializerCompiler(responseSerializerCompiler(deps.config.nodeEnv === 'production' ? 'projected' : 'checked'));
  app.decorate('deps', deps);
  registerAfterResponse(app);
  const routeTable: DeclaredRoute[] = [];
  app.decorate('routeTable', routeTable);
  // Declared public on purpose: the API reference UI and the web app's static files.
  enforceAccessDeclarations(app, routeTable, { prefixes: ['/docs'], staticFiles: true });

  registerErrorHandling(app);
  registerTextGuard(app);
  const secure = deps.config.baseUrl.startsWith('https:');
  registerAccessControl(
    app,
    createAccessService({ db: deps.database.db, clock: deps.clock, staffClock: deps.sandboxClock.base, links: deps.links, sessionMaxMs: deps.config.sessionMaxDays * 86_400_000 }),
    cookieNames(secure),
  );

  await app.register(cookie, { secret: deps.config.sessionSecret });
  // After the cookie parser: the language cookie outranks Accept-Language.
  app.decorateRequest('locale', 'en');
  app.addHook('onResponse', async (request, reply) => {
    // The route's pattern, never the raw URL: paths carry link tokens (X-5, secrets never reach logs).
    const route = request.routeOptions.url ?? '(no route)';
    const line = { method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (route === '/health' && reply.statusCode < 400) request.log.debug(line, 'request');
    else request.log.info(line, 'request');
  });
  app.addHook('onRequest', async (request, reply) => {
    // PLAT-4: every process reads the platform's shared sandbox time (at most once a second).
    await deps.sandboxClock.refresh(deps.database.db);
    request.locale = localeOf(request);
    reply.header('x-request-id', request.id);
  });
  const security = await securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // The app and /docs use the system's fonts; helmet's default would allow any https font.
        fontSrc: ["'self'", 'data:'],
        frameSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // HSTS only where the site is served over https: over http it is ignored at best.
    strictTransportSecurity: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(security);
    // API answers are never stored by a browser or a proxy: some carry API keys and links.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    done();
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => httpErrors.rate_limited({ params: { seconds: Math.ceil(context.ttl / 1000) } }),
  });

  await registerOpenApi(app, { tags: MODULES, cookies: cookieNames(secure) });

  // Every module's routes, from the one list of modules (src/modules.ts).
  // NOTIF-3: the notifications module lists every module's templates; the list is the app's.
  app.decorate('mailCatalogue', mailCatalogue());
  for (const module of MODULES) if (module.routes) await app.register(module.routes);

  await registerWebApp(app);
  return app;
}

/** JSON lines in production; readable, coloured lines at a developer's terminal. */
function loggerOptions(deps: AppDeps): object {
  const level = deps.config.logLevel;
  if (deps.config.nodeEnv !== 'development' || !process.stdout.isTTY) return { level };
  return { level, transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname,reqId', singleLine: true } } };
}

/**
 * Helmet's security headers, computed once with @fastify/helmet on a throwaway instance: the
 * plugin builds helmet's middleware anew on every request (the CSP parsed each time), measured
 * at ~80 µs of CPU per request, about 40 % of the HTTP stack's own cost on /health. The headers
 * depend on the options only, so every answer gets the same ones.
 */
async function securityHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false, schemaController: ZOD_COMPILERS });
  await probe.register(helmet, options);
  probe.get('/', async () => '');
  const res = await probe.inject('/');
  await probe.close();
  const framework = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);
  return Object.fromEntries(Object.entries(res.headers).filter(([name]) => !framework.has(name)).map(([name, value]) => [name, String(value)]));
}

/** Serves the built React app; unknown non-API GETs fall back to index.html (client routing). */
async function registerWebApp(app: FastifyInstance): Promise<void> {
  const hasWeb = existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasWeb) {
    // Registered on the root so the not-found handler below can send index.html.
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      !path.extname(request.url.split('?')[0]) &&
      hasWeb;
    if (wantsPage) return reply.type('text/html').sendFile('index.html');
    const err = httpErrors.route_not_found();
    return reply.status(err.status).send(err.toBody(request.locale));
  });
}
