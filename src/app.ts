// buildApp(deps) -> a Fastify instance with every module registered. The server
// and the tests build the app the same way; only the dependencies differ.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from './kernel/deps.ts';
import { httpErrors } from './kernel/errors.ts';
import { registerErrorHandling } from './kernel/http/error-handler.ts';
import { type DeclaredRoute, enforceAccessDeclarations } from './kernel/http/route-access.ts';
import { type Locale, negotiateLocale } from './kernel/i18n.ts';
import { newId } from './kernel/ids.ts';
import { createAccessService, registerAccessControl } from './modules/access/index.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { teamRoutes } from './modules/team/team.routes.ts';

export const WEB_DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');

export type { AppDeps };

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
    logger: deps.logger ?? { level: deps.config.logLevel },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : newId();
    },
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  const routeTable: DeclaredRoute[] = [];
  app.decorate('routeTable', routeTable);
  enforceAccessDeclarations(app, routeTable, ['/docs']);


  registerErrorHandling(app);
  registerAccessControl(app, createAccessService({ db: deps.database.db, clock: deps.clock }));

  await app.register(cookie, { secret: deps.config.sessionSecret });
  // After the cookie parser: the language cookie outranks Accept-Language.
  app.decorateRequest('locale', 'en');
  app.addHook('onRequest', async (request, reply) => {
    request.locale = negotiateLocale(request.cookies?.lang, request.headers['accept-language']);
    reply.header('x-request-id', request.id);
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => httpErrors.rate_limited({ params: { seconds: Math.ceil(context.ttl / 1000) } }),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Mostrador API',
        version: '1.0.0',
        description:
          'Back office for sellers of digital products. Authenticate with `Authorization: Bearer <api key>`; errors are `{ error: { code, message, field? } }` in the language of `Accept-Language` (es, en).',
      },
      components: {
        securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  app.get('/openapi.json', { config: { access: { kind: 'public' } }, schema: { hide: true } }, async () => app.swagger());

  await app.register(async (docs) => {
    docs.addHook('onSend', async (_req, reply) => {
      // The reference UI runs inline scripts of its own; loosen CSP for it alone.
      reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'",
      );
    });
    await docs.register(scalar, { routePrefix: '/docs', configuration: { url: '/openapi.json' } });
  });

  await app.register(systemRoutes);
  await app.register(authRoutes);
  await app.register(accountsRoutes);
  await app.register(teamRoutes);

  await registerWebApp(app);
  return app;
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
