// Platform staff's own login (PLAT-*): set the password from the one-time link, log in
// with the PIN as second step, their session and API key. What staff do to sellers lives
// in the modules it concerns (the abuse flag in accounts), declared `{ kind: 'staff' }`.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { cookieNames, type StaffPrincipal } from '../access/index.ts';
import { staffErrors as e } from './staff.errors.ts';
import * as s from './staff.schemas.ts';
import { createStaffService, type StaffSession } from './staff.service.ts';

const tags = ['staff'];
const pub = { kind: 'public' as const };
const staffOnly = { kind: 'staff' as const };
const staffBrowser = { kind: 'staff' as const, browserOnly: true };
const strict = { max: 10, timeWindow: '1 minute' };

export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createStaffService(app.deps);
  const secure = app.deps.config.baseUrl.startsWith('https:');
  const names = cookieNames(secure);
  const principal = (p: unknown) => p as StaffPrincipal;

  function setCookies(reply: FastifyReply, session: StaffSession) {
    const base = { path: '/', sameSite: 'strict' as const, secure, expires: session.expiresAt };
    reply.setCookie(names.staffSession, session.token, { ...base, httpOnly: true });
    reply.setCookie(names.staffCsrf, session.csrf, { ...base, httpOnly: false });
  }

  app.get(
    '/api/v1/staff/password/:token',
    {
      config: { access: pub, rateLimit: strict },
      schema: { tags, operationId: 'getStaffPasswordLink', summary: 'State of a staff set-password link', params: s.TokenParams, response: { 200: s.StaffLinkInfo } },
    },
    async (request) => service.passwordLinkInfo(request.params.token),
  );

  app.post(
    '/api/v1/staff/password',
    {
      config: { access: pub, rateLimit: strict },
      schema: {
        tags,
        operationId: 'setStaffPassword',
        summary: 'Set the password and PIN from the one-time link',
        description: 'The link is printed by `npm run cli -- staff:create`; it works once. Every staff session ends.',
        body: s.StaffSetPasswordBody,
        errors: [e.password_policy, e.invalid_pin, e.token_invalid, e.token_expired, e.token_used],
        response: { 200: s.Ok },
      },
    },
    async (request) => {
      await service.setPassword(request.body, request.ip ?? null);
      return { status: 'ok' as const };
    },
  );

  app.post(
    '/api/v1/staff/login',
    {
      config: { access: pub, rateLimit: strict },
      schema: {
        tags,
        operationId: 'loginStaff',
        summary: 'Staff login, first step: e-mail and password',
        description: 'Answers a challenge; every staff login then asks the PIN (`completeStaffLogin`).',
        body: s.StaffLoginBody,
        errors: [e.invalid_credentials],
        response: { 200: s.StaffChallenge },
      },
    },
    async (request) => ({ status: 'second_step' as const, ...(await service.login(request.body.email, request.body.password)) }),
  );

  app.post(
    '/api/v1/staff/login/second-step',
    {
      config: { access: pub, rateLimit: strict },
      schema: { tags, operationId: 'completeStaffLogin', summary: 'Staff login, second step: the PIN; sets the staff session cookie', body: s.StaffSecondStepBody, errors: [e.wrong_pin, e.challenge_expired], response: { 200: s.Ok } },
    },
    async (request, reply) => {
      setCookies(reply, await service.secondStep(request.body.challengeId, request.body.pin, request.ip ?? null));
      return { status: 'ok' as const };
    },
  );

  app.post(
    '/api/v1/staff/logout',
    { config: { access: staffBrowser }, schema: { tags, operationId: 'logoutStaff', summary: 'End this staff session', response: { 200: s.Ok } } },
    async (request, reply) => {
      await service.logout(principal(request.access.principal));
      reply.clearCookie(names.staffSession, { path: '/' });
      reply.clearCookie(names.staffCsrf, { path: '/' });
      return { status: 'ok' as const };
    },
  );

  app.get(
    '/api/v1/staff/me',
    { config: { access: staffOnly }, schema: { tags, operationId: 'getStaffMe', summary: 'The signed-in staff person', response: { 200: s.StaffMe } } },
    async (request) => service.me(principal(request.access.principal)),
  );

  // Web only: a leaked key must not be able to replace itself.
  app.post(
    '/api/v1/staff/me/api-key',
    {
      config: { access: staffBrowser },
      schema: { tags, operationId: 'renewStaffApiKey', summary: 'Renew my staff API key; returned this once', response: { 200: s.StaffKeyIssued } },
    },
    async (request) => service.renewApiKey(principal(request.access.principal)),
  );
};
