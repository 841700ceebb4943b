// My profile (issue 7): the signed-in person's own name, e-mail language, password, PIN and
// security questions, sessions and API keys. Changes are web-only (a key must not change
// the login that owns it); the person's key may read its own team's key entry.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditActorOf } from '../access/index.ts';
import { authErrors } from './auth.errors.ts';
import { profileErrors } from './auth.profile.errors.ts';
import * as s from './auth.profile.schemas.ts';
import { createProfileService, type ProfileCaller } from './auth.profile.service.ts';

const tags = ['auth'];
const person = { kind: 'person' as const };
const web = { kind: 'person' as const, browserOnly: true };
/** Changes that check the current password: guesses, so limited per address too (the service counts them per person). */
const strict = { max: 20, timeWindow: '1 minute' };

const securityRules = [authErrors.questions_must_differ, authErrors.hint_reveals_answer, authErrors.invalid_pin];

export const authProfileRoutes: FastifyPluginAsyncZod = async (app) => {
  const profile = createProfileService(app.deps);

  const callerOf = (request: FastifyRequest): ProfileCaller => {
    const actor = request.access.actor!;
    return {
      userId: actor.userId,
      via: actor.via,
      sessionId: actor.sessionId,
      keyMembershipId: actor.keyMembershipId,
      actor: auditActorOf(request.access),
      userAgent: request.headers['user-agent'] ?? null,
    };
  };

  app.patch(
    '/api/v1/me',
    {
      config: { access: web },
      schema: {
        tags,
        operationId: 'updateMe',
        summary: 'Change my name or my e-mail language',
        description:
          '`locale` is the language of the e-mails Mostrador sends this person; the web app’s ES/EN switch changes only the screen (its `lang` cookie). Each real change is audited and e-mailed to the person, in the (new) e-mail language.',
        body: s.UpdateMeBody,
        response: { 200: s.Ok },
      },
    },
    async (request) => {
      await profile.updateMe(callerOf(request), request.body);
      return { status: 'ok' as const };
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      config: { access: web, rateLimit: strict },
      schema: {
        tags,
        operationId: 'changePassword',
        summary: 'Change my password (other sessions end)',
        description: 'Needs the current password; the new one must meet MA-3. The person gets an e-mail; every other session of theirs is logged out.',
        body: s.ChangePasswordBody,
        errors: [profileErrors.wrong_current_password, authErrors.password_policy],
        response: { 200: s.Ok },
      },
    },
    async (request) => {
      await profile.changePassword(callerOf(request), request.body.currentPassword, request.body.newPassword);
      return { status: 'ok' as const };
    },
  );

  app.get(
    '/api/v1/me/security',
    {
      config: { access: web },
      schema: { tags, operationId: 'getMySecurity', summary: 'Whether I have a PIN, and my two security questions (MA-1)', response: { 200: s.MySecurity } },
    },
    async (request) => profile.security(callerOf(request)),
  );

  app.put(
    '/api/v1/me/security',
    {
      config: { access: web, rateLimit: strict },
      schema: {
        tags,
        operationId: 'changeMySecurity',
        summary: 'Replace my PIN and security questions (MA-1)',
        description:
          'Needs the current password. Two different questions from `listSecurityQuestions`, each with an answer (compared without case or spaces) and a hint that must not contain it; a PIN of 4 to 6 digits. The person gets an e-mail.',
        body: s.ChangeSecurityBody,
        errors: [profileErrors.wrong_current_password, ...securityRules],
        response: { 200: s.Ok },
      },
    },
    async (request) => {
      await profile.changeSecurity(callerOf(request), request.body);
      return { status: 'ok' as const };
    },
  );

  app.get(
    '/api/v1/me/sessions',
    {
      config: { access: web },
      schema: { tags, operationId: 'listMySessions', summary: 'My open sessions and their devices, this one first', response: { 200: s.MySessions } },
    },
    async (request) => profile.listSessions(callerOf(request)),
  );

  app.delete(
    '/api/v1/me/sessions/:sessionId',
    {
      config: { access: web },
      schema: {
        tags,
        operationId: 'endMySession',
        summary: 'Log out one of my other sessions',
        description: 'The session must be another of this person’s (this one ends with `logout`, all of them with `logoutEverywhere`).',
        params: s.SessionParams,
        errors: [profileErrors.session_not_found, profileErrors.session_is_current],
        response: { 200: s.SessionEnded },
      },
    },
    async (request) => {
      await profile.endSession(callerOf(request), request.params.sessionId);
      return { status: 'ended' as const };
    },
  );

  app.get(
    '/api/v1/me/api-keys',
    {
      config: { access: person },
      schema: {
        tags,
        operationId: 'listMyApiKeys',
        summary: 'My API key in each of my teams, with its last use (TEAM-4)',
        description: 'By session, every team the person reaches on the web; by API key, that key’s own team. Keys are renewed per team with `renewMyKey`.',
        response: { 200: s.MyApiKeys },
      },
    },
    async (request) => profile.listApiKeys(callerOf(request)),
  );
};
