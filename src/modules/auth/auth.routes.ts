// Sign-up, login (with its second step), logout, passwords, and "me".
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { cookieNames } from '../access/index.ts';
import { accountsErrors } from '../accounts/index.ts';
import { authErrors as e } from './auth.errors.ts';
import * as s from './auth.schemas.ts';
import { type ClientInfo, createAuthService, type NewSession } from './auth.service.ts';
import { SECURITY_QUESTIONS } from './password.rules.ts';

const tags = ['auth'];
const pub = { kind: 'public' as const };
/** Per IP; the per-person lock of MA-4 sits in the service. */
const strict = { max: 20, timeWindow: '1 minute' };

// For the API contract (schema.errors): what an e-mailed link answers when it cannot be used.
const linkUnusable = [e.token_invalid, e.token_expired, e.token_used];

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createAuthService(app.deps);
  const secure = app.deps.config.baseUrl.startsWith('https:');
  const names = cookieNames(secure);

  const client = (request: FastifyRequest): ClientInfo => ({
    ip: request.ip ?? null,
    userAgent: request.headers['user-agent'] ?? null,
    deviceToken: request.cookies[names.device],
    sessionToken: request.cookies[names.session],
  });

  function setSessionCookies(reply: FastifyReply, session: NewSession) {
    const base = { path: '/', sameSite: 'lax' as const, secure };
    reply.setCookie(names.session, session.token, { ...base, httpOnly: true, expires: session.expiresAt });
    // Readable by the page, echoed in x-csrf-token on every change (double submit).
    reply.setCookie(names.csrf, session.csrf, { ...base, httpOnly: false, expires: session.expiresAt });
    setDeviceCookie(reply, session.deviceToken);
  }
  function setDeviceCookie(reply: FastifyReply, deviceToken: string) {
    reply.setCookie(names.device, deviceToken, { path: '/', sameSite: 'lax', secure, httpOnly: true, maxAge: 400 * 86_400 });
  }
  function clearSessionCookies(reply: FastifyReply) {
    reply.clearCookie(names.session, { path: '/' });
    reply.clearCookie(names.csrf, { path: '/' });
  }

  app.get(
    '/api/v1/auth/security-questions',
    { config: { access: pub }, schema: { tags, operationId: 'listSecurityQuestions', summary: 'Security questions to choose from (MA-1)', response: { 200: s.SecurityQuestionsResponse } } },
    async (request) => ({ questions: SECURITY_QUESTIONS.map((q) => ({ id: q.id, label: q[request.locale] })) }),
  );

  app.post(
    '/api/v1/auth/signup',
    {
      config: { access: pub, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        operationId: 'signUp',
        summary: 'Sign up for a master account, opening a new seller account or bringing one (MA-1, ACC-2)',
        description:
          'The first seller account is either opened (`newAccount`: username, time zone, language, currency; a taken username answers 409 `username_taken`) or an existing one, checked with its username and password. Then a link is e-mailed to confirm the address (`confirmSignup`); nothing is created or usable before that (the PIN and questions wait in the link). Signing up again with an unconfirmed address replaces the earlier attempt; an address that already has a login gets the same answer, and its owner an e-mail.',
        body: s.SignupBody,
        errors: [
          e.questions_must_differ,
          e.hint_reveals_answer,
          e.invalid_pin,
          accountsErrors.account_credentials_invalid,
          accountsErrors.username_taken,
          accountsErrors.invalid_username,
          accountsErrors.invalid_time_zone,
          accountsErrors.unsupported_currency,
        ],
        response: { 202: s.Accepted },
      },
    },
    async (request, reply) => {
      const { pendingEmail } = await service.signup(request.body, client(request));
      return reply.status(202).send({ status: 'accepted' as const, pendingEmail });
    },
  );

  app.get(
    '/api/v1/auth/signup/:token',
    { config: { access: pub }, schema: { tags, operationId: 'getSignupLink', summary: 'State of a sign-up confirmation link (MA-2)', params: s.TokenParams, response: { 200: s.SignupTokenInfo } } },
    async (request) => service.signupTokenInfo(request.params.token),
  );

  app.post(
    '/api/v1/auth/signup/confirm',
    {
      config: { access: pub, rateLimit: strict },
      schema: {
        tags,
        operationId: 'confirmSignup',
        summary: 'Confirm the e-mail and create the password (MA-2, MA-3)',
        description:
          'With the token of the e-mailed link: creates the password, links the seller account given at sign-up or opens the new one (whose classic login takes the same password), and sets the session cookies: the person is logged in as the owner.',
        body: s.ConfirmSignupBody,
        errors: [e.password_policy, ...linkUnusable, accountsErrors.account_linked_elsewhere, accountsErrors.username_taken_meanwhile],
        response: { 200: s.SignupConfirmed },
      },
    },
    async (request, reply) => {
      const { session, accountId, opened } = await service.confirmSignup(request.body.token, request.body.password, client(request));
      setSessionCookies(reply, session);
      return { status: 'ok' as const, loggedIn: true, accountId, accountOpened: opened };
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: pub, rateLimit: strict },
      schema: {
        tags,
        operationId: 'login',
        summary: 'Log in with e-mail and password (MA-4)',
        description:
          'Answers `ok` with the session cookies set, or `second_step` with a challenge when the second step is due (a new device, or failed attempts): then call `completeLogin` with the PIN and the answer to the question shown. Guesses are throttled per person and per address; a locked login answers exactly like a wrong password (401 `invalid_credentials`), except from a device the person has logged in from.',
        body: s.LoginBody,
        errors: [e.invalid_credentials, e.too_many_challenges, e.api_only_member, e.access_disabled],
        response: { 200: s.LoginResponse },
      },
    },
    async (request, reply) => {
      const result = await service.login(request.body.email, request.body.password, client(request));
      if (result.kind === 'session') {
        setSessionCookies(reply, result.session);
        return { status: 'ok' as const };
      }
      setDeviceCookie(reply, result.deviceToken);
      return { status: 'second_step' as const, challengeId: result.challengeId, questionId: result.questionId, hint: result.hint };
    },
  );

  app.post(
    '/api/v1/auth/login/second-step',
    {
      config: { access: pub, rateLimit: strict },
      schema: { tags, operationId: 'completeLogin', summary: 'Log in, second step: the PIN and the security answer; sets the session cookies (MA-4)', body: s.SecondStepBody, errors: [e.second_step_failed, e.challenge_expired], response: { 200: s.Ok } },
    },
    async (request, reply) => {
      const session = await service.secondStep(request.body.challengeId, request.body.pin, request.body.answer, client(request));
      setSessionCookies(reply, session);
      return { status: 'ok' as const };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { access: { kind: 'session' } }, schema: { tags, operationId: 'logout', summary: 'End this session', response: { 200: s.Ok } } },
    async (request, reply) => {
      await service.logout(request.cookies[names.session]);
      clearSessionCookies(reply);
      return { status: 'ok' as const };
    },
  );

  app.post(
    '/api/v1/auth/logout-everywhere',
    { config: { access: { kind: 'session' } }, schema: { tags, operationId: 'logoutEverywhere', summary: 'End every session of this person', response: { 200: s.Ok } } },
    async (request, reply) => {
      await service.logoutEverywhere(request.access.actor!.userId);
      clearSessionCookies(reply);
      return { status: 'ok' as const };
    },
  );

  app.post(
    '/api/v1/auth/password/forgot',
    {
      config: { access: pub, rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: { tags, operationId: 'requestPasswordReset', summary: 'E-mail a password reset link (answers the same for unknown e-mails)', body: s.ForgotBody, response: { 202: s.Accepted } },
    },
    async (request, reply) => {
      // Answer first, the same for everyone; the lookup, link and e-mail happen after.
      const { email } = request.body;
      const { locale } = request;
      app.afterResponse(() => service.forgotPassword(email, locale));
      return reply.status(202).send({ status: 'accepted' as const });
    },
  );

  for (const [path, purpose, names, errors] of [
    ['reset', 'password_reset', { info: 'getPasswordResetLink', use: 'resetPassword' }, [e.password_policy, ...linkUnusable, e.verification_required, e.second_step_failed]],
    ['set', 'password_set', { info: 'getPasswordSetLink', use: 'setPassword' }, [e.password_policy, ...linkUnusable]],
  ] as const) {
    app.get(
      `/api/v1/auth/password/${path}/:token`,
      { config: { access: pub }, schema: { tags, operationId: names.info, summary: `State of a password ${path} link`, params: s.TokenParams, response: { 200: s.PasswordTokenInfo } } },
      async (request) => service.passwordTokenInfo(request.params.token, purpose),
    );
    app.post(
      `/api/v1/auth/password/${path}`,
      {
        config: { access: pub, rateLimit: strict },
        schema: { tags, operationId: names.use, summary: `Set a password from an e-mailed ${path} link`, body: s.SetPasswordBody, errors, response: { 200: s.SessionResponse } },
      },
      async (request, reply) => {
        const { token, ...input } = request.body;
        const session = await service.setPasswordWithToken(token, purpose, input, client(request));
        if (session) setSessionCookies(reply, session);
        else clearSessionCookies(reply);
        return { status: 'ok' as const, loggedIn: session !== null };
      },
    );
  }

  app.get(
    '/api/v1/me',
    { config: { access: { kind: 'person' } }, schema: { tags, operationId: 'getMe', summary: 'The signed-in person and every team they belong to (TEAM-9)', response: { 200: s.MeResponse } } },
    async (request) => {
      const actor = request.access.actor!;
      return service.me(actor.userId, actor.via, actor.keyMembershipId);
    },
  );

  // PATCH /me and POST /me/password: My profile's (auth.profile.routes.ts).
};
